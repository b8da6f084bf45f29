package org.imagetagger.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.Color;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.imagetagger.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExifReaderTest {

    @TempDir
    Path dir;

    private final ExifReader reader = new ExifReader();

    @Test
    void readsCameraLensTimeOrientationAndPosition() {
        LocalDateTime taken = LocalDateTime.of(2023, 7, 14, 18, 5, 42);
        Path file = TestImages.writeJpegWithExif(dir.resolve("exif.jpg"), "FUJIFILM", "X-T4",
                "XF16-55mmF2.8 R LM WR", taken, 6, 48.858370, 2.294481);

        ExifData exif = reader.read(file);

        assertEquals("FUJIFILM", exif.make());
        assertEquals("X-T4", exif.model());
        assertEquals("XF16-55mmF2.8 R LM WR", exif.lens());
        assertEquals(taken, exif.takenAt());
        assertEquals(6, exif.orientation());
        assertEquals(48.858370, exif.latitude(), 1e-4);
        assertEquals(2.294481, exif.longitude(), 1e-4);
    }

    @Test
    void southernAndWesternCoordinatesAreNegative() {
        Path file = TestImages.writeJpegWithExif(dir.resolve("rio.jpg"), "Apple", "iPhone 12", null,
                LocalDateTime.of(2020, 1, 1, 0, 0), 1, -22.951916, -43.210487);

        ExifData exif = reader.read(file);

        assertEquals(-22.951916, exif.latitude(), 1e-4);
        assertEquals(-43.210487, exif.longitude(), 1e-4);
        assertNull(exif.lens());
    }

    @Test
    void missingGpsLeavesCoordinatesNull() {
        Path file = TestImages.writeJpegWithExif(dir.resolve("nogps.jpg"), "Canon", "EOS R6", null,
                LocalDateTime.of(2021, 5, 1, 9, 30), 3, Double.NaN, Double.NaN);

        ExifData exif = reader.read(file);

        assertEquals("Canon", exif.make());
        assertEquals(3, exif.orientation());
        assertNull(exif.latitude());
        assertNull(exif.longitude());
    }

    @Test
    void pngWithoutExifGivesNulls() {
        Path file = TestImages.writePng(dir.resolve("plain.png"), 20, 10, Color.BLUE);

        assertEquals(ExifData.none(), reader.read(file));
    }

    @Test
    void jpegWithoutExifGivesNulls() {
        Path file = TestImages.writeJpeg(dir.resolve("plain.jpg"), 20, 10, Color.BLUE);

        assertEquals(ExifData.none(), reader.read(file));
    }

    @Test
    void filesMetadataExtractorCannotHandleGiveNone() {
        assertEquals(ExifData.none(), reader.read(TestImages.writeText(dir.resolve("notes.jpg"), "hello")));
        assertEquals(ExifData.none(), reader.read(TestImages.writeEmpty(dir.resolve("empty.jpg"))));
        assertEquals(ExifData.none(), reader.read(TestImages.writeTruncatedJpeg(dir.resolve("cut.jpg"), 200, 100)));
        assertEquals(ExifData.none(), reader.read(dir.resolve("missing.jpg")));
    }
}
