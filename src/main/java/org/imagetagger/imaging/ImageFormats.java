package org.imagetagger.imaging;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Which files the scanner looks at, by name only; {@link ImageDecoder} checks the content. */
public final class ImageFormats {

    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp", "webp", "tif", "tiff");

    private static final Map<String, String> CONTENT_TYPES = Map.of("jpg", "image/jpeg", "jpeg", "image/jpeg",
            "png", "image/png", "gif", "image/gif", "bmp", "image/bmp", "webp", "image/webp", "tif", "image/tiff", "tiff", "image/tiff");

    private ImageFormats() {
    }

    public static boolean isSupported(Path file) {
        String name = fileName(file);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The media type a supported file is served as; anything else as opaque bytes. */
    public static String contentType(Path file) {
        String name = fileName(file);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    public static boolean isHidden(Path file) {
        return fileName(file).startsWith(".");
    }

    private static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? "" : name.toString();
    }
}
