package org.imagetagger.imaging;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import javax.imageio.ImageTypeSpecifier;

/**
 * Pictures of R, G, B bytes in that order: the order the JPEG library decodes and encodes rows in. ImageIO copies
 * such a row as one array, and swaps the samples of a TYPE_3BYTE_BGR row (B, G, R) one accessor call at a time:
 * a fifth of the Java time of a scan in each direction (docs/BENCHMARKS.md, issue 17).
 */
final class RgbBytes {

    private static final ImageTypeSpecifier TYPE = ImageTypeSpecifier.createInterleaved(
            ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {0, 1, 2}, DataBuffer.TYPE_BYTE, false, false);

    private RgbBytes() {
    }

    static BufferedImage of(int width, int height) {
        return TYPE.createBufferedImage(width, height);
    }
}
