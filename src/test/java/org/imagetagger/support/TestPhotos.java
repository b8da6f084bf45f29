package org.imagetagger.support;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Photo-like pictures for the duplicate tests: a gradient sky and a dozen shapes of random colours, different for
 * every seed; and near copies of them as people make them (rescaled, brighter, recompressed).
 */
public final class TestPhotos {

    private TestPhotos() {
    }

    public static BufferedImage photo(long seed, int w, int h) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(random.nextInt(w), 0, colour(random), random.nextInt(w), h, colour(random)));
        g.fillRect(0, 0, w, h);
        int shapes = 6 + random.nextInt(8);
        for (int n = 0; n < shapes; n++) {
            g.setColor(colour(random));
            int sw = w / 8 + random.nextInt(w / 2);
            int sh = h / 8 + random.nextInt(h / 2);
            int x = random.nextInt(w) - sw / 2;
            int y = random.nextInt(h) - sh / 2;
            if (random.nextBoolean()) {
                g.fill(new Ellipse2D.Double(x, y, sw, sh));
            } else {
                g.fillRect(x, y, sw, sh);
            }
        }
        g.dispose();
        return image;
    }

    /** Scaled to {@code scale} of its size, {@code brighter} added to each channel, as a JPEG of {@code quality} (0..1). */
    public static BufferedImage nearCopy(BufferedImage original, double scale, int brighter, float quality) {
        int w = Math.max(1, (int) Math.round(original.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(original.getHeight() * scale));
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(original.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = scaled.getRGB(x, y);
                int r = Math.min(255, ((rgb >> 16) & 0xff) + brighter);
                int gr = Math.min(255, ((rgb >> 8) & 0xff) + brighter);
                int b = Math.min(255, (rgb & 0xff) + brighter);
                scaled.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        try {
            return ImageIO.read(new ByteArrayInputStream(jpeg(scaled, quality)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    public static Path writeJpeg(Path file, BufferedImage image, float quality) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, jpeg(image, quality));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Color colour(Random random) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }
}
