package org.imagetagger.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
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
