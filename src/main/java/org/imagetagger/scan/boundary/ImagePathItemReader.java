package org.imagetagger.scan.boundary;

import jakarta.annotation.Resource;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Iterator;
import org.imagetagger.catalog.control.FolderRegistration;
import org.imagetagger.catalog.control.FolderStore;
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.catalog.entity.Folder;
import org.imagetagger.scan.control.AnalysisReadAhead;
import org.imagetagger.scan.control.ImageAnalysis;
import org.imagetagger.scan.control.OutcomeRecorder;
import org.imagetagger.scan.control.PendingAnalysis;
import org.imagetagger.scan.control.ScanCandidates;
import org.imagetagger.scan.entity.ScanCheckpoint;
import org.imagetagger.scan.entity.ScanItem;
import org.imagetagger.scan.entity.ScanMode;
import org.imagetagger.tagging.control.VisionService;

/**
 * Hands on the folder's files that the scan mode selects, resuming after the last committed chunk.
 * A {@code new} scan first marks catalogued files that are gone MISSING. Each file is handed on with its
 * analysis already running ({@link AnalysisReadAhead}), so the processor only waits for it.
 */
@Dependent
@Named
public class ImagePathItemReader extends AbstractItemReader {

    private static final System.Logger LOG = System.getLogger(ImagePathItemReader.class.getName());

    @Inject
    @BatchProperty
    String folderId;

    @Inject
    @BatchProperty
    String mode;

    /** A single file to tag instead of the whole folder (re-tag, watcher); empty for a folder scan. */
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
    ImageStore images;

    @Inject
    FolderStore folders;

    @Inject
    FolderRegistration registration;

    @Inject
    ScanCandidates candidates;

    @Inject
    OutcomeRecorder recorder;

    @Inject
    ImageAnalysis analysis;

    @Inject
    VisionService vision;

    @Resource
    ManagedExecutorService executor;

    private Iterator<Path> files;
    private AnalysisReadAhead readAhead;
    private String lastPath;

    @Override
    public void open(Serializable checkpoint) {
        long id = Long.parseLong(folderId);
        Folder folder = folders.find(id).orElseThrow(() -> new IllegalStateException("folder " + id + " is no longer registered"));
        if (!registration.isConfinedFolder(Path.of(folder.getPath()))) {
            // Swapped for a link (perhaps out of the roots) since it was registered: nothing is read, nothing marked.
            String reason = "folder " + folder.getPath() + " is no longer a directory of its own inside the allowed roots "
                    + "(replaced by a symbolic link?); it was not scanned";
            LOG.log(Level.WARNING, "scan execution {0}: {1}", job.getExecutionId(), reason);
            job.setExitStatus("FAILED: " + reason);
            throw new IllegalStateException(reason);
        }
        lastPath = checkpoint instanceof ScanCheckpoint resumed ? resumed.lastPath() : null;
        Path after = lastPath == null ? null : Path.of(lastPath);
        Path singleFile = path == null || path.isBlank() ? null : Path.of(path);
        ScanMode scanMode = ScanMode.parse(mode);
        List<Path> listed = listedFiles(folder);
        boolean reuseKnownContent = scanMode == ScanMode.NEW;
        // An unmounted disk must not turn a whole folder MISSING.
        if (singleFile == null && scanMode == ScanMode.NEW && Files.isDirectory(Path.of(folder.getPath()))) {
            int vanished = listed.isEmpty() ? images.markVanished(id) : images.markVanished(listed);
            if (vanished > 0) {
                LOG.log(Level.INFO, "{0} images of folder {1} are missing on disk", vanished, id);
            }
        }
        recorder.start(job.getExecutionId(), id, candidates.count(folder, scanMode, singleFile, listed, after));
        files = candidates.select(folder, scanMode, singleFile, listed, after);
        // Twice the request slots, so that answers arriving while this thread commits a chunk or waits for a
        // slower file still find the next requests ready; plus the files being decoded meanwhile.
        readAhead = new AnalysisReadAhead(executor, file -> analysis.analyse(new ScanItem(id, file, reuseKnownContent)),
                2 * vision.concurrency() + analysis.parallelDecodes());
    }

    private List<Path> listedFiles(Folder folder) {
        if (paths == null || paths.isBlank()) {
            return List.of();
        }
        Path root = Path.of(folder.getPath());
        return paths.lines().filter(line -> !line.isBlank()).map(root::resolve).map(Path::normalize).toList();
    }

    @Override
    public Object readItem() {
        PendingAnalysis next = readAhead.next(files);
        if (next != null) {
            lastPath = next.file().toString();
        }
        return next;
    }

    @Override
    public void close() {
        if (readAhead != null) {
            readAhead.cancel();
        }
    }

    @Override
    public Serializable checkpointInfo() {
        return new ScanCheckpoint(lastPath);
    }
}
