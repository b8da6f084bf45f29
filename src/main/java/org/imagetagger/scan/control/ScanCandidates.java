package org.imagetagger.scan.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import org.imagetagger.catalog.control.FileConfinement;
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.catalog.control.ImageStore.FileState;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.imagetagger.catalog.entity.Folder;
import org.imagetagger.imaging.ImageFormats;
import org.imagetagger.platform.Times;
import org.imagetagger.profiles.control.FolderProfiles;
import org.imagetagger.scan.entity.ScanMode;

/** The files a scan plans to hand to the model, in a fixed order (the timeline of the plan). */
@ApplicationScoped
public class ScanCandidates {

    private static final System.Logger LOG = System.getLogger(ScanCandidates.class.getName());
    private static final int PAGE = 500;

    @Inject
    ImageStore images;

    @Inject
    FolderProfiles profiles;

    /** Mode failed leaves an image alone once it failed this often; mode all still takes it. */
    @Inject
    @ConfigProperty(name = "tagger.scan.max-attempts", defaultValue = "3")
    int maxAttempts;

    /**
     * @param singleFile one file to tag instead of the whole folder, or null
     * @param listed     files the watcher saw settle, to check instead of walking the folder, or empty
     */
    public Iterator<Path> select(Folder folder, ScanMode mode, Path singleFile, List<Path> listed) {
        Path root = Path.of(folder.getPath());
        if (singleFile != null) {
            return !FileConfinement.escapes(singleFile, root) ? List.of(singleFile).iterator() : List.<Path>of().iterator();
        }
        if (!listed.isEmpty()) {
            Iterator<Path> present = listed.stream()
                    .filter(file -> file.startsWith(root) && (folder.isRecursive() || root.equals(file.getParent())))
                    .filter(file -> !FileConfinement.escapes(file, root))
                    .filter(file -> ImageFormats.isSupported(file) && Files.isRegularFile(file))
                    .sorted(PathOrder.INSTANCE)
                    .distinct()
                    .iterator();
            return mode == ScanMode.NEW ? new NewOrChanged(present) : present;
        }
        return switch (mode) {
            case ALL -> new FolderWalker(root, folder.isRecursive(), null);
            case NEW -> new NewOrChanged(new FolderWalker(root, folder.isRecursive(), null));
            case FAILED -> new CataloguedPaths(folder.getId(), root);
            case STALE -> new CataloguedPaths(root, staleImagesOf(folder.getId()));
        };
    }

    /** Pages of the folder's images whose fingerprint differs from the one its profile gives now. */
    private BiFunction<String, Integer, List<String>> staleImagesOf(long folderId) {
        String current = profiles.fingerprint(folderId);
        return (after, limit) -> images.pathsWithStaleFingerprint(folderId, current, after, limit);
    }

    /** Keeps the files whose size or time differ from the catalog, asking the database once per directory. */
    private final class NewOrChanged implements Iterator<Path> {
        private final Iterator<Path> files;
        private Path directory;
        private Map<String, FileState> known;
        private Path next;

        NewOrChanged(Iterator<Path> files) {
            this.files = files;
        }

        @Override
        public boolean hasNext() {
            while (next == null && files.hasNext()) {
                Path file = files.next();
                if (!file.getParent().equals(directory)) {
                    directory = file.getParent();
                    known = images.fileStatesIn(directory);
                }
                if (needsTagging(file, known.get(file.getFileName().toString()))) {
                    next = file;
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

        private boolean needsTagging(Path file, FileState state) {
            if (state == null) {
                return true;
            }
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return ChangeDetection.isNewOrChanged(state, attributes.size(), Times.utc(attributes.lastModifiedTime().toInstant()));
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "cannot read attributes of {0}: {1}", file, e.toString());
                return true;
            }
        }
    }

    /**
     * Catalogued paths of a folder read from a query page by page in path order: its FAILED images under the
     * attempt limit, or its stale ones; a file that has become a link out of the folder since is left out.
     */
    private final class CataloguedPaths implements Iterator<Path> {
        private final BiFunction<String, Integer, List<String>> pages;
        private final Path root;
        private Path next;
        private String last;
        private Iterator<String> page = List.<String>of().iterator();
        private boolean exhausted;

        /** The folder's FAILED images under the attempt limit. */
        CataloguedPaths(long folderId, Path root) {
            this(root, (from, limit) -> images.retryablePaths(folderId, maxAttempts, from, limit));
        }

        /** @param pages the paths after a path, at most so many */
        CataloguedPaths(Path root, BiFunction<String, Integer, List<String>> pages) {
            this.pages = pages;
            this.root = root;
            this.last = "";
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (!page.hasNext() && !exhausted) {
                    List<String> paths = pages.apply(last, PAGE);
                    exhausted = paths.size() < PAGE;
                    page = paths.iterator();
                }
                if (!page.hasNext()) {
                    return false;
                }
                last = page.next();
                Path file = Path.of(last);
                if (!FileConfinement.escapes(file, root)) {
                    next = file;
                }
            }
            return true;
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
    }
}
