package org.imagetagger.imaging;

import ar.com.hjg.pngj.ImageInfo;
import ar.com.hjg.pngj.ImageLineByte;
import ar.com.hjg.pngj.PngReaderByte;
import java.awt.image.BufferedImage;
import java.lang.System.Logger.Level;
import java.nio.file.Path;

/**
 * 8-bit PNGs read row by row by PNGJ straight into the area averaging, skipping rows and columns as ImageIO's
 * subsampling does: ImageIO's reader copies each kept pixel through the raster one call at a time, which costs
 * about as much as inflating the file (docs/BENCHMARKS.md, issue 17). Palette, 16-bit, interlaced and colour-keyed
 * (tRNS) PNGs, and any file PNGJ does not read cleanly, are left to ImageIO, which names what is wrong.
 */
final class StreamedPng {

    private static final System.Logger LOG = System.getLogger(StreamedPng.class.getName());

    private StreamedPng() {
    }

    /** The PNG within {@code maxDimension} as a TYPE_INT_RGB image on white, or null when ImageIO should decode it. */
    static BufferedImage fitted(Path file, ImageSize size, int maxDimension) {
        PngReaderByte reader;
        try {
            reader = new PngReaderByte(file.toFile());
        } catch (RuntimeException unreadable) {
            return null;
        }
        try {
            ImageInfo info = reader.imgInfo;
            if (info.bitDepth != 8 || info.indexed || reader.isInterlaced() || info.cols != size.width() || info.rows != size.height()) {
                return null;
            }
            reader.setMaxTotalBytesRead(Long.MAX_VALUE);
            ImageLineByte first = reader.readRowByte();
            // Chunks before the pixels are known once the first row is read.
            if (reader.getMetadata().getTRNS() != null) {
                return null;
            }
            int step = ImageDecoder.subsamplingFor(size, maxDimension);
            int width = (info.cols + step - 1) / step;
            int height = (info.rows + step - 1) / step;
            Downscaler.RowReader rows = new SkippingRows(reader, first, info.channels, step, width);
            return Downscaler.shrink(width, height, rows, maxDimension);
        } catch (RuntimeException damaged) {
            LOG.log(Level.DEBUG, "PNGJ did not read {0} ({1}): ImageIO decodes it", file, damaged.toString());
            return null;
        } finally {
            reader.close();
        }
    }

    /** Every {@code step}-th row and column of the PNG, rows read in order and the skipped ones dropped. */
    private static final class SkippingRows implements Downscaler.RowReader {

        private final PngReaderByte reader;
        private final int step;
        private final int width;
        private final Downscaler.Interleaved samples;
        private ImageLineByte last;
        private int lastRow;

        SkippingRows(PngReaderByte reader, ImageLineByte first, int channels, int step, int width) {
            this.reader = reader;
            this.last = first;
            this.step = step;
            this.width = width;
            this.samples = Downscaler.Interleaved.of(channels, step);
        }

        @Override
        public void read(int y, float[] red, float[] green, float[] blue) {
            while (lastRow < y * step) {
                last = reader.readRowByte();
                lastRow++;
            }
            samples.read(last.getScanlineByte(), 0, width, red, green, blue);
        }
    }
}
