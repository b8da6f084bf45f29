package org.imagetagger.watch.control;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.imagetagger.catalog.control.FolderRegistration;
import org.imagetagger.catalog.control.FolderStore;
import org.imagetagger.catalog.control.FolderWatching;
import org.imagetagger.catalog.entity.Folder;
import org.imagetagger.catalog.entity.FolderChanged;
import org.imagetagger.catalog.entity.FolderRemoved;
import org.imagetagger.platform.AppMetrics;
import org.imagetagger.scan.control.ScanLauncher;
import org.imagetagger.platform.DatabaseReady;

/**
 * Watches every active folder and hands settled files to {@code tagImages}, one execution per folder at a
 * time. A short task on the managed scheduled executor drains the WatchService, checks which files have
 * stopped changing and starts executions; it blocks nowhere, holds no transaction and never reads a
 * file's content. Everything about content (unchanged, moved, copied) is decided by the job.
 */
@ApplicationScoped
public class FolderWatcher implements FolderWatching {

    private static final System.Logger LOG = System.getLogger(FolderWatcher.class.getName());
    /** Often enough that a burst rarely overflows the 512 events a directory's key holds between polls. */
    private static final long TICK_MILLIS = 50;
    private static final long SETTLE_CHECK_MILLIS = 200;
    private static final long REACH_CHECK_MILLIS = 2000;
    /** Keeps the job parameter small; a larger burst simply takes several executions, one after another. */
    private static final int MAX_FILES_PER_EXECUTION = 500;
    /** How often the folders that no live instance watches are looked for. */
    private static final long LEASE_CHECK_MILLIS = 2000;

    /** Catch-up scans running at once over all folders: a start with many folders would begin them all together. */
    private static final int MAX_CATCH_UP_SCANS = 2;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService executor;

    /** Whether active folders are watched at all (off: only explicit scans tag). */
    @Inject
    @ConfigProperty(name = "tagger.watch.enabled", defaultValue = "true")
    boolean enabled;

    /** How long a file's size and modification time must stay the same before it is tagged. */
    @Inject
    @ConfigProperty(name = "tagger.watch.settle-millis", defaultValue = "1500")
    long settleMillis;

    @Inject
    FolderStore folderStore;

    @Inject
    FolderRegistration registration;

    @Inject
    ScanLauncher launcher;

    @Inject
    WatchLeases leases;

    @Inject
    AppMetrics metrics;

    private final Object lock = new Object();
    private final Map<Long, WatchedFolder> folders = new HashMap<>();
    private final Map<WatchKey, Directory> keys = new HashMap<>();
    private final Set<Long> catchUpScans = new HashSet<>();
    private volatile WatchService watchService;
    private ScheduledFuture<?> ticking;
    private long lastSettleCheckMillis;
    private long lastLeaseCheckMillis;

    private record Directory(WatchedFolder folder, Path path) {
    }

    /** After DatabaseMigration (default priority), so that the folders table exists. */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) DatabaseReady ready) {
        if (!enabled) {
            LOG.log(Level.INFO, "folder watching is off (tagger.watch.enabled=false)");
            return;
        }
        synchronized (lock) {
            try {
                watchService = FileSystems.getDefault().newWatchService();
            } catch (IOException e) {
                LOG.log(Level.ERROR, "cannot watch folders: " + e, e);
                return;
            }
        }
        ticking = executor.scheduleWithFixedDelay(this::tick, 1000, TICK_MILLIS, TimeUnit.MILLISECONDS);
        LOG.log(Level.INFO, "watching the folders no other instance watches, files settle after {0} ms", settleMillis);
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.cancel(false);
        }
        synchronized (lock) {
            folders.clear();
            keys.clear();
            if (watchService != null) {
                try {
                    watchService.close();
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "closing the watch service: {0}", e.toString());
                }
            }
        }
    }

    /**
     * Follows a folder's registration: an active folder is watched (again, if its settings changed), an
     * inactive one is not. A changed folder catches up: files that arrived while it was not watched are scanned
     * (a new one is scanned when its registration asks for it).
     */
    void follow(@Observes FolderChanged change) {
        Folder folder = change.folder();
        boolean catchUp = !change.registered();
        if (watchService == null) {
            return;
        }
        synchronized (lock) {
            WatchedFolder current = folders.get(folder.getId());
            if (!folder.isActive()) {
                forget(folder.getId());
            } else if ((current == null && takeLease(folder.getId())) || (current != null && current.recursive != folder.isRecursive())) {
                watch(folder, catchUp);
            }
        }
    }

    private boolean takeLease(long folderId) {
        try {
            return leases.take(folderId);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "cannot take folder {0} to watch: {1}", folderId, e.toString());
            return false;
        }
    }

    /**
     * Every few seconds: takes the active folders no live instance watches (at start, all of them when alone;
     * later, those of an instance that died) and watches them, with a catch-up scan for what happened meanwhile;
     * follows changes made through other instances (deactivated, deleted, recursive changed).
     */
    private void followLeases() {
        Set<Long> mine;
        try {
            mine = leases.takeFreeFolders();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "cannot look for folders to watch: {0}", e.toString());
            return;
        }
        for (Long id : new ArrayList<>(folders.keySet())) {
            if (!mine.contains(id)) {
                forget(id);
            }
        }
        for (Folder folder : folderStore.all()) {
            WatchedFolder current = folders.get(folder.getId());
            if (mine.contains(folder.getId()) && (current == null || current.recursive != folder.isRecursive())) {
                // Whatever happened while nobody watched it is found by a new scan.
                watch(folder, true);
            }
        }
    }

    void stopWatching(@Observes FolderRemoved removal) {
        forget(removal.folderId());
    }

    private void forget(long folderId) {
        synchronized (lock) {
            WatchedFolder folder = folders.remove(folderId);
            if (folder != null) {
                cancelKeys(folder);
                LOG.log(Level.INFO, "stopped watching folder {0} ({1})", folderId, folder.root);
            }
        }
    }

    @Override
    public boolean isWatching(long folderId) {
        synchronized (lock) {
            WatchedFolder folder = folders.get(folderId);
            if (folder != null) {
                return folder.reachable;
            }
        }
        return leases.watchedByLiveInstance(folderId);
    }

    private void watch(Folder registered, boolean rescan) {
        forget(registered.getId());
        WatchedFolder folder = new WatchedFolder(registered.getId(), Path.of(registered.getPath()), registered.isRecursive());
        folders.put(folder.id, folder);
        folder.rescan = rescan;
        if (isUsable(folder.root)) {
            register(folder, folder.root, false);
            LOG.log(Level.INFO, "watching folder {0} ({1}, {2} directories)", folder.id, folder.root, folder.directories.size());
        } else {
            folder.reachable = false;
            LOG.log(Level.WARNING, "folder {0} ({1}) is not reachable, or no longer a directory of its own inside the roots; "
                    + "watching for it to come back", folder.id, folder.root);
        }
    }

    void tick() {
        try {
            synchronized (lock) {
                long now = System.currentTimeMillis();
                if (now - lastLeaseCheckMillis >= LEASE_CHECK_MILLIS) {
                    lastLeaseCheckMillis = now;
                    followLeases();
                }
                drainEvents(now);
                if (now - lastSettleCheckMillis < SETTLE_CHECK_MILLIS) {
                    return;
                }
                lastSettleCheckMillis = now;
                for (WatchedFolder folder : new ArrayList<>(folders.values())) {
                    checkReachable(folder, now);
                    settle(folder, now);
                    dispatch(folder);
                }
            }
        } catch (RuntimeException e) {
            // An exception would end the periodic task for good.
            LOG.log(Level.WARNING, "folder watcher: " + e, e);
        }
    }

    private void drainEvents(long now) {
        for (WatchKey key = watchService.poll(); key != null; key = watchService.poll()) {
            Directory directory = keys.get(key);
            if (directory == null) {
                key.cancel();
                continue;
            }
            WatchedFolder folder = directory.folder();
            folder.lastEventMillis = now;
            for (WatchEvent<?> event : key.pollEvents()) {
                count(event);
                if (event.kind() == OVERFLOW) {
                    LOG.log(Level.WARNING, "too many changes at once in {0}: scanning folder {1}", directory.path(), folder.id);
                    folder.rescan = true;
                    continue;
                }
                Path path = directory.path().resolve((Path) event.context());
                if (event.kind() == ENTRY_DELETE) {
                    deleted(folder, path);
                } else {
                    changed(folder, path);
                }
            }
            if (!key.reset()) {
                keys.remove(key);
                folder.directories.remove(directory.path());
                if (directory.path().equals(folder.root)) {
                    folder.reachable = false;
                    LOG.log(Level.WARNING, "folder {0} ({1}) is no longer reachable", folder.id, folder.root);
                }
            }
        }
    }

    /** {@code tagger.watch.events{kind}}: created, modified, deleted, overflow, as the file system reported them. */
    private void count(WatchEvent<?> event) {
        String kind = event.kind() == OVERFLOW ? "overflow"
                : event.kind() == ENTRY_CREATE ? "created"
                : event.kind() == ENTRY_DELETE ? "deleted" : "modified";
        // count() is above 1 for repeated events and for an overflow that stands for several lost ones.
        metrics.count("tagger.watch.events", Math.max(1, event.count()), "kind", kind);
    }

    private void changed(WatchedFolder folder, Path path) {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            if (folder.recursive && !path.getFileName().toString().startsWith(".") && !folder.directories.containsKey(path)) {
                register(folder, path, true);
            }
        } else if (CandidateNames.isCandidate(path)) {
            folder.settling.put(path, new WatchedFolder.Observation(-1, null, 0));
        }
    }

    private void deleted(WatchedFolder folder, Path path) {
        folder.settling.remove(path);
        if (folder.directories.keySet().stream().anyMatch(dir -> dir.startsWith(path))) {
            // A whole subtree went away (or was moved out): a new scan marks its images MISSING.
            new ArrayList<>(folder.directories.keySet()).stream().filter(dir -> dir.startsWith(path)).forEach(dir -> {
                WatchKey key = folder.directories.remove(dir);
                key.cancel();
                keys.remove(key);
            });
            folder.rescan = true;
        } else if (CandidateNames.isCandidate(path)) {
            folder.ready.add(path);
        }
    }

    /** Registers a directory and, for a folder watched recursively, its subdirectories (not following links). */
    private void register(WatchedFolder folder, Path start, boolean offerFiles) {
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (!dir.equals(folder.root) && (!folder.recursive || dir.getFileName().toString().startsWith("."))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    try {
                        WatchKey key = dir.register(watchService, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
                        keys.put(key, new Directory(folder, dir));
                        folder.directories.put(dir, key);
                    } catch (IOException e) {
                        LOG.log(Level.WARNING, "cannot watch {0}: {1}", dir, e.toString());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    // Files that landed in a new directory before it was registered sent no event.
                    if (offerFiles && attributes.isRegularFile() && CandidateNames.isCandidate(file)) {
                        folder.settling.putIfAbsent(file, new WatchedFolder.Observation(-1, null, 0));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    LOG.log(Level.DEBUG, "cannot look at {0}: {1}", file, e.toString());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot watch {0}: {1}", start, e.toString());
        }
    }

    /**
     * Every few seconds: a folder that went away (unmounted, renamed) stops being watched, one that came
     * back is watched again and scanned, since its events in between are lost.
     */
    private void checkReachable(WatchedFolder folder, long now) {
        if (now - folder.lastReachCheckMillis < REACH_CHECK_MILLIS) {
            return;
        }
        folder.lastReachCheckMillis = now;
        boolean there = isUsable(folder.root);
        if (folder.reachable && !there) {
            folder.reachable = false;
            cancelKeys(folder);
            folder.settling.clear();
            LOG.log(Level.WARNING, "folder {0} ({1}) is no longer reachable, or no longer a directory of its own inside the roots "
                    + "(swapped for a link?): not watched", folder.id, folder.root);
        } else if (!folder.reachable && there) {
            cancelKeys(folder);
            register(folder, folder.root, false);
            folder.reachable = true;
            folder.rescan = true;
            LOG.log(Level.INFO, "folder {0} ({1}) is back: scanning it", folder.id, folder.root);
        }
    }

    /** There, and still the registered directory itself: a folder swapped for a link out of the roots is not. */
    private boolean isUsable(Path root) {
        return Files.isDirectory(root) && registration.isConfinedFolder(root);
    }

    private void cancelKeys(WatchedFolder folder) {
        folder.directories.values().forEach(key -> {
            key.cancel();
            keys.remove(key);
        });
        folder.directories.clear();
    }

    /** A file is settled once its size and modification time have not changed for the settle time. */
    private void settle(WatchedFolder folder, long now) {
        for (var it = folder.settling.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(entry.getKey(), BasicFileAttributes.class);
            } catch (IOException gone) {
                it.remove();
                continue;
            }
            WatchedFolder.Observation seen = entry.getValue();
            if (seen.size() != attributes.size() || !attributes.lastModifiedTime().equals(seen.modified())) {
                entry.setValue(new WatchedFolder.Observation(attributes.size(), attributes.lastModifiedTime(), now));
            } else if (now - seen.stableSinceMillis() >= settleMillis) {
                it.remove();
                if (attributes.isRegularFile()) {
                    folder.ready.add(entry.getKey());
                }
            }
        }
    }

    /** Starts the next execution of a folder once the previous one has ended, so no file is tagged twice. */
    private void dispatch(WatchedFolder folder) {
        if (!folder.reachable || (!folder.rescan && folder.ready.isEmpty())) {
            return;
        }
        // A scan would read files still being copied; it waits until the folder has been quiet for a while.
        if (folder.rescan && System.currentTimeMillis() - folder.lastEventMillis < settleMillis) {
            return;
        }
        if (folder.lastExecution != null && launcher.isRunning(folder.lastExecution)) {
            return;
        }
        if (folder.rescan) {
            catchUpScans.removeIf(execution -> !launcher.isRunning(execution));
            if (catchUpScans.size() >= MAX_CATCH_UP_SCANS) {
                return;
            }
        }
        List<Path> batch = folder.rescan ? List.of()
                : folder.ready.stream().limit(MAX_FILES_PER_EXECUTION).toList();
        Optional<Long> started = launcher.scanUnlessRunning(folder.id,
                batch.stream().map(folder.root::relativize).toList());
        if (started.isPresent()) {
            folder.lastExecution = started.get();
            if (folder.rescan) {
                catchUpScans.add(started.get());
                folder.rescan = false;
                folder.ready.clear();
            } else {
                batch.forEach(folder.ready::remove);
            }
        }
    }
}
