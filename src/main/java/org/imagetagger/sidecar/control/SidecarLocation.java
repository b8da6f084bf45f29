package org.imagetagger.sidecar.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where the sidecar of an image goes: {@code photo.jpg.xmp} beside {@code photo.jpg} (the name darktable and
 * digiKam read, which keeps {@code photo.jpg} and {@code photo.raw} apart) when the server may write in that
 * directory; otherwise below the sidecar folder, at the image's absolute path ({@code /srv/photos/a/b.jpg} →
 * {@code <dir>/srv/photos/a/b.jpg.xmp}), so two registered folders can never share a sidecar.
 */
public final class SidecarLocation {

    private SidecarLocation() {
    }

    /** Empty when the image's directory is read-only and no sidecar folder is set. */
    public static Optional<Path> of(Path image, Optional<Path> sidecarDir, Predicate<Path> writableDirectory) {
        if (writableDirectory.test(image.getParent())) {
            return Optional.of(beside(image));
        }
        return sidecarDir.map(dir -> inFolder(image, dir));
    }

    /** Every place a sidecar of the image may already be, beside it first. */
    public static List<Path> candidates(Path image, Optional<Path> sidecarDir) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(beside(image));
        sidecarDir.ifPresent(dir -> candidates.add(inFolder(image, dir)));
        return candidates;
    }

    static Path beside(Path image) {
        return image.resolveSibling(image.getFileName() + ".xmp");
    }

    static Path inFolder(Path image, Path dir) {
        Path absolute = image.toAbsolutePath().normalize();
        Path relative = absolute.getRoot().relativize(absolute);
        return dir.resolve(relative.toString() + ".xmp").normalize();
    }
}
