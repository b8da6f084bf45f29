package org.imagetagger.imaging;

import java.awt.image.BufferedImage;

/**
 * A 64-bit DCT perceptual hash (pHash) of a picture: the luminance averaged down to 32×32, its 2-D DCT, and one bit
 * per coefficient of the lowest 8×8 frequencies (DC left out) that lies above their median. Rescaling, recompressing
 * and a little more brightness leave it nearly unchanged; {@link #distance} counts the differing bits.
 */
public final class PerceptualHash {

    private static final int SIZE = 32;
    private static final int LOW = 8;
    private static final double[][] COSINES = new double[LOW][SIZE];

    static {
        for (int u = 0; u < LOW; u++) {
            for (int x = 0; x < SIZE; x++) {
                COSINES[u][x] = Math.cos((2 * x + 1) * u * Math.PI / (2 * SIZE));
            }
        }
    }

    private PerceptualHash() {
    }

    public static long of(BufferedImage picture) {
        double[][] luma = luminance(picture);
        double[] coefficients = new double[LOW * LOW];
        double[][] rows = new double[SIZE][LOW];
        for (int y = 0; y < SIZE; y++) {
            for (int u = 0; u < LOW; u++) {
                double sum = 0;
                for (int x = 0; x < SIZE; x++) {
                    sum += luma[y][x] * COSINES[u][x];
                }
                rows[y][u] = sum;
            }
        }
        for (int v = 0; v < LOW; v++) {
            for (int u = 0; u < LOW; u++) {
                double sum = 0;
                for (int y = 0; y < SIZE; y++) {
                    sum += rows[y][u] * COSINES[v][y];
                }
                coefficients[v * LOW + u] = sum;
            }
        }
        double[] sorted = java.util.Arrays.copyOfRange(coefficients, 1, coefficients.length);
        java.util.Arrays.sort(sorted);
        double median = (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        long hash = 0;
        for (int n = 1; n < coefficients.length; n++) {
            if (coefficients[n] > median) {
                hash |= 1L << n;
            }
        }
        return hash;
    }

    /** Bits in which two hashes differ: 0 for the same picture, around 32 for unrelated ones. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /** Mean luminance of each of 32×32 cells covering the picture (box filter: every pixel counts once). */
    private static double[][] luminance(BufferedImage picture) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        double[][] sums = new double[SIZE][SIZE];
        int[][] counts = new int[SIZE][SIZE];
        int[] row = new int[w];
        // Cell x covers the columns firstColumn[x] to firstColumn[x + 1] - 1 (none in a picture narrower than 32 px).
        int[] firstColumn = new int[SIZE + 1];
        for (int x = 0; x <= SIZE; x++) {
            firstColumn[x] = (int) (((long) x * w + SIZE - 1) / SIZE);
        }
        // getRGB converts pixel by pixel through the colour model; an RGB picture's ints are the pixels already.
        boolean packedRgb = picture.getType() == BufferedImage.TYPE_INT_RGB;
        for (int y = 0; y < h; y++) {
            if (packedRgb) {
                picture.getRaster().getDataElements(0, y, w, 1, row);
            } else {
                picture.getRGB(0, y, w, 1, row, 0, w);
            }
            int cellY = (int) ((long) y * SIZE / h);
            double[] cellSums = sums[cellY];
            int[] cellCounts = counts[cellY];
            for (int cellX = 0; cellX < SIZE; cellX++) {
                // Channel sums over the cell's run of pixels (a loop the JIT vectorises), weighted once per run.
                int red = 0;
                int green = 0;
                int blue = 0;
                for (int x = firstColumn[cellX], end = firstColumn[cellX + 1]; x < end; x++) {
                    int rgb = row[x];
                    red += (rgb >> 16) & 0xff;
                    green += (rgb >> 8) & 0xff;
                    blue += rgb & 0xff;
                }
                cellSums[cellX] += 0.299 * red + 0.587 * green + 0.114 * blue;
                cellCounts[cellX] += firstColumn[cellX + 1] - firstColumn[cellX];
            }
        }
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                // A picture smaller than 32 px on a side leaves cells empty: they take their left or upper neighbour.
                sums[y][x] = counts[y][x] > 0 ? sums[y][x] / counts[y][x] : x > 0 ? sums[y][x - 1] : y > 0 ? sums[y - 1][x] : 0;
            }
        }
        return sums;
    }
}
