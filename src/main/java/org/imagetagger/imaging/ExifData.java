package org.imagetagger.imaging;

import java.time.LocalDateTime;

/**
 * What the catalog keeps from a file's metadata (EXIF, or a video container's); every field is null when the
 * file does not say.
 *
 * @param takenAt the camera's local time as written, without any zone conversion
 * @param orientation EXIF orientation 1..8
 * @param durationSeconds a video's length
 */
public record ExifData(String make, String model, String lens, LocalDateTime takenAt, Integer orientation,
        Double latitude, Double longitude, Double durationSeconds) {

    private static final ExifData NONE = new ExifData(null, null, null, null, null, null, null, null);

    /** A photo's metadata. */
    public ExifData(String make, String model, String lens, LocalDateTime takenAt, Integer orientation,
            Double latitude, Double longitude) {
        this(make, model, lens, takenAt, orientation, latitude, longitude, null);
    }

    public static ExifData none() {
        return NONE;
    }
}
