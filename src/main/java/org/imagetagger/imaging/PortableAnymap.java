package org.imagetagger.imaging;

import java.awt.image.BufferedImage;

/** A binary 8-bit PPM (P6, RGB) or PGM (P5, grey), as djpeg writes it, read in place from its bytes. */
record PortableAnymap(byte[] data, int offset, int width, int height, int channels) {

    /** @throws IllegalArgumentException when the bytes are not a complete 8-bit P5 or P6 image */
    static PortableAnymap parse(byte[] data) {
        if (data.length < 2 || data[0] != 'P' || (data[1] != '5' && data[1] != '6')) {
            throw new IllegalArgumentException("not a binary PPM or PGM");
        }
        int channels = data[1] == '6' ? 3 : 1;
        int[] header = new int[3];
        int p = 2;
        for (int i = 0; i < 3; i++) {
            p = skipBlanksAndComments(data, p);
            int value = 0;
            int digits = 0;
            while (p < data.length && data[p] >= '0' && data[p] <= '9' && digits < 9) {
                value = value * 10 + (data[p++] - '0');
                digits++;
            }
            if (digits == 0) {
                throw new IllegalArgumentException("a PPM header without its sizes");
            }
            header[i] = value;
        }
        // Exactly one whitespace character ends the header.
        p++;
        int width = header[0];
        int height = header[1];
        if (header[2] != 255 || width < 1 || height < 1 || (long) width * height * channels > data.length - p) {
            throw new IllegalArgumentException("a PPM of %d×%d, maximum value %d, in %d bytes".formatted(width, height, header[2], data.length));
        }
        return new PortableAnymap(data, p, width, height, channels);
    }

    private static int skipBlanksAndComments(byte[] data, int p) {
        while (p < data.length) {
            if (data[p] == '#') {
                while (p < data.length && data[p] != '\n') {
                    p++;
                }
            } else if (Character.isWhitespace(data[p])) {
                p++;
            } else {
                break;
            }
        }
        return p;
    }

    /** A TYPE_INT_RGB image within {@code maxDimension}, read straight from the bytes by the area averaging. */
    BufferedImage fitted(int maxDimension) {
        int rowBytes = width * channels;
        Downscaler.Interleaved samples = Downscaler.Interleaved.of(channels, 1);
        return Downscaler.shrink(width, height,
                (y, red, green, blue) -> samples.read(data, offset + y * rowBytes, width, red, green, blue), maxDimension);
    }
}
