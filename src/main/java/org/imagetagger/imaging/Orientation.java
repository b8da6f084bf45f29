package org.imagetagger.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** Turns an image as stored into the image as the camera meant it, per EXIF orientation 1..8. */
final class Orientation {

    private Orientation() {
    }

    /** @param rgb a TYPE_INT_RGB image; returned unchanged for orientation 1 or any unknown value */
    static BufferedImage apply(BufferedImage rgb, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return rgb;
        }
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        boolean swapsSides = orientation >= 5;
        int outW = swapsSides ? h : w;
        BufferedImage out = new BufferedImage(outW, swapsSides ? w : h, BufferedImage.TYPE_INT_RGB);
        int[] src = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int dx;
                int dy;
                switch (orientation) {
                    case 2 -> { dx = w - 1 - x; dy = y; }          // mirrored horizontally
                    case 3 -> { dx = w - 1 - x; dy = h - 1 - y; }  // rotated 180°
                    case 4 -> { dx = x; dy = h - 1 - y; }          // mirrored vertically
                    case 5 -> { dx = y; dy = x; }                  // transposed
                    case 6 -> { dx = h - 1 - y; dy = x; }          // needs 90° clockwise
                    case 7 -> { dx = h - 1 - y; dy = w - 1 - x; }  // transversed
                    default -> { dx = y; dy = w - 1 - x; }         // 8: needs 90° counter-clockwise
                }
                dst[dy * outW + dx] = src[y * w + x];
            }
        }
        return out;
    }
}
