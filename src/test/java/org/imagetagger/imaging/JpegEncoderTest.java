package org.imagetagger.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.imagetagger.support.TestImages;
import org.junit.jupiter.api.Test;

class JpegEncoderTest {

    private final JpegEncoder encoder = new JpegEncoder();

    @Test
    void writesAJpegThatDecodesBackToTheSamePicture() throws IOException {
        BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        fill(image, new Color(200, 40, 40));

        byte[] jpeg = encoder.encode(image, 0.85f);

        assertEquals((byte) 0xFF, jpeg[0]);
        assertEquals((byte) 0xD8, jpeg[1]);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertEquals(120, back.getWidth());
        assertEquals(80, back.getHeight());
        Color center = new Color(back.getRGB(60, 40));
        assertTrue(Math.abs(center.getRed() - 200) < 8 && Math.abs(center.getGreen() - 40) < 8, "got " + center);
    }

    @Test
    void writesTheBytesImageIoWritesForTheSamePixelsAfterALargerPicture() throws IOException {
        BufferedImage noise = TestImages.noise(64, 48, 2);
        BufferedImage bgr = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(noise, 0, 0, null);
        // A larger picture first: the array its bytes were copied into serves the next one.
        BufferedImage red = new BufferedImage(100, 80, BufferedImage.TYPE_INT_RGB);
        fill(red, Color.RED);
        encoder.encode(red, 0.85f);

        assertArrayEquals(encoder.encode(bgr, 0.85f), encoder.encode(noise, 0.85f));
    }

    @Test
    void higherQualityGivesMoreBytes() {
        BufferedImage noise = TestImages.noise(100, 100, 1);

        assertTrue(encoder.encode(noise, 0.95f).length > encoder.encode(noise, 0.3f).length);
    }

    @Test
    void imagesWithAlphaAreEncodedOnWhite() throws IOException {
        BufferedImage transparent = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);

        BufferedImage back = ImageIO.read(new ByteArrayInputStream(encoder.encode(transparent, 0.9f)));

        assertTrue(new Color(back.getRGB(8, 8)).getRed() > 245);
    }

    @Test
    void qualityOutsideZeroToOneIsRefused() {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(image, 1.5f));
    }

    private static void fill(BufferedImage image, Color color) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, color.getRGB());
            }
        }
    }
}
