package org.imagetagger.imaging;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Encodes pictures as JPEG bytes with an explicit quality (ImageIO's default of 0.75 is visibly blocky). */
public class JpegEncoder {

    /** @param quality 0..1, e.g. 0.85 */
    public byte[] encode(BufferedImage image, float quality) {
        if (quality < 0f || quality > 1f) {
            throw new IllegalArgumentException("JPEG quality must be between 0 and 1, was " + quality);
        }
        BufferedImage opaque = writesDirectly(image) ? image : interleaved(Downscaler.toRgb(image));
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(opaque, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode JPEG in memory", e);
        } finally {
            writer.dispose();
            if (opaque != image) {
                RgbBytes.release(opaque);
            }
        }
        return bytes.toByteArray();
    }

    /**
     * The writer takes each row as R, G, B bytes ({@link RgbBytes}); from packed ints it converts sample by sample
     * through the raster's generic accessors.
     *
     * @param rgb a TYPE_INT_RGB image
     */
    private static BufferedImage interleaved(BufferedImage rgb) {
        int w = rgb.getWidth();
        BufferedImage inOrder = RgbBytes.reused(w, rgb.getHeight());
        int[] row = new int[w];
        byte[] bytes = ((DataBufferByte) inOrder.getRaster().getDataBuffer()).getData();
        for (int y = 0, o = 0; y < rgb.getHeight(); y++) {
            rgb.getRaster().getDataElements(0, y, w, 1, row);
            for (int x = 0; x < w; x++, o += 3) {
                int p = row[x];
                bytes[o] = (byte) (p >> 16);
                bytes[o + 1] = (byte) (p >> 8);
                bytes[o + 2] = (byte) p;
            }
        }
        return inOrder;
    }

    /** ImageIO's writer rejects alpha and indexed colours or writes them as CMYK-like garbage. */
    private static boolean writesDirectly(BufferedImage image) {
        int type = image.getType();
        return type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_BYTE_GRAY;
    }
}
