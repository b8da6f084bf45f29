package org.imagetagger.scan.boundary;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Path;
import java.util.List;
import org.imagetagger.scan.control.PlanningInBackground;
import org.imagetagger.scan.control.ScanPlanner;
import org.imagetagger.scan.control.Scans;
import org.imagetagger.scan.entity.ScanMode;
import org.imagetagger.similarity.control.ImageEmbeddings;

/**
 * First step of a scan: queues the files to tag ({@link ScanPlanner}), and returns once the first of them are queued;
 * the rest are queued while the tagging step runs ({@link PlanningInBackground}). An execution that joins a scan, or
 * restarts one that was planned, skips it.
 */
@Dependent
@Named
public class ScanPlanningBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String scanId;

    @Inject
    @BatchProperty
    String role;

    @Inject
    @BatchProperty
    String mode;

    /** A single file to tag instead of the whole folder (re-tag); empty for a folder scan. */
    @Inject
    @BatchProperty
    String path;

    /** Files the watcher saw settle, one per line relative to the folder, to check instead of walking it. */
    @Inject
    @BatchProperty
    String paths;

    @Inject
    JobContext job;

    @Inject
    ScanPlanner planner;

    @Inject
    PlanningInBackground planning;

    @Inject
    Scans scans;

    @Inject
    ImageEmbeddings embeddings;

    @Override
    public String process() {
        Scans.ScanRow scan = scans.find(Long.parseLong(scanId)).orElseThrow(() -> new IllegalStateException("no scan " + scanId));
        if (!"plan".equals(role) || scan.planned()) {
            return "JOINED";
        }
        List<Path> listed = paths == null || paths.isBlank() ? List.of()
                : paths.lines().filter(line -> !line.isBlank()).map(Path::of).toList();
        ScanMode scanMode = ScanMode.parse(mode);
        Path singleFile = path == null || path.isBlank() ? null : Path.of(path);
        try {
            return planning.start(job.getExecutionId(), pages -> {
                long queued = planner.plan(scan.scanId(), scan.folderId(), scanMode, singleFile, listed, pages);
                // Mode stale also gives images tagged before search by meaning (or under another embedding model) their
                // embeddings; the queued files are meanwhile tagged (issue 14).
                long embedded = scanMode == ScanMode.STALE ? embeddings.fillMissing(scan.folderId()) : 0;
                return "QUEUED " + queued + (embedded > 0 ? ", EMBEDDED " + embedded : "");
            }).orElse("PLANNING");
        } catch (ScanPlanner.UnscannableFolderException e) {
            job.setExitStatus("FAILED: " + e.getMessage());
            throw e;
        }
    }
}
