package org.imagetagger.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class VideoFramesTest {

    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");

    @Test
    void frameArgumentsAreAListForOneLocalFileWithoutShellOrOtherProtocols() {
        List<String> args = VideoFrames.frameArguments(FFMPEG, Path.of("/photos/a b; rm -rf ~/$(x).mp4"), 12.3456, 341);
        assertEquals(List.of("/usr/bin/ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
                "-protocol_whitelist", "file", "-format_whitelist", "mov,matroska,webm,avi",
                "-ss", "12.346", "-i", "file:/photos/a b; rm -rf ~/$(x).mp4",
                "-map", "0:v:0", "-frames:v", "1", "-an", "-sn", "-dn",
                "-vf", "scale=w=341:h=341:force_original_aspect_ratio=decrease",
                "-f", "image2pipe", "-c:v", "mjpeg", "-q:v", "3", "pipe:1"), args);
    }

    @Test
    void aNameThatLooksLikeAnOptionOrProtocolStaysAFileName() {
        List<String> args = VideoFrames.frameArguments(FFMPEG, Path.of("/p/-i http:x.mp4"), 0, 100);
        assertTrue(args.contains("file:/p/-i http:x.mp4"));
        assertEquals("0.000", args.get(args.indexOf("-ss") + 1));
        List<String> probe = VideoFrames.probeArguments(Path.of("/usr/bin/ffprobe"), Path.of("/p/clip.webm"));
        assertEquals("file:/p/clip.webm", probe.get(probe.size() - 1));
        assertTrue(probe.containsAll(List.of("-protocol_whitelist", "file", "-format_whitelist")));
    }

    @Test
    void framesAreSampledEvenlyInTheMiddleOfEachShare() {
        assertEquals(List.of(0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5), VideoFrames.sampleTimes(9.0, 9));
        assertEquals(List.of(0.0), VideoFrames.sampleTimes(null, 9));
        assertEquals(List.of(0.0), VideoFrames.sampleTimes(0.0, 9));
    }

    @Test
    void ninFramesMakeAThreeByThreeGrid() {
        List<BufferedImage> frames = java.util.Collections.nCopies(9, new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB));
        BufferedImage montage = VideoFrames.tile(frames);
        assertEquals(3 * 40 + 2 * 4, montage.getWidth());
        assertEquals(3 * 30 + 2 * 4, montage.getHeight());
        assertEquals(2, VideoFrames.columns(4));
        assertEquals(1, VideoFrames.columns(1));
    }

    @Test
    void probeOutputGivesDisplayedSizeDurationAndDate() throws Exception {
        VideoFrames.VideoInfo info = VideoFrames.parseProbe("""
                streams.stream.0.width=1920
                streams.stream.0.height=1080
                streams.stream.0.duration="12.500000"
                streams.stream.0.side_data_list.side_data.0.rotation=-90
                format.duration="12.520000"
                format.tags.creation_time="2024-05-01T10:00:00.000000Z"
                format.tags.com_apple_quicktime_creationdate="2024-05-01T12:00:00+0200"
                """);
        assertEquals(1080, info.width());
        assertEquals(1920, info.height());
        assertEquals(12.52, info.durationSeconds(), 0.001);
        assertEquals(LocalDateTime.of(2024, 5, 1, 12, 0), info.takenAt(), "Apple's date keeps the recording's local time");

        VideoFrames.VideoInfo plain = VideoFrames.parseProbe("""
                streams.stream.0.width=640
                streams.stream.0.height=480
                format.duration="N/A"
                format.tags.creation_time="2024-05-01T10:00:00.000000Z"
                """);
        assertEquals(640, plain.width());
        assertNull(plain.durationSeconds());
        assertEquals(LocalDateTime.ofInstant(java.time.Instant.parse("2024-05-01T10:00:00Z"), ZoneId.systemDefault()), plain.takenAt());

        VideoFrames.VideoInfo unset = VideoFrames.parseProbe("""
                streams.stream.0.width=640
                streams.stream.0.height=480
                format.tags.creation_time="1970-01-01T00:00:00.000000Z"
                """);
        assertNull(unset.takenAt());
    }

    @Test
    void noVideoStreamIsNotAVideo() {
        UntaggableImageException refused = assertThrows(UntaggableImageException.class,
                () -> VideoFrames.parseProbe("format.duration=\"3.0\"\n"));
        assertTrue(refused.getMessage().startsWith("not a video"));
    }
}
