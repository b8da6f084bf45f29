package org.imagetagger.scan.boundary;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Iterator;
import org.imagetagger.catalog.control.FolderStore;
import org.imagetagger.catalog.entity.Folder;
import org.imagetagger.scan.control.OutcomeRecorder;
import org.imagetagger.scan.control.ScanCandidates;
import org.imagetagger.scan.entity.ScanCheckpoint;
import org.imagetagger.scan.entity.ScanItem;
import org.imagetagger.scan.entity.ScanMode;

/** Hands on the folder's files that the scan mode selects, resuming after the last committed chunk. */
@Dependent
@Named
public class ImagePathItemReader extends AbstractItemReader {

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

    @Inject
    JobContext job;

    @Inject
    FolderStore folders;

    @Inject
    ScanCandidates candidates;

    @Inject
    OutcomeRecorder recorder;

    private Folder folder;
    private Iterator<Path> files;
    private String lastPath;

    @Override
    public void open(Serializable checkpoint) {
        long id = Long.parseLong(folderId);
        folder = folders.find(id).orElseThrow(() -> new IllegalStateException("folder " + id + " is no longer registered"));
        lastPath = checkpoint instanceof ScanCheckpoint resumed ? resumed.lastPath() : null;
        Path after = lastPath == null ? null : Path.of(lastPath);
        Path singleFile = path == null || path.isBlank() ? null : Path.of(path);
        ScanMode scanMode = ScanMode.parse(mode);
        recorder.start(job.getExecutionId(), id, candidates.count(folder, scanMode, singleFile, after));
        files = candidates.select(folder, scanMode, singleFile, after);
    }

    @Override
    public Object readItem() {
        if (!files.hasNext()) {
            return null;
        }
        Path file = files.next();
        lastPath = file.toString();
        return new ScanItem(folder.getId(), file);
    }

    @Override
    public Serializable checkpointInfo() {
        return new ScanCheckpoint(lastPath);
    }
}
