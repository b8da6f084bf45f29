package org.imagetagger.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class DownscalerTest {

    @Test
    void shrinkingAveragesInsteadOfPickingPixels() {
        // One-pixel stripes: a scaler that only picks pixels would keep pure black or white.
        BufferedImage stripes = new BufferedImage(1600, 800, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 1600; x += 2) {
            for (int y = 0; y < 800; y++) {
                stripes.setRGB(x, y, 0xFFFFFF);
            }
        }

        BufferedImage small = Downscaler.fitWithin(stripes, 300);

        assertEquals(300, small.getWidth());
        assertEquals(150, small.getHeight());
        for (int x : new int[] {0, 77, 150, 299}) {
            int gray = new Color(small.getRGB(x, 75)).getRed();
            assertTrue(gray > 100 && gray < 155, "expected mid gray at x=" + x + ", got " + gray);
        }
    }

    @Test
    void shrinkingByAnUnevenRatioKeepsEachRegionsColourInEveryLayoutImageIoDecodesTo() {
        for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_4BYTE_ABGR,
                BufferedImage.TYPE_INT_ARGB}) {
            BufferedImage halves = new BufferedImage(1000, 700, type);
            Graphics2D g = halves.createGraphics();
            g.setColor(new Color(200, 40, 10));
            g.fillRect(0, 0, 500, 700);
            g.setColor(new Color(10, 90, 230));
            g.fillRect(500, 0, 500, 700);
            g.dispose();

            BufferedImage small = Downscaler.toRgbWithin(halves, 300);

            assertEquals(BufferedImage.TYPE_INT_RGB, small.getType());
            assertEquals(300, small.getWidth());
            assertEquals(210, small.getHeight());
            assertEquals(new Color(200, 40, 10).getRGB(), small.getRGB(10, 100), "type " + type);
            assertEquals(new Color(10, 90, 230).getRGB(), small.getRGB(290, 100), "type " + type);
            Color border = new Color(small.getRGB(150, 100));
            assertTrue(border.getRed() >= 10 && border.getRed() <= 200, "a column across the border mixes: " + border);
        }
    }

    @Test
    void transparencyBecomesWhiteAndGreyStaysGrey() {
        BufferedImage clear = new BufferedImage(40, 30, BufferedImage.TYPE_4BYTE_ABGR);
        clear.setRGB(5, 5, new Color(255, 0, 0, 128).getRGB());
        BufferedImage grey = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(7, 7, 0, 100);

        BufferedImage opaque = Downscaler.toRgb(clear);
        BufferedImage rgb = Downscaler.toRgb(grey);

        assertEquals(Color.WHITE.getRGB(), opaque.getRGB(0, 0));
        assertEquals(new Color(255, 127, 127).getRGB(), opaque.getRGB(5, 5));
        assertEquals(new Color(100, 100, 100).getRGB(), rgb.getRGB(7, 7));
    }

    @Test
    void imagesWithinTheLimitAreReturnedAsTheyAre() {
        BufferedImage image = new BufferedImage(300, 20, BufferedImage.TYPE_INT_RGB);

        assertSame(image, Downscaler.fitWithin(image, 300));
    }

    @Test
    void tinySideStaysAtLeastOnePixel() {
        BufferedImage line = new BufferedImage(5000, 1, BufferedImage.TYPE_INT_RGB);

        BufferedImage small = Downscaler.fitWithin(line, 100);

        assertEquals(100, small.getWidth());
        assertEquals(1, small.getHeight());
    }
}
