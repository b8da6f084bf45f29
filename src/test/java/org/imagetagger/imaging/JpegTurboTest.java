package org.imagetagger.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.imagetagger.imaging.MediaTools.Tool;
import org.imagetagger.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large JPEGs through djpeg's DCT scaling (skipped where libjpeg-turbo-progs is not installed; .ci/run installs it). */
class JpegTurboTest {

    @TempDir
    Path dir;

    @Test
    void theScaleIsTheSmallestEighthThatStillReachesTheTarget() {
        assertEquals(3, JpegTurbo.eighthsFor(new ImageSize(4000, 3000), 1024));
        assertEquals(3, JpegTurbo.eighthsFor(new ImageSize(2000, 3000), 1024));
        assertEquals(6, JpegTurbo.eighthsFor(new ImageSize(1600, 1200), 1024));
        assertEquals(1, JpegTurbo.eighthsFor(new ImageSize(8192, 100), 1024));
        assertEquals(8, JpegTurbo.eighthsFor(new ImageSize(1100, 800), 1024), "7/8 of 1100 is below 1024: ImageIO decodes it");
    }

    @Test
    void aLargeJpegGivesThePictureImageIoGives() throws Exception {
        assumeTrue(MediaTools.isAvailable(Tool.DJPEG));
        Path jpeg = TestImages.write(dir.resolve("large.jpg"), photo(2400, 1600), "jpg");

        BufferedImage turbo = JpegTurbo.fitted(jpeg, new ImageSize(2400, 1600), 600);
        BufferedImage imageIo = Downscaler.toRgbWithin(javax.imageio.ImageIO.read(jpeg.toFile()), 600);

        assertNotNull(turbo);
        assertEquals(BufferedImage.TYPE_INT_RGB, turbo.getType());
        assertEquals(600, turbo.getWidth());
        assertEquals(400, turbo.getHeight());
        assertTrue(TestImages.meanDifference(turbo, imageIo) < 3, "mean difference per sample " + TestImages.meanDifference(turbo, imageIo));
        int distance = PerceptualHash.distance(PerceptualHash.of(turbo), PerceptualHash.of(imageIo));
        assertTrue(distance <= 4, "hashes differ in " + distance + " bits");
    }

    @Test
    void aDamagedJpegIsLeftToImageIoWhichNamesTheProblem() throws Exception {
        assumeTrue(MediaTools.isAvailable(Tool.DJPEG));
        Path truncated = TestImages.writeTruncatedJpeg(dir.resolve("cut.jpg"), 2400, 1600);

        assertNull(JpegTurbo.fitted(truncated, new ImageSize(2400, 1600), 600));
        UntaggableImageException refused = assertThrows(UntaggableImageException.class,
                () -> new ImageDecoder().forModel(truncated, 600, 100_000_000L, 1, 0.85f));
        assertTrue(refused.getMessage().startsWith("truncated JPEG"), refused.getMessage());
    }

    @Test
    void aThumbnailOfALargeJpegIsScaledByDjpegFromACopyOfTheOpenFile() throws Exception {
        assumeTrue(MediaTools.isAvailable(Tool.DJPEG));
        BufferedImage stripes = new BufferedImage(2400, 1600, BufferedImage.TYPE_INT_RGB);
        for (int x = 1; x < 2400; x += 2) {
            for (int y = 0; y < 1600; y++) {
                stripes.setRGB(x, y, 0xffffff);
            }
        }
        Path jpeg = TestImages.write(dir.resolve("stripes.jpg"), stripes, "jpg");

        BufferedImage thumbnail;
        try (ConfinedFile open = ConfinedFile.open(dir, jpeg)) {
            thumbnail = new ImageDecoder().decodeStill(open, 300, 100_000_000L, 1);
        }

        assertEquals(300, thumbnail.getWidth());
        assertEquals(200, thumbnail.getHeight());
        // ImageIO, subsampling by 4, would keep only black columns; djpeg's 1/8 scale averages black and white.
        int grey = thumbnail.getRGB(150, 100) & 0xff;
        assertTrue(grey > 90 && grey < 170, "grey " + grey);
    }

    @Test
    void greyAndRgbAnymapsAreReadWithCommentsInTheHeader() {
        byte[] rgb = anymap("P6\n# a comment\n2 1\n255\n", 10, 20, 30, 40, 50, 60);
        BufferedImage picture = PortableAnymap.parse(rgb).fitted(100);
        assertEquals(0x0a141e, picture.getRGB(0, 0) & 0xffffff);
        assertEquals(0x28323c, picture.getRGB(1, 0) & 0xffffff);

        BufferedImage grey = PortableAnymap.parse(anymap("P5 1 2 255\n", 7, 9)).fitted(100);
        assertEquals(0x070707, grey.getRGB(0, 0) & 0xffffff);
        assertEquals(0x090909, grey.getRGB(0, 1) & 0xffffff);
    }

    @Test
    void anAnymapThatIsNotEightBitOrEndsEarlyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PortableAnymap.parse(anymap("P6\n2 1\n65535\n", 1, 2, 3, 4, 5, 6)));
        assertThrows(IllegalArgumentException.class, () -> PortableAnymap.parse(anymap("P6\n2 1\n255\n", 1, 2, 3)));
        assertThrows(IllegalArgumentException.class, () -> PortableAnymap.parse(anymap("P3\n1 1\n255\n", 1, 2, 3)));
    }

    private static byte[] anymap(String header, int... samples) {
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        byte[] data = new byte[head.length + samples.length];
        System.arraycopy(head, 0, data, 0, head.length);
        for (int i = 0; i < samples.length; i++) {
            data[head.length + i] = (byte) samples[i];
        }
        return data;
    }

    /** Shapes of many colours over a gradient, with noise: a picture with structure for the perceptual hash. */
    private static BufferedImage photo(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(17);
        java.awt.Graphics2D g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, java.awt.Color.ORANGE, width, height, java.awt.Color.BLUE));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 40; i++) {
            g.setColor(new java.awt.Color(random.nextInt(0x1000000)));
            int w = width / 10 + random.nextInt(width / 4);
            int h = height / 10 + random.nextInt(height / 4);
            g.fillOval(random.nextInt(width - w), random.nextInt(height - h), w, h);
        }
        g.dispose();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int noise = random.nextInt(16) - 8;
                int p = image.getRGB(x, y);
                image.setRGB(x, y, clamp((p >> 16 & 0xff) + noise) << 16 | clamp((p >> 8 & 0xff) + noise) << 8 | clamp((p & 0xff) + noise));
            }
        }
        return image;
    }

    private static int clamp(int sample) {
        return Math.max(0, Math.min(255, sample));
    }
}
