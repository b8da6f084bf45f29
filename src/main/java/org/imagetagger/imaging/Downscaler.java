package org.imagetagger.imaging;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Opaque RGB conversion and good-quality shrinking; a single bilinear step from far away would alias. */
final class Downscaler {

    private Downscaler() {
    }

    /** Transparent parts become white: the vision model and JPEG know no alpha, and black would look like content. */
    static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
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

    /** Longest side at most {@code maxDimension}, aspect ratio kept; never enlarges. */
    static BufferedImage fitWithin(BufferedImage rgb, int maxDimension) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        if (Math.max(w, h) <= maxDimension) {
            return rgb;
        }
        int targetW = w >= h ? maxDimension : Math.max(1, (int) Math.round((double) w * maxDimension / h));
        int targetH = w >= h ? Math.max(1, (int) Math.round((double) h * maxDimension / w)) : maxDimension;
        BufferedImage current = rgb;
        // Halving with bilinear averages 2×2 blocks, so every source pixel counts; the last step is bicubic.
        while (current.getWidth() / 2 >= targetW && current.getHeight() / 2 >= targetH) {
            current = resize(current, current.getWidth() / 2, current.getHeight() / 2,
                    RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        if (current.getWidth() != targetW || current.getHeight() != targetH) {
            current = resize(current, targetW, targetH, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        }
        return current;
    }

    private static BufferedImage resize(BufferedImage image, int w, int h, Object interpolation) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
