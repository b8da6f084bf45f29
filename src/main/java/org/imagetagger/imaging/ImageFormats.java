package org.imagetagger.imaging;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Which files the scanner looks at, by name only; {@link ImageDecoder} checks the content. */
public final class ImageFormats {

    /** Read by ImageIO in the JVM. */
    static final Set<String> PICTURES = Set.of("jpg", "jpeg", "png", "gif", "bmp", "webp", "tif", "tiff");
    /** Decoded by libheif's heif-convert (HEIC/HEIF) and libavif's avifdec (AVIF). */
    static final Set<String> HEIF = Set.of("heic", "heif", "hif");
    static final Set<String> AVIF = Set.of("avif");
    /** Camera RAW: the JPEG preview the camera embedded is what is shown and sent. */
    static final Set<String> RAW = Set.of("cr2", "nef", "arw", "dng", "orf", "raf");
    /** Frames taken with ffmpeg. */
    static final Set<String> VIDEOS = Set.of("mp4", "mov", "m4v", "mkv", "avi", "webm");

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("bmp", "image/bmp"), Map.entry("webp", "image/webp"),
            Map.entry("tif", "image/tiff"), Map.entry("tiff", "image/tiff"),
            Map.entry("heic", "image/heic"), Map.entry("heif", "image/heif"), Map.entry("hif", "image/heif"),
            Map.entry("avif", "image/avif"),
            Map.entry("cr2", "image/x-canon-cr2"), Map.entry("nef", "image/x-nikon-nef"), Map.entry("arw", "image/x-sony-arw"),
            Map.entry("dng", "image/x-adobe-dng"), Map.entry("orf", "image/x-olympus-orf"), Map.entry("raf", "image/x-fuji-raf"),
            Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/mp4"), Map.entry("mov", "video/quicktime"),
            Map.entry("mkv", "video/x-matroska"), Map.entry("avi", "video/x-msvideo"), Map.entry("webm", "video/webm"));

    /** What an image of the catalog is, as ImageSummary's {@code kind} says. */
    public enum Kind {
        PHOTO, VIDEO;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private ImageFormats() {
    }

    public static boolean isSupported(Path file) {
        String extension = extension(file);
        return PICTURES.contains(extension) || HEIF.contains(extension) || AVIF.contains(extension)
                || RAW.contains(extension) || VIDEOS.contains(extension);
    }

    public static boolean isVideo(Path file) {
        return VIDEOS.contains(extension(file));
    }

    public static boolean isRaw(Path file) {
        return RAW.contains(extension(file));
    }

    public static Kind kind(Path file) {
        return isVideo(file) ? Kind.VIDEO : Kind.PHOTO;
    }

    /** The media type a supported file is served as; anything else as opaque bytes. */
    public static String contentType(Path file) {
        return CONTENT_TYPES.getOrDefault(extension(file), "application/octet-stream");
    }

    public static boolean isHidden(Path file) {
        return fileName(file).startsWith(".");
    }

    static String extension(Path file) {
        String name = fileName(file);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? "" : name.toString();
    }
}
