package org.imagetagger.scan.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.imagetagger.catalog.control.FolderRegistration;
import org.imagetagger.catalog.control.FolderStore;
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.catalog.entity.Folder;
import org.imagetagger.scan.entity.ScanMode;

/**
 * The planning step of a scan: walks the folder once (or checks the files given), marks catalogued files
 * that are gone MISSING, and queues the files the mode selects, in pages, so that every execution can start
 * claiming them while the walk goes on ({@link PlanningInBackground}). Planning again after a crash queues only
 * what is not queued yet.
 */
@ApplicationScoped
public class ScanPlanner {

    private static final System.Logger LOG = System.getLogger(ScanPlanner.class.getName());
    static final int PAGE = 200;
    static final int FIRST_PAGE = 20;

    @Inject
    FolderStore folders;

    @Inject
    FolderRegistration registration;

    @Inject
    ImageStore images;

    @Inject
    ScanCandidates candidates;

    @Inject
    WorkQueue queue;

    @Inject
    Scans scans;

    @Inject
    CatalogueFirst catalogue;

    /** The folder cannot be scanned at all; the job ends FAILED with this reason. */
    public static class UnscannableFolderException extends RuntimeException {
        public UnscannableFolderException(String reason) {
            super(reason);
        }
    }

    /** Who waits for the planning: told of each page queued, and may end it before the next file. */
    public interface Pages {
        void queued();

        boolean cancelled();
    }

    /**
     * @param singleFile one file to tag instead of the whole folder (re-tag), or null
     * @param listed     files the watcher saw settle, relative to the folder, or empty
     * @throws CancellationException when {@code pages} cancelled it; the scan stays unplanned
     */
    public long plan(long scanId, long folderId, ScanMode mode, Path singleFile, List<Path> listed, Pages pages) {
        Folder folder = folders.find(folderId).orElseThrow(() -> new IllegalStateException("folder " + folderId + " is no longer registered"));
        Path root = Path.of(folder.getPath());
        if (!registration.isConfinedFolder(root)) {
            // Swapped for a link (perhaps out of the roots) since it was registered: nothing is read, nothing marked.
            throw new UnscannableFolderException("folder " + root + " is no longer a directory of its own inside the allowed roots"
                    + " (replaced by a symbolic link?); it was not scanned");
        }
        List<Path> files = listed.stream().map(root::resolve).map(Path::normalize).toList();
        // An unmounted disk must not turn a whole folder MISSING.
        if (singleFile == null && mode == ScanMode.NEW && Files.isDirectory(root)) {
            int vanished = files.isEmpty() ? images.markVanished(folderId) : images.markVanished(files);
            if (vanished > 0) {
                LOG.log(Level.INFO, "{0} images of folder {1} are missing on disk", vanished, folderId);
            }
        }
        WorkQueue.Planned planned = queue.planned(scanId);
        long lastSeq = planned.lastSeq();
        long queued = 0;
        List<Path> page = new ArrayList<>(PAGE);
        for (Iterator<Path> it = candidates.select(folder, mode, singleFile, files); it.hasNext(); ) {
            if (pages.cancelled()) {
                throw new CancellationException("the planning of scan " + scanId + " was cancelled: its execution ended");
            }
            Path file = it.next();
            if (!planned.paths().contains(file.toString())) {
                page.add(file);
            }
            // A short first page: the tagging starts while the rest is walked.
            if (page.size() == (queued == 0 ? FIRST_PAGE : PAGE) || !it.hasNext()) {
                // Before the files can be claimed: the gallery shows them (PENDING) while the model works.
                catalogue.catalogue(folderId, root, page);
                lastSeq = queue.enqueue(scanId, lastSeq, page);
                scans.addToTotal(scanId, page.size());
                queued += page.size();
                page.clear();
                pages.queued();
            }
        }
        scans.planned(scanId);
        LOG.log(Level.INFO, "scan {0} of folder {1}: {2} files queued", scanId, folderId, queued);
        return queued;
    }
}
