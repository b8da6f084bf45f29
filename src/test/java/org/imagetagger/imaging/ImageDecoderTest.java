package org.imagetagger.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import org.imagetagger.support.TestImages;
import org.imagetagger.support.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageDecoderTest {

    private static final long MAX_PIXELS = 150_000_000L;

    @TempDir
    Path dir;

    private final ImageDecoder decoder = new ImageDecoder();

    @ParameterizedTest
    @CsvSource({
        "3000, 2000, 1000, 1000, 667",
        "4100, 1000, 1000, 1000, 244",   // decoded subsampled by 3, then scaled down
        "6000, 3000, 1000, 1000, 500",   // decoded subsampled by 3 to exactly twice the limit
        "4000, 3000, 1024, 1024, 768",   // 12 MP: subsampled by 2, not decoded in full
        "600, 1800, 500, 167, 500",      // portrait
        "1024, 1024, 1024, 1024, 1024"   // already at the limit
    })
    void shrinksToTheLimitKeepingTheAspectRatio(int w, int h, int max, int expectedW, int expectedH) throws Exception {
        Path file = TestImages.writeJpeg(dir.resolve("big.jpg"), w, h, Color.ORANGE);

        BufferedImage image = decoder.decode(file, max, MAX_PIXELS, 1);

        assertEquals(expectedW, image.getWidth());
        assertEquals(expectedH, image.getHeight());
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
        assertClose(Color.ORANGE, image.getRGB(expectedW / 2, expectedH / 2), 10);
    }

    @ParameterizedTest
    @CsvSource({
        "4000, 3000, 1024, 2",   // 2000 px: between the target and twice it
        "6000, 3000, 1000, 3",   // exactly twice the target
        "2047, 1000, 1024, 1",   // subsampling by 2 would fall below the target
        "1000, 800, 1024, 1"
    })
    void subsamplesTowardsTwiceTheTargetButNeverBelowIt(int w, int h, int max, int expected) {
        assertEquals(expected, ImageDecoder.subsamplingFor(new ImageSize(w, h), max));
    }

    @Test
    void aJpegDecodesToThePixelsOfImageIosOwnReaderAfterALargerPicture() throws Exception {
        Path file = TestImages.write(dir.resolve("noise.jpg"), TestImages.noise(300, 200, 3), "jpg");
        // A larger picture first: its decoded array is kept and serves the next one, which must overwrite all of it.
        decoder.decode(TestImages.writeJpeg(dir.resolve("red.jpg"), 400, 300, Color.RED), 1024, Long.MAX_VALUE, 1);

        BufferedImage decoded = decoder.decode(file, 1024, Long.MAX_VALUE, 1);

        BufferedImage reference = javax.imageio.ImageIO.read(file.toFile());
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, reference.getType(), "ImageIO's default the decoder departs from");
        assertArrayEquals(reference.getRGB(0, 0, 300, 200, null, 0, 300), decoded.getRGB(0, 0, 300, 200, null, 0, 300));
    }

    @Test
    void neverEnlarges() throws Exception {
        Path file = TestImages.writeJpeg(dir.resolve("small.jpg"), 200, 100, Color.GREEN);

        BufferedImage image = decoder.decode(file, 1000, MAX_PIXELS, 1);

        assertEquals(200, image.getWidth());
        assertEquals(100, image.getHeight());
    }

    /** Red marks the stored top-left corner; the row says where EXIF orientation must put it. */
    @ParameterizedTest
    @CsvSource({
        "1, false, false, false",
        "2, true,  false, false",
        "3, true,  true,  false",
        "4, false, true,  false",
        "5, false, false, true",
        "6, true,  false, true",
        "7, true,  true,  true",
        "8, false, true,  true"
    })
    void appliesExifOrientation(int orientation, boolean redRight, boolean redBottom, boolean swapsSides)
            throws Exception {
        BufferedImage stored = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = stored.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 300, 200);
        g.setColor(Color.RED);
        g.fillRect(0, 0, 150, 100);
        g.dispose();
        Path file = TestImages.write(dir.resolve("corner.png"), stored, "png");

        BufferedImage image = decoder.decode(file, 1000, MAX_PIXELS, orientation);

        assertEquals(swapsSides ? 200 : 300, image.getWidth());
        assertEquals(swapsSides ? 300 : 200, image.getHeight());
        int x = redRight ? image.getWidth() - 5 : 5;
        int y = redBottom ? image.getHeight() - 5 : 5;
        assertEquals(Color.RED.getRGB(), image.getRGB(x, y));
        assertEquals(Color.BLUE.getRGB(), image.getRGB(image.getWidth() - 1 - x, image.getHeight() - 1 - y));
    }

    @Test
    void orientationIsAppliedAfterShrinking() throws Exception {
        Path file = TestImages.writeJpegWithExif(dir.resolve("portrait.jpg"),
                new BufferedImage(2000, 1000, BufferedImage.TYPE_INT_RGB), "Apple", "iPhone", null,
                LocalDateTime.of(2024, 1, 2, 3, 4, 5), 6, Double.NaN, Double.NaN);

        BufferedImage image = decoder.decode(file, 800, MAX_PIXELS, 6);

        assertEquals(400, image.getWidth());
        assertEquals(800, image.getHeight());
        assertEquals(new ImageSize(2000, 1000), decoder.readSize(file));
    }

    @Test
    void refusesADecompressionBombFromItsHeader() throws Exception {
        Path file = TestImages.writeBombPng(dir.resolve("bomb.png"), 100_000, 100_000);

        UntaggableImageException e = assertUntaggable(() -> decoder.decode(file, 1024, MAX_PIXELS, 1));

        assertTrue(e.getMessage().contains("100000×100000"), e.getMessage());
        assertTrue(e.getMessage().contains("above the limit of 150 megapixels"), e.getMessage());
        assertEquals(new ImageSize(100_000, 100_000), decoder.readSize(file));
    }

    @Test
    void refusesImagesJustAboveTheLimit() throws Exception {
        Path file = TestImages.writePng(dir.resolve("wide.png"), 1001, 1000, Color.WHITE);

        UntaggableImageException e = assertUntaggable(() -> decoder.decode(file, 500, 1_000_000, 1));

        assertTrue(e.getMessage().startsWith("image is 1001×1000 pixels"), e.getMessage());
        assertEquals(500, decoder.decode(file, 500, 1_001_000, 1).getWidth());
    }

    @Test
    void emptyFile() {
        Path file = TestImages.writeEmpty(dir.resolve("empty.jpg"));

        assertEquals("file is empty", assertUntaggable(() -> decoder.decode(file, 1024, MAX_PIXELS, 1)).getMessage());
        assertEquals("file is empty", assertUntaggable(() -> decoder.readSize(file)).getMessage());
    }

    @Test
    void textRenamedToJpeg() {
        Path file = TestImages.writeText(dir.resolve("notes.jpg"), "Shopping list:\n- milk\n- crème fraîche\n");

        assertEquals("not an image: file starts with text",
                assertUntaggable(() -> decoder.decode(file, 1024, MAX_PIXELS, 1)).getMessage());
    }

    @Test
    void jpegCutInsideItsHeader() {
        Path file = TestImages.truncate(TestImages.writeJpeg(dir.resolve("cut.jpg"), 100, 100, Color.RED), 40);

        assertEquals("truncated JPEG: the file ends inside the header",
                assertUntaggable(() -> decoder.readSize(file)).getMessage());
        assertEquals("truncated JPEG: the file ends inside the header",
                assertUntaggable(() -> decoder.decode(file, 1024, MAX_PIXELS, 1)).getMessage());
    }

    @Test
    void jpegCutInsideItsPixelsIsRefusedAsTruncated() throws Exception {
        Path file = TestImages.writeTruncatedJpeg(dir.resolve("cut.jpg"), 400, 300);

        assertEquals(new ImageSize(400, 300), decoder.readSize(file));
        UntaggableImageException e = assertThrows(UntaggableImageException.class, () -> decoder.decode(file, 1024, MAX_PIXELS, 1));
        assertEquals("truncated JPEG: the file ends before the image data is complete", e.getMessage());
    }

    @Test
    void pngCutInsideItsPixels() throws Exception {
        BufferedImage noise = new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 300 * 300; i++) {
            noise.setRGB(i % 300, i / 300, (int) (i * 2654435761L));
        }
        Path file = TestImages.write(dir.resolve("cut.png"), noise, "png");
        TestImages.truncate(file, Files.size(file) / 2);

        assertEquals("truncated PNG: the file ends before the image data is complete",
                assertUntaggable(() -> decoder.decode(file, 1024, MAX_PIXELS, 1)).getMessage());
    }

    @Test
    void jpegWithDamagedHeaderSaysSo() throws Exception {
        Path file = TestImages.writeJpeg(dir.resolve("damaged.jpg"), 100, 100, Color.RED);
        byte[] bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, 20, 200, (byte) 0x55);
        Files.write(file, bytes);

        UntaggableImageException e = assertUntaggable(() -> decoder.readSize(file));

        assertTrue(e.getMessage().startsWith("cannot read the JPEG header, the file is damaged: "), e.getMessage());
    }

    @Test
    void unknownBinaryContent() throws Exception {
        Path file = Files.write(dir.resolve("data.jpg"), new byte[] {0x00, 0x01, 0x02, (byte) 0xFE, 0x10, 0x20});

        assertEquals("unknown or unsupported image format (file starts with bytes 00 01 02 FE 10 20)",
                assertUntaggable(() -> decoder.decode(file, 1024, MAX_PIXELS, 1)).getMessage());
    }

    @Test
    void aDamagedHeicNamedJpgGoesToTheHeifDecoderWhichSaysWhatIsWrong() throws Exception {
        byte[] heic = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1'};
        Path file = Files.write(dir.resolve("IMG_0001.jpg"), heic);

        String reason = assertUntaggable(() -> decoder.readSize(file)).getMessage();
        assertTrue(reason.startsWith("corrupt or unsupported HEIC/HEIF: ") || reason.startsWith("HEIC/HEIF needs heif-convert"), reason);
    }

    @Test
    void formatImageIoKnowsButWeDoNotAccept() {
        BufferedImage bits = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_BINARY);
        Path file = TestImages.write(dir.resolve("odd.bmp"), bits, "wbmp");

        assertEquals("unsupported image format: WBMP",
                assertUntaggable(() -> decoder.decode(file, 1024, MAX_PIXELS, 1)).getMessage());
    }

    @Test
    void missingFileAndFolder() throws Exception {
        assertEquals("file no longer exists",
                assertUntaggable(() -> decoder.readSize(dir.resolve("gone.jpg"))).getMessage());
        assertEquals("not an image: this is a folder", assertUntaggable(() -> decoder.readSize(dir)).getMessage());
    }

    @Test
    void contentDecidesNotTheExtension() throws Exception {
        Path file = TestImages.writePng(dir.resolve("really-a-png.jpg"), 40, 30, Color.MAGENTA);

        BufferedImage image = decoder.decode(file, 1024, MAX_PIXELS, 1);

        assertEquals(Color.MAGENTA.getRGB(), image.getRGB(20, 15));
    }

    @Test
    void transparencyIsPaintedOnWhite() throws Exception {
        Path clear = TestImages.writePng(dir.resolve("clear.png"), 40, 30, new Color(255, 0, 0, 0));
        Path half = TestImages.writePng(dir.resolve("half.png"), 40, 30, new Color(255, 0, 0, 128));

        BufferedImage clearImage = decoder.decode(clear, 1024, MAX_PIXELS, 1);
        BufferedImage halfImage = decoder.decode(half, 1024, MAX_PIXELS, 1);

        assertEquals(BufferedImage.TYPE_INT_RGB, clearImage.getType());
        assertEquals(Color.WHITE.getRGB(), clearImage.getRGB(20, 15));
        assertClose(new Color(255, 127, 127), halfImage.getRGB(20, 15), 3);
    }

    @Test
    void grayscaleBecomesRgb() throws Exception {
        BufferedImage gray = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(20, 15, 0, 100);
        Path file = TestImages.write(dir.resolve("gray.png"), gray, "png");

        BufferedImage image = decoder.decode(file, 1024, MAX_PIXELS, 1);

        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
        Color pixel = new Color(image.getRGB(20, 15));
        assertEquals(pixel.getRed(), pixel.getGreen());
        assertEquals(pixel.getGreen(), pixel.getBlue());
        assertTrue(pixel.getRed() > 90 && pixel.getRed() < 180, "got " + pixel);
        assertEquals(Color.BLACK.getRGB(), image.getRGB(0, 0));
    }

    @Test
    void gifBmpAndTiffDecode() throws Exception {
        Color teal = new Color(0, 128, 128);
        for (Path file : new Path[] {
                TestImages.writeGif(dir.resolve("a.gif"), 50, 40, teal),
                TestImages.writeBmp(dir.resolve("a.bmp"), 50, 40, teal),
                TestImages.writeTiff(dir.resolve("a.tif"), 50, 40, teal)}) {
            BufferedImage image = decoder.decode(file, 1024, MAX_PIXELS, 1);
            assertEquals(50, image.getWidth(), file.toString());
            assertEquals(40, image.getHeight(), file.toString());
            assertClose(teal, image.getRGB(25, 20), 2);
            assertEquals(new ImageSize(50, 40), decoder.readSize(file));
        }
    }

    @Test
    void webpDecodesThroughTheTwelveMonkeysReader() throws Exception {
        Path lossless = TestImages.writeWebpLossless(dir.resolve("a.webp"));
        Path lossy = TestImages.writeWebpLossy(dir.resolve("b.webp"));

        assertEquals(new ImageSize(1, 1), decoder.readSize(lossless));
        assertEquals(1, decoder.decode(lossless, 1024, MAX_PIXELS, 1).getWidth());
        assertEquals(BufferedImage.TYPE_INT_RGB, decoder.decode(lossy, 1024, MAX_PIXELS, 1).getType());
    }

    @Test
    void aJpegThatFitsAndStandsUprightIsSentAsItIs() throws Exception {
        Path file = TestImages.write(dir.resolve("fits.jpg"), TestPhotos.photo(11, 640, 480), "jpg");

        ModelPicture picture = decoder.forModel(file, 1024, MAX_PIXELS, 1, 0.85f);

        assertTrue(picture.passedThrough());
        assertArrayEquals(Files.readAllBytes(file), picture.jpeg());
        long hashOfFullDecode = PerceptualHash.of(decoder.decode(file, 1024, MAX_PIXELS, 1));
        assertTrue(PerceptualHash.distance(hashOfFullDecode, picture.perceptualHash()) <= 4,
                "hash of the subsampled decode differs by " + PerceptualHash.distance(hashOfFullDecode, picture.perceptualHash()));
    }

    @ParameterizedTest
    @CsvSource({
        "big.jpg, 1600, 1200, 1",   // larger than the limit
        "turned.jpg, 640, 480, 6",  // needs turning
        "drawing.png, 640, 480, 1"  // not a JPEG
    })
    void anythingElseIsDecodedAndEncoded(String name, int w, int h, int orientation) throws Exception {
        Path file = TestImages.write(dir.resolve(name), TestPhotos.photo(12, w, h), name.endsWith("png") ? "png" : "jpg");

        ModelPicture picture = decoder.forModel(file, 1024, MAX_PIXELS, orientation, 0.85f);

        assertFalse(picture.passedThrough());
        BufferedImage sent = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(picture.jpeg()));
        int longest = Math.min(1024, Math.max(w, h));
        assertEquals(longest, Math.max(sent.getWidth(), sent.getHeight()));
        assertEquals(orientation == 6, sent.getHeight() > sent.getWidth());
    }

    private UntaggableImageException assertUntaggable(Executable call) {
        UntaggableImageException e = assertThrows(UntaggableImageException.class, call);
        assertReadable(e);
        return e;
    }

    private void assertReadable(UntaggableImageException e) {
        String message = e.getMessage();
        assertTrue(message != null && message.length() > 8, "message: " + message);
        assertFalse(message.contains("Exception"), "message names a class: " + message);
        assertFalse(message.contains(dir.toString()), "message shows the path: " + message);
    }

    private static void assertClose(Color expected, int actualRgb, int tolerance) {
        Color actual = new Color(actualRgb);
        assertTrue(Math.abs(expected.getRed() - actual.getRed()) <= tolerance
                        && Math.abs(expected.getGreen() - actual.getGreen()) <= tolerance
                        && Math.abs(expected.getBlue() - actual.getBlue()) <= tolerance,
                "expected " + expected + " but was " + actual);
    }
}
