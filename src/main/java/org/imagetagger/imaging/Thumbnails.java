package org.imagetagger.imaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * JPEG thumbnails, made once per image, size and version of the file and cached under
 * {@code tagger.data.dir}/thumbnails. A new version (the file changed) replaces the old ones.
 */
@ApplicationScoped
public class Thumbnails {

    public static final int MIN_SIZE = 64;
    public static final int MAX_SIZE = 1024;
    /** Longest side of the viewer's display-size rendition: sharp on a 2× laptop screen, a fraction of a large original. */
    public static final int PREVIEW_SIZE = 2048;
    private static final float QUALITY = 0.82f;

    /** Thumbnails cache and embedded database live here. */
    @Inject
    @ConfigProperty(name = "tagger.data.dir", defaultValue = "./data")
    String dataDir;

    @Inject
    PixelLimit pixelLimit;

    private final ImageDecoder decoder = new ImageDecoder();
    private final JpegEncoder encoder = new JpegEncoder();

    public static int clamp(int size) {
        return Math.max(MIN_SIZE, Math.min(MAX_SIZE, size));
    }

    /**
     * The cached thumbnail, made now if needed from the file already opened (never from its path again, so
     * nothing outside the image's folder can be cached). {@code version} changes whenever the file does.
     */
    public Path thumbnail(long imageId, ConfinedFile original, String version, int size, int orientation)
            throws UntaggableImageException {
        Path directory = Path.of(dataDir, "thumbnails", String.valueOf(imageId % 1000));
        // "-c": made from a confined open file; older cache entries (made by path) are never served.
        Path cached = directory.resolve(imageId + "-" + size + "-" + version + "-c.jpg");
        if (Files.exists(cached)) {
            return cached;
        }
        byte[] jpeg = encoder.encode(decoder.decodeStill(original, size, pixelLimit.maxPixels(), orientation), QUALITY);
        try {
            Files.createDirectories(directory);
            removeOlderVersions(directory, imageId + "-" + size + "-");
            // Written aside and moved, so a concurrent request never reads half a file.
            Path partial = Files.createTempFile(directory, "thumb", ".part");
            Files.write(partial, jpeg);
            Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return cached;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the thumbnail cache in " + directory, e);
        }
    }

    /** The viewer's rendition, longest side {@link #PREVIEW_SIZE} (smaller originals keep their size), cached like thumbnails. */
    public Path preview(long imageId, ConfinedFile original, String version, int orientation) throws UntaggableImageException {
        return thumbnail(imageId, original, version, PREVIEW_SIZE, orientation);
    }

    private static void removeOlderVersions(Path directory, String prefix) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(directory, prefix + "*.jpg")) {
            for (Path file : old) {
                Files.deleteIfExists(file);
            }
        }
    }
}
