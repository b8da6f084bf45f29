package org.imagetagger.imaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imagetagger.imaging.MediaTools.Tool;

/**
 * The JPEG a camera embeds in its RAW file (CR2, NEF, ARW, DNG, ORF, RAF), extracted with exiftool
 * ({@code -b -JpgFromRaw}, else {@code -PreviewImage}). exiftool rather than metadata-extractor: metadata-extractor
 * lists the TIFF directories, but where the large preview sits differs per maker (CR2's first IFD, NEF's and DNG's
 * sub-IFDs, Olympus maker notes, Fujifilm's own header) and exiftool knows every one of them, including new cameras.
 * Decoding the sensor data itself is not attempted: the preview is what the camera showed.
 */
final class RawPreview {

    static final Duration LIMIT = Duration.ofSeconds(30);
    private static final int REMEMBERED = 2;

    private record Version(Path file, long size, long modified) {
    }

    /** readSize and decode of the same file follow each other: the second one takes the preview the first extracted. */
    private static final Map<Version, byte[]> RECENT = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Version, byte[]> eldest) {
            return size() > REMEMBERED;
        }
    };

    private RawPreview() {
    }

    static byte[] extract(Path file) throws UntaggableImageException {
        Version version = version(file);
        synchronized (RECENT) {
            byte[] known = RECENT.get(version);
            if (known != null) {
                return known;
            }
        }
        Path exiftool = MediaTools.require(Tool.EXIFTOOL, "RAW");
        byte[] best = null;
        for (String tag : List.of("-JpgFromRaw", "-PreviewImage")) {
            MediaTools.Output output = MediaTools.run(arguments(exiftool, tag, file), LIMIT, "RAW");
            byte[] jpeg = output.stdout();
            if (isJpeg(jpeg) && (best == null || jpeg.length > best.length)) {
                best = jpeg;
            }
        }
        if (best == null) {
            throw new UntaggableImageException("RAW file has no embedded JPEG preview (only the preview is shown and tagged)");
        }
        synchronized (RECENT) {
            RECENT.put(version, best);
        }
        return best;
    }

    static List<String> arguments(Path exiftool, String tag, Path file) {
        return List.of(exiftool.toString(), "-b", tag, "-m", "-q", file.toAbsolutePath().toString());
    }

    private static boolean isJpeg(byte[] data) {
        return data.length > 4 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8;
    }

    private static Version version(Path file) throws UntaggableImageException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Version(file.toAbsolutePath(), attributes.size(), attributes.lastModifiedTime().toMillis());
        } catch (IOException e) {
            throw new UntaggableImageException("cannot read the file: " + e.getMessage(), e);
        }
    }
}
