package org.imagetagger.scan.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.imagetagger.catalog.control.FolderStore;
import org.imagetagger.scan.control.Scans.ScanRow;
import org.imagetagger.scan.entity.ClaimedFile;

/** The files one execution claims from the shared queue as its read-ahead makes room for them. */
@ApplicationScoped
public class ClaimedFiles {

    @Inject
    Scans scans;

    @Inject
    WorkQueue queue;

    @Inject
    FolderStore folders;

    public Claims of(long scanId, long executionId, AnalysisReadAhead readAhead) {
        ScanRow scan = scans.find(scanId).orElseThrow(() -> new IllegalStateException("no scan " + scanId));
        Path root = folders.find(scan.folderId()).map(folder -> Path.of(folder.getPath()))
                .orElseThrow(() -> new IllegalStateException("folder " + scan.folderId() + " is no longer registered"));
        return new Claims(scan, root, executionId, readAhead);
    }

    /**
     * Claims in small batches: when the read-ahead is empty, or has room for a quarter of its window (fewer,
     * larger claims cost the database less; fewer files held means fewer sent twice if this instance dies).
     */
    public final class Claims implements Iterator<ClaimedFile> {
        private final ScanRow scan;
        private final Path root;
        private final long executionId;
        private final AnalysisReadAhead readAhead;
        private final int batch;
        private final int window;
        private final Deque<ClaimedFile> claimed = new ArrayDeque<>();

        Claims(ScanRow scan, Path root, long executionId, AnalysisReadAhead readAhead) {
            this.scan = scan;
            this.root = root;
            this.executionId = executionId;
            this.readAhead = readAhead;
            this.window = readAhead.room();
            this.batch = Math.max(1, window / 4);
        }

        @Override
        public boolean hasNext() {
            if (claimed.isEmpty()) {
                int room = readAhead.room();
                if (room >= batch || room == window) {
                    claimed.addAll(queue.claim(scan, root, executionId, room));
                }
            }
            return !claimed.isEmpty();
        }

        @Override
        public ClaimedFile next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return claimed.poll();
        }
    }
}
