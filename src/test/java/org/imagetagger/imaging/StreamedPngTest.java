package org.imagetagger.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.imagetagger.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamedPngTest {

    @TempDir
    Path dir;

    @Test
    void anRgbPngGivesThePictureImageIoGives() throws Exception {
        Path png = TestImages.write(dir.resolve("large.png"), noisy(2400, 1600, BufferedImage.TYPE_INT_RGB), "png");

        BufferedImage streamed = StreamedPng.fitted(png, new ImageSize(2400, 1600), 600);
        BufferedImage imageIo = imageIoFitted(png, 600);

        assertNotNull(streamed);
        assertEquals(600, streamed.getWidth());
        assertEquals(400, streamed.getHeight());
        assertEquals(0.0, TestImages.meanDifference(streamed, imageIo), 0.5, "the same pixels kept and averaged");
    }

    @Test
    void greyAndTransparentPngsAreReadWithTransparencyOnWhite() throws Exception {
        BufferedImage grey = noisy(900, 700, BufferedImage.TYPE_BYTE_GRAY);
        Path greyPng = TestImages.write(dir.resolve("grey.png"), grey, "png");
        BufferedImage streamedGrey = StreamedPng.fitted(greyPng, new ImageSize(900, 700), 300);
        assertNotNull(streamedGrey);
        assertEquals(0.0, TestImages.meanDifference(streamedGrey, imageIoFitted(greyPng, 300)), 0.5);

        BufferedImage clear = new BufferedImage(800, 600, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = clear.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 400, 600);
        g.dispose();
        Path transparent = TestImages.write(dir.resolve("half-clear.png"), clear, "png");
        BufferedImage streamed = StreamedPng.fitted(transparent, new ImageSize(800, 600), 400);
        assertNotNull(streamed);
        assertEquals(0x0000ff, streamed.getRGB(50, 150) & 0xffffff);
        assertEquals(0xffffff, streamed.getRGB(350, 150) & 0xffffff, "transparent is white");
    }

    @Test
    void palette16BitAndDamagedPngsAreLeftToImageIo() throws Exception {
        Path palette = TestImages.write(dir.resolve("palette.png"), noisy(300, 200, BufferedImage.TYPE_BYTE_INDEXED), "png");
        Path deep = TestImages.write(dir.resolve("deep.png"), noisy(300, 200, BufferedImage.TYPE_USHORT_GRAY), "png");
        assertNull(StreamedPng.fitted(palette, new ImageSize(300, 200), 100));
        assertNull(StreamedPng.fitted(deep, new ImageSize(300, 200), 100));
        ImageDecoder decoder = new ImageDecoder();
        assertEquals(100, ImageIO.read(new java.io.ByteArrayInputStream(decoder.forModel(palette, 100, 1_000_000, 1, 0.85f).jpeg())).getWidth());
        assertEquals(100, ImageIO.read(new java.io.ByteArrayInputStream(decoder.forModel(deep, 100, 1_000_000, 1, 0.85f).jpeg())).getWidth());

        Path cut = TestImages.truncate(TestImages.write(dir.resolve("cut.png"), noisy(800, 600, BufferedImage.TYPE_INT_RGB), "png"), 200_000);
        assertNull(StreamedPng.fitted(cut, new ImageSize(800, 600), 400));
        UntaggableImageException refused = assertThrows(UntaggableImageException.class, () -> decoder.forModel(cut, 400, 1_000_000, 1, 0.85f));
        assertTrue(refused.getMessage().contains("PNG"), refused.getMessage());
    }

    /** What ImageDecoder did before PNGJ: ImageIO's subsampled decode, then the area averaging. */
    private static BufferedImage imageIoFitted(Path png, int maxDimension) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            reader.setInput(in);
            int step = ImageDecoder.subsamplingFor(new ImageSize(reader.getWidth(0), reader.getHeight(0)), maxDimension);
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            return Downscaler.toRgbWithin(reader.read(0, param), maxDimension);
        } finally {
            reader.dispose();
        }
    }

    @Test
    void aThumbnailFromAnOpenFileIsTheStreamedPicture() throws Exception {
        Path png = TestImages.write(dir.resolve("open.png"), noisy(2400, 1600, BufferedImage.TYPE_INT_RGB), "png");

        BufferedImage thumbnail;
        try (ConfinedFile open = ConfinedFile.open(dir, png)) {
            thumbnail = new ImageDecoder().decodeStill(open, 300, 100_000_000L, 1);
        }

        assertEquals(300, thumbnail.getWidth());
        assertEquals(0.0, TestImages.meanDifference(thumbnail, imageIoFitted(png, 300)), 0.5);
    }

    private static BufferedImage noisy(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Random random = new Random(5);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int noise = random.nextInt(40);
                image.setRGB(x, y, new Color((x * 200 / width + noise) & 0xff, (y * 200 / height + noise) & 0xff, 80 + noise).getRGB());
            }
        }
        return image;
    }
}
