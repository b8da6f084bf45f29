package org.imagetagger.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageFormatsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a.jpg", "a.JPEG", "b.Png", "c.gif", "d.BMP", "e.webp", "f.tif", "g.TIFF", "x.y.jpg"})
    void acceptsImageExtensionsInAnyCase(String name) {
        assertTrue(ImageFormats.isSupported(Path.of("/photos", name)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"IMG_1.HEIC", "a.heif", "b.avif", "c.CR2", "d.nef", "e.arw", "f.dng", "g.orf", "h.raf",
            "clip.mp4", "clip.MOV", "clip.m4v", "clip.mkv", "clip.avi", "clip.webm"})
    void acceptsTheSeedsOtherMedia(String name) {
        assertTrue(ImageFormats.isSupported(Path.of("/photos", name)));
    }

    @Test
    void videosAreVideosAndEverythingElsePhotos() {
        assertEquals(ImageFormats.Kind.VIDEO, ImageFormats.kind(Path.of("/p/clip.MP4")));
        assertEquals("video", ImageFormats.kind(Path.of("/p/clip.webm")).label());
        assertEquals(ImageFormats.Kind.PHOTO, ImageFormats.kind(Path.of("/p/IMG_1.heic")));
        assertEquals("photo", ImageFormats.kind(Path.of("/p/a.jpg")).label());
    }

    @ParameterizedTest
    @ValueSource(strings = {"notes.txt", "jpg", "a.jpg.bak", "archive.zip", "a.", "movie.mp4.part", "sound.mp3"})
    void refusesOtherNames(String name) {
        assertFalse(ImageFormats.isSupported(Path.of("/photos", name)));
    }

    @Test
    void contentTypeFollowsTheExtension() {
        assertEquals("image/jpeg", ImageFormats.contentType(Path.of("/p/a.JPG")));
        assertEquals("image/png", ImageFormats.contentType(Path.of("/p/a.png")));
        assertEquals("image/tiff", ImageFormats.contentType(Path.of("/p/a.tif")));
        assertEquals("video/mp4", ImageFormats.contentType(Path.of("/p/a.MP4")));
        assertEquals("video/quicktime", ImageFormats.contentType(Path.of("/p/a.mov")));
        assertEquals("video/webm", ImageFormats.contentType(Path.of("/p/a.webm")));
        assertEquals("image/heic", ImageFormats.contentType(Path.of("/p/a.heic")));
        assertEquals("image/avif", ImageFormats.contentType(Path.of("/p/a.avif")));
        assertEquals("application/octet-stream", ImageFormats.contentType(Path.of("/p/a.html")));
        assertEquals("application/octet-stream", ImageFormats.contentType(Path.of("/p/noextension")));
    }

    @Test
    void rootHasNoNameAndIsNeitherSupportedNorHidden() {
        assertFalse(ImageFormats.isSupported(Path.of("/")));
        assertFalse(ImageFormats.isHidden(Path.of("/")));
    }

    @Test
    void namesStartingWithADotAreHidden() {
        assertTrue(ImageFormats.isHidden(Path.of("/photos/.thumbs")));
        assertTrue(ImageFormats.isHidden(Path.of("/photos/._IMG_0001.JPG")));
        assertFalse(ImageFormats.isHidden(Path.of("/photos/.hidden/IMG_0001.JPG")));
        assertFalse(ImageFormats.isHidden(Path.of("/photos/IMG_0001.JPG")));
    }
}
