package org.imagetagger.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.imagetagger.imaging.MediaTools.Tool;
import org.imagetagger.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HEIC, AVIF and video through the Debian tools (skipped where they are not installed; .ci/run installs them). */
class MediaDecodingTest {

    private static final long MAX_PIXELS = 150_000_000L;

    @TempDir
    Path dir;

    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void heicIsDecodedWithItsSizeReadFromTheHeader() throws Exception {
        assumeTrue(MediaTools.isAvailable(Tool.HEIF_CONVERT) && TestImages.canRun("heif-enc"));
        Path heic = TestImages.writeHeic(dir.resolve("IMG_0001.HEIC"), 640, 480, Color.RED);

        assertEquals(new ImageSize(640, 480), decoder.readSize(heic));
        BufferedImage picture = decoder.decode(heic, 320, MAX_PIXELS, 1);
        assertEquals(320, picture.getWidth());
        assertEquals(240, picture.getHeight());
        assertTrue(isReddish(picture.getRGB(160, 120)));
    }

    @Test
    void heicAndAvifKeepTheirExifAndWithoutRotationOfTheirOwnAreTurnedByIt() throws Exception {
        assumeTrue(MediaTools.isAvailable(Tool.HEIF_CONVERT) && TestImages.canRun("heif-enc")
                && MediaTools.isAvailable(Tool.AVIFDEC) && TestImages.canRun("avifenc"));
        Path jpeg = TestImages.writeJpegWithExif(dir.resolve("camera.jpg"), "Canon", "EOS R5", null,
                LocalDateTime.of(2024, 7, 14, 18, 30, 5), 6, Double.NaN, Double.NaN);
        for (String name : List.of("camera.heic", "camera.avif")) {
            Path converted = dir.resolve(name);
            String tool = name.endsWith("heic") ? "heif-enc" : "avifenc";
            Process process = new ProcessBuilder(tool.equals("heif-enc")
                    ? List.of(tool, "-q", "60", "-o", converted.toString(), jpeg.toString())
                    : List.of(tool, "-s", "10", jpeg.toString(), converted.toString())).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            assertEquals(0, process.waitFor(), tool);

            ExifData exif = new ExifReader().read(converted);
            assertEquals("Canon", exif.make(), name);
            assertEquals(LocalDateTime.of(2024, 7, 14, 18, 30, 5), exif.takenAt(), name);
            assertEquals(6, exif.orientation(), name);
            BufferedImage upright = decoder.decode(converted, 64, MAX_PIXELS, exif.orientation());
            assertEquals(48, upright.getWidth(), name + ": the 64×48 photo stands upright");
            assertEquals(64, upright.getHeight(), name);
        }
    }

    @Test
    void avifIsDecoded() throws Exception {
        assumeTrue(MediaTools.isAvailable(Tool.AVIFDEC) && TestImages.canRun("avifenc"));
        Path avif = TestImages.writeAvif(dir.resolve("a.avif"), 300, 200, Color.RED);

        assertEquals(new ImageSize(300, 200), decoder.readSize(avif));
        BufferedImage picture = decoder.decode(avif, 150, MAX_PIXELS, 1);
        assertEquals(150, picture.getWidth());
        assertTrue(isReddish(picture.getRGB(75, 50)));
    }

    @Test
    void aRawFileShowsItsEmbeddedPreview() throws Exception {
        assumeTrue(MediaTools.isAvailable(Tool.EXIFTOOL));
        Path nef = TestImages.writeRawWithPreview(dir.resolve("DSC_0001.NEF"), 600, 400, Color.RED);

        assertEquals(new ImageSize(600, 400), decoder.readSize(nef));
        BufferedImage picture = decoder.decode(nef, 300, MAX_PIXELS, 1);
        assertEquals(300, picture.getWidth());
        assertTrue(isReddish(picture.getRGB(150, 100)));
        assertEquals("NIK", new ExifReader().read(nef).make());
    }

    @Test
    void aRawFileWithoutPreviewSaysSo() throws Exception {
        assumeTrue(MediaTools.isAvailable(Tool.EXIFTOOL));
        Path plain = TestImages.writeTiff(dir.resolve("plain.dng"), 40, 30, Color.RED);
        UntaggableImageException refused = assertThrows(UntaggableImageException.class, () -> decoder.decode(plain, 300, MAX_PIXELS, 1));
        assertTrue(refused.getMessage().contains("no embedded JPEG preview"), refused.getMessage());
    }

    @Test
    void aPictureAboveThePixelLimitIsRefusedBeforeTheToolRuns() throws Exception {
        assumeTrue(MediaTools.isAvailable(Tool.HEIF_CONVERT) && TestImages.canRun("heif-enc"));
        Path heic = TestImages.writeHeic(dir.resolve("big.heic"), 640, 480, Color.BLUE);
        UntaggableImageException refused = assertThrows(UntaggableImageException.class, () -> decoder.decode(heic, 100, 1000, 1));
        assertTrue(refused.getMessage().contains("above the limit"), refused.getMessage());
    }

    @Test
    void videoGivesAMontageOfNineFramesForTheModelAndOneFrameForTheThumbnail() throws Exception {
        assumeTrue(MediaTools.isAvailable(Tool.FFMPEG) && MediaTools.isAvailable(Tool.FFPROBE));
        Path clip = TestImages.writeVideo(dir.resolve("clip.mp4"), 320, 240, 3);

        assertEquals(new ImageSize(320, 240), decoder.readSize(clip));
        BufferedImage montage = decoder.decode(clip, 600, MAX_PIXELS, 1);
        assertTrue(montage.getWidth() <= 600 && montage.getWidth() > 500, "3 frames side by side: " + montage.getWidth());
        assertEquals(montage.getWidth() * 240 / 320, montage.getHeight(), 8);
        BufferedImage still = decoder.decodeStill(clip, 200, MAX_PIXELS, 1);
        assertEquals(200, still.getWidth());
        assertEquals(150, still.getHeight());

        ExifData metadata = new ExifReader().read(clip);
        assertEquals(3.0, metadata.durationSeconds(), 0.1);
        assertNotNull(metadata.takenAt());
    }

    @Test
    void aBrokenVideoFailsWithTheToolsReason() throws Exception {
        assumeTrue(MediaTools.isAvailable(Tool.FFPROBE));
        Path broken = Files.write(dir.resolve("broken.mp4"), new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'm', 'p', '4', '2', 1, 2, 3});
        UntaggableImageException refused = assertThrows(UntaggableImageException.class, () -> decoder.decode(broken, 300, MAX_PIXELS, 1));
        assertTrue(refused.getMessage().startsWith("corrupt or unsupported video"), refused.getMessage());
        assertEquals(ExifData.none(), new ExifReader().read(broken));
    }

    @Test
    void aPlaylistNamedMp4IsNotFollowed() throws Exception {
        assumeTrue(MediaTools.isAvailable(Tool.FFPROBE));
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Path playlist = Files.writeString(dir.resolve("list.mp4"),
                "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\n" + dir.resolve("secret.txt") + "\n#EXT-X-ENDLIST\n");
        assertThrows(UntaggableImageException.class, () -> decoder.decode(playlist, 300, MAX_PIXELS, 1));
    }

    @Test
    void aMissingToolSaysWhichPackageToInstall() {
        assertEquals("video needs ffmpeg, which is not installed on the server (Debian/Ubuntu: apt-get install ffmpeg)",
                MediaTools.missing(Tool.FFMPEG, "video"));
        assertEquals("HEIC/HEIF needs heif-convert, which is not installed on the server (Debian/Ubuntu: apt-get install libheif-examples)",
                MediaTools.missing(Tool.HEIF_CONVERT, "HEIC/HEIF"));
    }

    @Test
    void everyKindIsReported() {
        List<MediaKinds.Status> kinds = MediaKinds.report();
        assertEquals(List.of("photo", "heif", "avif", "raw", "video"), kinds.stream().map(MediaKinds.Status::kind).toList());
        assertTrue(kinds.get(0).available());
        kinds.stream().filter(k -> !k.available()).forEach(k -> assertTrue(k.missing().contains("apt-get install"), k.missing()));
    }

    @Test
    void heifAndAvifAreRecognisedByTheirBrandsWhateverTheName() {
        assertEquals(MediaSource.HEIF, MediaSource.sniff(ftyp("heic", "mif1", "heic")));
        assertEquals(MediaSource.HEIF, MediaSource.sniff(ftyp("mif1", "mif1", "miaf")));
        assertEquals(MediaSource.AVIF, MediaSource.sniff(ftyp("avif", "mif1", "miaf")));
        assertEquals(MediaSource.AVIF, MediaSource.sniff(ftyp("mif1", "avif", "miaf")));
        assertEquals(MediaSource.PICTURE, MediaSource.sniff(ftyp("isom", "iso2", "mp41")));
        assertEquals(MediaSource.PICTURE, MediaSource.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    }

    @Test
    void rotationAndMirrorPropertiesBecomeExifOrientations() {
        assertEquals(1, HeifDecoder.orientationOf(0, -1));
        assertEquals(8, HeifDecoder.orientationOf(1, -1));
        assertEquals(3, HeifDecoder.orientationOf(2, -1));
        assertEquals(6, HeifDecoder.orientationOf(3, -1));
        assertEquals(2, HeifDecoder.orientationOf(0, 0));
        assertEquals(4, HeifDecoder.orientationOf(0, 1));
    }

    @Test
    void theLargestDeclaredPictureSizeWins() {
        byte[] boxes = new byte[64];
        writeIspe(boxes, 0, 512, 512);
        writeIspe(boxes, 20, 4032, 3024);
        writeIspe(boxes, 40, 320, 240);
        assertEquals(new ImageSize(4032, 3024), HeifDecoder.largestIspe(boxes));
        assertNull(HeifDecoder.largestIspe(new byte[32]));
    }

    private static byte[] ftyp(String major, String... compatible) {
        byte[] head = new byte[16 + 4 * compatible.length];
        head[3] = (byte) head.length;
        System.arraycopy("ftyp".getBytes(), 0, head, 4, 4);
        System.arraycopy(major.getBytes(), 0, head, 8, 4);
        for (int i = 0; i < compatible.length; i++) {
            System.arraycopy(compatible[i].getBytes(), 0, head, 16 + 4 * i, 4);
        }
        return head;
    }

    private static void writeIspe(byte[] data, int at, int width, int height) {
        data[at + 3] = 20;
        System.arraycopy("ispe".getBytes(), 0, data, at + 4, 4);
        java.nio.ByteBuffer.wrap(data, at + 12, 8).putInt(width).putInt(height);
    }

    private static boolean isReddish(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > 180 && c.getGreen() < 80 && c.getBlue() < 80;
    }
}
