package org.imagetagger.watch.control;

import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** What the watcher knows about one folder; guarded by the watcher's lock. */
final class WatchedFolder {

    /** The last size and time seen of a file, and since when they have not changed. */
    record Observation(long size, FileTime modified, long stableSinceMillis) {
    }

    final long id;
    final Path root;
    final boolean recursive;
    final Map<Path, WatchKey> directories = new HashMap<>();
    final Map<Path, Observation> settling = new HashMap<>();
    /** Settled or deleted files waiting for an execution, in the order they were seen. */
    final Set<Path> ready = new LinkedHashSet<>();
    boolean rescan;
    boolean reachable = true;
    long lastReachCheckMillis;
    long lastEventMillis;
    Long lastExecution;

    WatchedFolder(long id, Path root, boolean recursive) {
        this.id = id;
        this.root = root;
        this.recursive = recursive;
    }
}
