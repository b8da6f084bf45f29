package org.imagetagger.scan.boundary;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Path;
import java.util.List;
import org.imagetagger.scan.control.ScanPlanner;
import org.imagetagger.scan.control.Scans;
import org.imagetagger.scan.entity.ScanMode;

/** First step of a scan: queues the files to tag ({@link ScanPlanner}); an execution that joins a scan skips it. */
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
    Scans scans;

    @Override
    public String process() {
        Scans.ScanRow scan = scans.find(Long.parseLong(scanId)).orElseThrow(() -> new IllegalStateException("no scan " + scanId));
        if (!"plan".equals(role) || scan.planned()) {
            return "JOINED";
        }
        List<Path> listed = paths == null || paths.isBlank() ? List.of()
                : paths.lines().filter(line -> !line.isBlank()).map(Path::of).toList();
        try {
            long queued = planner.plan(scan.scanId(), scan.folderId(), ScanMode.parse(mode),
                    path == null || path.isBlank() ? null : Path.of(path), listed);
            return "QUEUED " + queued;
        } catch (ScanPlanner.UnscannableFolderException e) {
            job.setExitStatus("FAILED: " + e.getMessage());
            throw e;
        }
    }
}
