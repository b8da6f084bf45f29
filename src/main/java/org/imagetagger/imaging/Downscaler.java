package org.imagetagger.imaging;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.util.Arrays;

/**
 * Opaque RGB conversion and shrinking by area averaging (every source pixel counts by the area it covers, so fine
 * patterns turn into their mean instead of aliasing), in one pass over the decoded pixels. The pixel layouts ImageIO
 * decodes to (RGB, BGR, ABGR, grey, as bytes or ints) are read from their arrays directly: Java2D's drawImage
 * costs more than the decoding itself (docs/BENCHMARKS.md, issue 17).
 */
final class Downscaler {

    private Downscaler() {
    }

    /** Transparent parts become white: the vision model and JPEG know no alpha, and black would look like content. */
    static BufferedImage toRgb(BufferedImage image) {
        return image.getType() == BufferedImage.TYPE_INT_RGB ? image : toRgbWithin(image, Integer.MAX_VALUE);
    }

    /** Longest side at most {@code maxDimension}, aspect ratio kept; never enlarges. */
    static BufferedImage fitWithin(BufferedImage rgb, int maxDimension) {
        return Math.max(rgb.getWidth(), rgb.getHeight()) <= maxDimension ? rgb : toRgbWithin(rgb, maxDimension);
    }

    /** {@link #toRgb} and {@link #fitWithin} at once: a TYPE_INT_RGB image, a new one unless the image already was one that fits. */
    static BufferedImage toRgbWithin(BufferedImage image, int maxDimension) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean fits = Math.max(w, h) <= maxDimension;
        if (fits && image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        RowReader rows = RowReader.of(image);
        if (rows == null) {
            return toRgbWithin(paintedOnWhite(image), maxDimension);
        }
        return shrink(w, h, rows, maxDimension);
    }

    /** Pixels a decoder hands over row by row, top to bottom, within {@code maxDimension}: a TYPE_INT_RGB image. */
    static BufferedImage shrink(int w, int h, RowReader rows, int maxDimension) {
        boolean fits = Math.max(w, h) <= maxDimension;
        int targetW = fits ? w : w >= h ? maxDimension : Math.max(1, (int) Math.round((double) w * maxDimension / h));
        int targetH = fits ? h : w >= h ? Math.max(1, (int) Math.round((double) h * maxDimension / w)) : maxDimension;
        return new AreaAverage(w, h, targetW, targetH).shrink(rows);
    }

    /** The rare layouts read by Java2D (16-bit, indexed, premultiplied...): slow, but always right. */
    private static BufferedImage paintedOnWhite(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** One source row as red, green and blue samples (alpha already painted on white); rows are asked in order. */
    interface RowReader {

        void read(int y, float[] red, float[] green, float[] blue);

        /** null for a layout without a direct reader. */
        static RowReader of(BufferedImage image) {
            Raster raster = image.getRaster();
            if (raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0
                    || image.isAlphaPremultiplied()) {
                return null;
            }
            int w = image.getWidth();
            switch (image.getType()) {
                case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB -> {
                    boolean alpha = image.getType() == BufferedImage.TYPE_INT_ARGB;
                    int[] row = new int[w];
                    return (y, red, green, blue) -> {
                        raster.getDataElements(0, y, w, 1, row);
                        for (int x = 0; x < w; x++) {
                            int p = row[x];
                            int a = alpha ? p >>> 24 : 255;
                            red[x] = onWhite((p >> 16) & 0xff, a);
                            green[x] = onWhite((p >> 8) & 0xff, a);
                            blue[x] = onWhite(p & 0xff, a);
                        }
                    };
                }
                case BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_CUSTOM -> {
                    return bytes(image, raster);
                }
                default -> {
                    return null;
                }
            }
        }

        /** 8-bit interleaved samples: grey, grey + alpha, RGB or RGBA in any band order (what ImageIO's readers make). */
        private static RowReader bytes(BufferedImage image, Raster raster) {
            if (!(raster.getSampleModel() instanceof ComponentSampleModel model) || !(raster.getDataBuffer() instanceof DataBufferByte buffer)
                    || buffer.getNumBanks() != 1 || !image.getColorModel().getColorSpace().isCS_sRGB() && raster.getNumBands() > 2) {
                return null;
            }
            int bands = raster.getNumBands();
            if (bands < 1 || bands > 4) {
                return null;
            }
            int[] offsets = model.getBandOffsets();
            boolean grey = bands <= 2;
            boolean alpha = bands == 2 || bands == 4;
            int r = offsets[0];
            int g = grey ? r : offsets[1];
            int b = grey ? r : offsets[2];
            int a = alpha ? offsets[bands - 1] : -1;
            byte[] data = buffer.getData();
            int base = buffer.getOffset();
            int scanlineStride = model.getScanlineStride();
            int w = image.getWidth();
            Interleaved samples = new Interleaved(model.getPixelStride(), r, g, b, a);
            return (y, red, green, blue) -> samples.read(data, base + y * scanlineStride, w, red, green, blue);
        }
    }

    private static int onWhite(int sample, int alpha) {
        return alpha == 255 ? sample : (sample * alpha + 255 * (255 - alpha) + 127) / 255;
    }

    /**
     * One row of 8-bit interleaved samples (grey, grey + alpha, RGB or RGBA, in any band order; {@code alpha} -1 for
     * none) as red, green and blue on white, every {@code pixelStride} bytes from {@code start}.
     */
    record Interleaved(int pixelStride, int red, int green, int blue, int alpha) {

        /** Samples in the usual order, {@code channels} of them per pixel, every {@code step}-th pixel kept. */
        static Interleaved of(int channels, int step) {
            boolean grey = channels <= 2;
            return new Interleaved(channels * step, 0, grey ? 0 : 1, grey ? 0 : 2, channels == 2 || channels == 4 ? channels - 1 : -1);
        }

        void read(byte[] data, int start, int width, float[] reds, float[] greens, float[] blues) {
            for (int x = 0, p = start; x < width; x++, p += pixelStride) {
                int opacity = alpha < 0 ? 255 : data[p + alpha] & 0xff;
                reds[x] = onWhite(data[p + red] & 0xff, opacity);
                greens[x] = onWhite(data[p + green] & 0xff, opacity);
                blues[x] = onWhite(data[p + blue] & 0xff, opacity);
            }
        }
    }

    /**
     * Box filter with fractional coverage: each source pixel spans {@code w/targetW} × {@code h/targetH} target
     * pixels at most 2 × 2 of which it touches. Source rows are summed into the target row they fall in at source
     * width; each target row is then gathered across from the source columns it covers.
     */
    private static final class AreaAverage {

        private final int w;
        private final int h;
        private final int targetW;
        private final int targetH;
        /**
         * Target column j is the sum of source columns {@code tapColumn[k]} by {@code tapWeight[k]}, k from j·taps to
         * (j+1)·taps: the same number for every column (weight 0 where a column has fewer), so the loop over them
         * takes no branch the processor mispredicts.
         */
        private final int taps;
        private final int[] tapColumn;
        private final float[] tapWeight;

        AreaAverage(int w, int h, int targetW, int targetH) {
            this.w = w;
            this.h = h;
            this.targetW = targetW;
            this.targetH = targetH;
            int[] column = new int[w];
            float[] share = new float[w];
            split(w, targetW, column, share);
            int[] count = new int[targetW];
            for (int x = 0; x < w; x++) {
                count[column[x]]++;
                if (share[x] < 1f && column[x] + 1 < targetW) {
                    count[column[x] + 1]++;
                }
            }
            taps = Arrays.stream(count).max().orElse(1);
            tapColumn = new int[targetW * taps];
            tapWeight = new float[targetW * taps];
            int[] filled = new int[targetW];
            for (int x = 0; x < w; x++) {
                int j = column[x];
                tapColumn[j * taps + filled[j]] = x;
                tapWeight[j * taps + filled[j]++] = share[x];
                if (share[x] < 1f && j + 1 < targetW) {
                    tapColumn[(j + 1) * taps + filled[j + 1]] = x;
                    tapWeight[(j + 1) * taps + filled[j + 1]++] = 1f - share[x];
                }
            }
        }

        /** Source cell i covers [i, i+1) in source units; target cell j covers [j·n/m, (j+1)·n/m). */
        private static void split(int n, int m, int[] first, float[] share) {
            for (int i = 0; i < n; i++) {
                double start = (double) i * m / n;
                double end = (double) (i + 1) * m / n;
                int j = Math.min(m - 1, (int) start);
                first[i] = j;
                share[i] = end <= j + 1 ? 1f : (float) ((j + 1 - start) / (end - start));
            }
        }

        BufferedImage shrink(RowReader rows) {
            float[] red = new float[w];
            float[] green = new float[w];
            float[] blue = new float[w];
            BufferedImage out = new BufferedImage(targetW, targetH, BufferedImage.TYPE_INT_RGB);
            int[] pixels = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
            if (w == targetW && h == targetH) {
                for (int y = 0, p = 0; y < h; y++) {
                    rows.read(y, red, green, blue);
                    for (int x = 0; x < w; x++, p++) {
                        pixels[p] = (int) red[x] << 16 | (int) green[x] << 8 | (int) blue[x];
                    }
                }
                return out;
            }
            // Source rows are summed at source width (a loop the JIT vectorises); two target rows are open at a
            // time: the one the source row falls in, and the next one it may reach into.
            float[] current = new float[3 * w];
            float[] next = new float[3 * w];
            int[] rowOf = new int[h];
            float[] rowShare = new float[h];
            split(h, targetH, rowOf, rowShare);
            float perArea = (float) ((double) targetW / w * targetH / h);
            int open = 0;
            for (int y = 0; y < h; y++) {
                rows.read(y, red, green, blue);
                if (rowOf[y] > open) {
                    emit(current, perArea, pixels, open++ * targetW);
                    float[] done = current;
                    current = next;
                    next = done;
                }
                float share = rowShare[y];
                add(current, red, green, blue, share);
                if (share < 1f) {
                    add(next, red, green, blue, 1f - share);
                }
            }
            emit(current, perArea, pixels, open * targetW);
            return out;
        }

        private void add(float[] sums, float[] red, float[] green, float[] blue, float share) {
            for (int x = 0; x < w; x++) {
                sums[x] += red[x] * share;
            }
            for (int x = 0; x < w; x++) {
                sums[w + x] += green[x] * share;
            }
            for (int x = 0; x < w; x++) {
                sums[2 * w + x] += blue[x] * share;
            }
        }

        /**
         * One target row from the summed source rows, which are left at zero for the row after next. A gather: each
         * target column reads its few source columns (adding each source column into its target columns waited, at
         * every column, for the store it had just made).
         */
        private void emit(float[] sums, float perArea, int[] pixels, int offset) {
            int greens = w;
            int blues = 2 * w;
            for (int j = 0; j < targetW; j++) {
                float r = 0f;
                float g = 0f;
                float b = 0f;
                for (int k = j * taps, end = k + taps; k < end; k++) {
                    int x = tapColumn[k];
                    float weight = tapWeight[k];
                    r += sums[x] * weight;
                    g += sums[greens + x] * weight;
                    b += sums[blues + x] * weight;
                }
                pixels[offset + j] = channel(r, perArea) << 16 | channel(g, perArea) << 8 | channel(b, perArea);
            }
            Arrays.fill(sums, 0f);
        }

        private static int channel(float sum, float perArea) {
            return Math.min(255, (int) (sum * perArea + 0.5f));
        }
    }
}
