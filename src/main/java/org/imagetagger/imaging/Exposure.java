package org.imagetagger.imaging;

/**
 * How a photo was exposed, from its EXIF; each field is null when the file does not say.
 *
 * @param aperture the f-number (2.8 for f/2.8)
 * @param shutter the exposure time as photographers write it ("1/250 s", "2 s")
 * @param focalLength in millimetres; {@code focalLength35} the 35 mm equivalent
 */
public record Exposure(Double aperture, String shutter, Integer iso, Double focalLength, Integer focalLength35) {

    private static final Exposure NONE = new Exposure(null, null, null, null, null);

    public static Exposure none() {
        return NONE;
    }
}
