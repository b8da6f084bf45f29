package org.imagetagger.imaging;

/** Pixel size as stored in the file, before EXIF orientation is applied. */
public record ImageSize(int width, int height) {

    public long pixels() {
        return (long) width * height;
    }
}
