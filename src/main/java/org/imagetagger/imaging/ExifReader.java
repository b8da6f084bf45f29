package org.imagetagger.imaging;

import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads EXIF with metadata-extractor (a video's duration and date with ffprobe); never fails, since whether the image is usable is the decoder's call. */
public class ExifReader {

    private static final System.Logger LOG = System.getLogger(ExifReader.class.getName());
    private static final DateTimeFormatter EXIF_DATE_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    /** What the file says about itself, and all metadata-extractor parsed of it (null for a video or an unreadable file). */
    public record Parsed(ExifData exif, Metadata metadata) {
    }

    public ExifData read(Path file) {
        return parse(file).exif();
    }

    /** One parse of the file's metadata, for the EXIF here and whatever else a caller wants of it (keywords). */
    public Parsed parse(Path file) {
        if (ImageFormats.isVideo(file)) {
            return new Parsed(readVideo(file), null);
        }
        Metadata metadata;
        try {
            metadata = MediaSource.of(file) == MediaSource.AVIF
                    ? avif(file)
                    : ImageMetadataReader.readMetadata(file.toFile());
        } catch (Exception e) {
            // metadata-extractor gives up on unknown or broken files in many ways; none of them is our failure
            LOG.log(Level.DEBUG, "no EXIF read from {0}: {1}", file, e);
            return new Parsed(ExifData.none(), null);
        }
        return new Parsed(exifOf(metadata), metadata);
    }

    private static ExifData exifOf(Metadata metadata) {
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        ExifSubIFDDirectory subIfd = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        GeoLocation location = gps == null ? null : gps.getGeoLocation();
        if (location != null && (Double.isNaN(location.getLatitude()) || Double.isNaN(location.getLongitude()))) {
            location = null;
        }
        return new ExifData(
                text(ifd0, ExifDirectoryBase.TAG_MAKE),
                text(ifd0, ExifDirectoryBase.TAG_MODEL),
                text(subIfd, ExifDirectoryBase.TAG_LENS_MODEL),
                takenAt(ifd0, subIfd),
                orientation(ifd0),
                location == null ? null : location.getLatitude(),
                location == null ? null : location.getLongitude());
    }

    /** metadata-extractor does not recognise AVIF by its brand, but its HEIF reader understands the same boxes. */
    private static Metadata avif(Path file) throws java.io.IOException {
        try (java.io.InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file))) {
            return com.drew.imaging.heif.HeifMetadataReader.readMetadata(in);
        }
    }

    /** Duration and creation date from the container (ffprobe); a video without them, or without ffprobe, has none. */
    private ExifData readVideo(Path file) {
        try {
            VideoFrames.VideoInfo info = new VideoFrames().probe(file);
            return new ExifData(null, null, null, info.takenAt(), null, null, null, info.durationSeconds());
        } catch (UntaggableImageException e) {
            LOG.log(Level.DEBUG, "no video metadata read from {0}: {1}", file, e.getMessage());
            return ExifData.none();
        }
    }

    private static LocalDateTime takenAt(ExifIFD0Directory ifd0, ExifSubIFDDirectory subIfd) {
        LocalDateTime taken = dateTime(subIfd, ExifDirectoryBase.TAG_DATETIME_ORIGINAL);
        if (taken == null) {
            taken = dateTime(subIfd, ExifDirectoryBase.TAG_DATETIME_DIGITIZED);
        }
        return taken != null ? taken : dateTime(ifd0, ExifDirectoryBase.TAG_DATETIME);
    }

    /** Parsed as written: EXIF has no zone (OffsetTime* is rare), so the camera's clock is all we know. */
    private static LocalDateTime dateTime(Directory directory, int tag) {
        String value = text(directory, tag);
        if (value == null || value.length() < 19) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.substring(0, 19), EXIF_DATE_TIME);
        } catch (DateTimeParseException unsetOrGarbled) {
            return null;
        }
    }

    private static Integer orientation(ExifIFD0Directory ifd0) {
        Integer orientation = ifd0 == null ? null : ifd0.getInteger(ExifDirectoryBase.TAG_ORIENTATION);
        return orientation != null && orientation >= 1 && orientation <= 8 ? orientation : null;
    }

    private static String text(Directory directory, int tag) {
        if (directory == null) {
            return null;
        }
        String value = directory.getString(tag);
        if (value == null) {
            return null;
        }
        value = value.trim();
        return value.isEmpty() ? null : value;
    }
}
