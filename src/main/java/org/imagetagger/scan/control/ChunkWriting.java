package org.imagetagger.scan.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imagetagger.scan.entity.FileOutcome;
import org.imagetagger.scan.entity.ImageOutcome;
import org.imagetagger.sidecar.control.Sidecars;
import org.imagetagger.sidecar.control.XmpSidecar;
import org.imagetagger.similarity.control.ImageEmbeddings;

/**
 * One chunk, in the chunk's transaction: the claims it still owns become DONE (fencing), their outcomes are
 * written to the catalog with the scan's counters, then the keywords already in the files and the sidecars.
 */
@ApplicationScoped
public class ChunkWriting {

    private static final System.Logger LOG = System.getLogger(ChunkWriting.class.getName());

    @Inject
    WorkQueue queue;

    @Inject
    OutcomeRecorder recorder;

    @Inject
    Scans scans;

    @Inject
    Sidecars sidecars;

    @Inject
    ImageEmbeddings embeddings;

    public void write(long scanId, long executionId, List<FileOutcome> outcomes) {
        Set<Long> owned = queue.completeOwned(scanId, executionId, outcomes.stream().map(FileOutcome::claim).toList());
        List<ImageOutcome> mine = outcomes.stream().filter(o -> owned.contains(o.claim().seq())).map(FileOutcome::outcome).toList();
        if (mine.size() < outcomes.size()) {
            LOG.log(Level.WARNING, "{0} files of scan {1} were claimed again while execution {2} analysed them: not written by it",
                    outcomes.size() - mine.size(), scanId, executionId);
        }
        if (mine.isEmpty()) {
            return;
        }
        OutcomeRecorder.Recorded recorded = recorder.record(mine);
        scans.count(scanId, recorded.tagged(), recorded.failed(), mine.get(mine.size() - 1).file().path().toString());
        // Imported keywords and XMP sidecars, in the same transaction (see Sidecars).
        // Keywords already in the files were read by the analysis, in its one pass over each file.
        Map<String, XmpSidecar.UserMetadata> embedded = new HashMap<>();
        for (ImageOutcome outcome : mine) {
            if (outcome instanceof ImageOutcome.Described described && described.embedded() != null) {
                embedded.put(described.file().path().toString(), described.embedded());
            }
        }
        sidecars.afterTagging(recorded.images(), image -> embedded.get(image.getPath()));
        // Embeddings for search by meaning: one request for the chunk, stored in the same transaction (issue 14).
        embeddings.afterTagging(recorded.images());
    }
}
