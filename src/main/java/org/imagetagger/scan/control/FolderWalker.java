package org.imagetagger.scan.control;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.imagetagger.catalog.control.FileConfinement;
import org.imagetagger.imaging.ImageFormats;

/**
 * Lazily lists the image files of a folder in {@link PathOrder}, one directory in memory at a time,
 * resuming after a given path. Hidden files and folders are left out; symbolic links to directories
 * are not followed, so a link loop cannot trap a scan; a link to a file is followed only when its target
 * lies inside the folder, so a link cannot smuggle a file from outside the allowed roots into the catalog.
 */
public final class FolderWalker implements Iterator<Path> {

    private static final System.Logger LOG = System.getLogger(FolderWalker.class.getName());

    private final Path realRoot;
    private final boolean recursive;
    private final Path after;
    private final Deque<Iterator<Path>> pending = new ArrayDeque<>();
    private Path next;

    /** @param after the last path already handled, or null to start at the beginning */
    public FolderWalker(Path root, boolean recursive, Path after) {
        this.realRoot = realPath(root);
        this.recursive = recursive;
        this.after = after;
        pending.push(sortedChildren(root).iterator());
    }

    @Override
    public boolean hasNext() {
        while (next == null && !pending.isEmpty()) {
            Iterator<Path> current = pending.peek();
            if (!current.hasNext()) {
                pending.pop();
                continue;
            }
            Path entry = current.next();
            if (ImageFormats.isHidden(entry)) {
                continue;
            }
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                if (recursive && mayHoldFilesAfter(entry)) {
                    pending.push(sortedChildren(entry).iterator());
                }
            } else if (Files.isDirectory(entry)) {
                LOG.log(Level.DEBUG, "not following the directory link {0}", entry);
            } else if (Files.isSymbolicLink(entry) && !FileConfinement.isInside(entry, realRoot)) {
                LOG.log(Level.DEBUG, "not following {0}: it links outside the folder", entry);
            } else if (ImageFormats.isSupported(entry) && isAfter(entry)) {
                next = entry;
            }
        }
        return next != null;
    }

    @Override
    public Path next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Path result = next;
        next = null;
        return result;
    }

    private boolean isAfter(Path file) {
        return after == null || PathOrder.INSTANCE.compare(file, after) > 0;
    }

    private boolean mayHoldFilesAfter(Path directory) {
        return after == null || after.startsWith(directory) || PathOrder.INSTANCE.compare(directory, after) > 0;
    }

    private static Path realPath(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root;
        }
    }

    private static List<Path> sortedChildren(Path directory) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(children::add);
        } catch (IOException | SecurityException e) {
            LOG.log(Level.WARNING, "cannot list {0}: {1}", directory, e.toString());
        }
        children.sort(PathOrder.INSTANCE);
        return children;
    }
}
