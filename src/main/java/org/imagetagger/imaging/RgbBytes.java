package org.imagetagger.imaging;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Pictures of R, G, B bytes in that order: the order the JPEG library decodes and encodes rows in. ImageIO copies
 * such a row as one array, and swaps the samples of a TYPE_3BYTE_BGR row (B, G, R) one accessor call at a time:
 * decoding and encoding together, a fifth of the Java time of a CPU-bound scan (docs/BENCHMARKS.md, issue 17).
 */
final class RgbBytes {

    private static final ComponentColorModel SRGB = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
    /** As many as pictures are decoded at once in a scan (two on two cores); a thumbnail beside them gets a new one. */
    private static final int KEPT_ARRAYS = 2;
    /** Pictures decoded for the model at the usual max-dimension (1024: at most 2047×1535, 9.4 MB); larger ones go. */
    private static final int KEPT_BYTES_AT_MOST = 16 << 20;
    private static final Deque<byte[]> kept = new ArrayDeque<>();

    private RgbBytes() {
    }

    /**
     * A picture over an array a released picture left, where one is large enough. A decoded photo is several
     * megabytes, more than half a region of the garbage collector's heap: each new one is allocated apart and makes
     * the collector mark the heap again sooner (docs/BENCHMARKS.md, issue 17). Its content is whatever was there:
     * for a decoder that writes every row. {@link #release} it once nothing reads it any more.
     */
    static BufferedImage reused(int width, int height) {
        int length = length(width, height);
        synchronized (kept) {
            for (Iterator<byte[]> arrays = kept.iterator(); arrays.hasNext(); ) {
                byte[] array = arrays.next();
                if (array.length >= length) {
                    arrays.remove();
                    return over(array, width, height);
                }
            }
        }
        return of(width, height);
    }

    /** Keeps the picture's array for {@link #reused}: the picture must not be read afterwards. */
    static void release(BufferedImage picture) {
        byte[] array = ((DataBufferByte) picture.getRaster().getDataBuffer()).getData();
        if (array.length > KEPT_BYTES_AT_MOST) {
            return;
        }
        synchronized (kept) {
            if (kept.size() == KEPT_ARRAYS) {
                byte[] smallest = kept.stream().min((a, b) -> Integer.compare(a.length, b.length)).orElseThrow();
                if (smallest.length >= array.length) {
                    return;
                }
                kept.remove(smallest);
            }
            kept.push(array);
        }
    }

    private static BufferedImage of(int width, int height) {
        return over(new byte[length(width, height)], width, height);
    }

    private static int length(int width, int height) {
        return Math.multiplyExact(Math.multiplyExact(width, height), 3);
    }

    private static BufferedImage over(byte[] array, int width, int height) {
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(array, length(width, height)),
                width, height, width * 3, 3, new int[] {0, 1, 2}, null);
        return new BufferedImage(SRGB, raster, false, null);
    }
}
