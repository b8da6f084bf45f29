package org.imagetagger.imaging;

import java.time.LocalDateTime;

/**
 * What the catalog keeps from EXIF; every field is null when the file does not say.
 *
 * @param takenAt the camera's local time as written, without any zone conversion
 * @param orientation EXIF orientation 1..8
 */
public record ExifData(String make, String model, String lens, LocalDateTime takenAt, Integer orientation,
        Double latitude, Double longitude) {

    private static final ExifData NONE = new ExifData(null, null, null, null, null, null, null);

    public static ExifData none() {
        return NONE;
    }
}
