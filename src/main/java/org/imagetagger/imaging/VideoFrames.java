package org.imagetagger.imaging;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.imagetagger.imaging.MediaTools.Tool;

/**
 * Pictures from a video with ffmpeg: frames sampled evenly over the clip and joined into one montage for the
 * model (one request per video), or one frame for the thumbnail. ffprobe reads dimensions, duration and the
 * creation date. Both only open local files of the container formats we list ({@code -protocol_whitelist},
 * {@code -format_whitelist}): a playlist disguised as a video cannot make ffmpeg read other files or the network.
 */
public final class VideoFrames {

    /** Frames in the montage: a 3×3 grid, as the tool this service replaces sent. */
    public static final int MONTAGE_FRAMES = 9;
    static final Duration PROBE_LIMIT = Duration.ofSeconds(30);
    static final Duration FRAME_LIMIT = Duration.ofSeconds(60);
    /** Demuxers of mp4/mov/m4v ("mov,mp4,..."), mkv/webm ("matroska,webm") and avi. */
    static final String DEMUXERS = "mov,matroska,webm,avi";
    private static final int GAP = 4;
    private static final DateTimeFormatter APPLE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    /**
     * @param width displayed width (rotation applied), as the frames come out
     * @param durationSeconds null when the container does not say
     * @param takenAt the recording's local time: Apple's creation date with its offset, else the UTC creation time in
     *                the server's time zone; null when unknown
     */
    public record VideoInfo(int width, int height, Double durationSeconds, LocalDateTime takenAt) {

        public ImageSize size() {
            return new ImageSize(width, height);
        }
    }

    public VideoInfo probe(Path file) throws UntaggableImageException {
        Path ffprobe = MediaTools.require(Tool.FFPROBE, "video");
        MediaTools.Output output = MediaTools.run(probeArguments(ffprobe, file), PROBE_LIMIT, "video");
        String text = new String(output.stdout(), StandardCharsets.UTF_8);
        if (output.exitCode() != 0) {
            throw new UntaggableImageException("corrupt or unsupported video: " + complaint(output, file));
        }
        return parseProbe(text);
    }

    /** A montage of {@link #MONTAGE_FRAMES} frames, its longest side at most {@code maxDimension}. */
    public BufferedImage montage(Path file, int maxDimension, long maxPixels) throws UntaggableImageException {
        VideoInfo info = checked(file, maxPixels);
        List<Double> times = sampleTimes(info.durationSeconds(), MONTAGE_FRAMES);
        int columns = columns(times.size());
        int tileSide = Math.max(16, (maxDimension - GAP * (columns - 1)) / columns);
        Path ffmpeg = MediaTools.require(Tool.FFMPEG, "video");
        List<BufferedImage> frames = new ArrayList<>();
        UntaggableImageException lastProblem = null;
        for (double at : times) {
            try {
                BufferedImage frame = frame(ffmpeg, file, at, tileSide);
                if (frame != null) {
                    frames.add(frame);
                }
            } catch (UntaggableImageException e) {
                lastProblem = e;
            }
        }
        if (frames.isEmpty()) {
            throw lastProblem != null ? lastProblem : new UntaggableImageException("video has no frame that ffmpeg could decode");
        }
        return Downscaler.fitWithin(tile(frames), maxDimension);
    }

    /** One frame from the middle of the clip (its start when the duration is unknown), for thumbnails. */
    public BufferedImage still(Path file, int maxDimension, long maxPixels) throws UntaggableImageException {
        VideoInfo info = checked(file, maxPixels);
        Path ffmpeg = MediaTools.require(Tool.FFMPEG, "video");
        double at = info.durationSeconds() == null ? 0 : info.durationSeconds() / 2;
        BufferedImage frame = frame(ffmpeg, file, at, maxDimension);
        if (frame == null && at > 0) {
            frame = frame(ffmpeg, file, 0, maxDimension);
        }
        if (frame == null) {
            throw new UntaggableImageException("video has no frame that ffmpeg could decode");
        }
        return frame;
    }

    private VideoInfo checked(Path file, long maxPixels) throws UntaggableImageException {
        VideoInfo info = probe(file);
        if (info.size().pixels() > maxPixels) {
            throw new UntaggableImageException("video frames are %d×%d pixels, above the limit of %d pixels"
                    .formatted(info.width(), info.height(), maxPixels));
        }
        return info;
    }

    /** @return the frame, or null when ffmpeg found none at that time (past the last decodable frame) */
    private BufferedImage frame(Path ffmpeg, Path file, double atSeconds, int maxSide) throws UntaggableImageException {
        MediaTools.Output output = MediaTools.run(frameArguments(ffmpeg, file, atSeconds, maxSide), FRAME_LIMIT, "video");
        if (output.exitCode() != 0) {
            throw new UntaggableImageException("corrupt or unsupported video: " + complaint(output, file));
        }
        if (output.stdout().length == 0) {
            return null;
        }
        try {
            BufferedImage frame = ImageIO.read(new ByteArrayInputStream(output.stdout()));
            if (frame == null) {
                throw new UntaggableImageException("ffmpeg gave a frame that is not a JPEG");
            }
            return Downscaler.toRgb(frame);
        } catch (IOException e) {
            throw new UntaggableImageException("ffmpeg gave a broken frame: " + e.getMessage(), e);
        }
    }

    static List<String> probeArguments(Path ffprobe, Path file) {
        return List.of(ffprobe.toString(), "-v", "error", "-hide_banner",
                "-protocol_whitelist", "file", "-format_whitelist", DEMUXERS,
                "-select_streams", "v:0",
                "-show_entries", "stream=width,height,duration:stream_tags=rotate:stream_side_data=rotation"
                        + ":format=duration:format_tags=creation_time,com.apple.quicktime.creationdate",
                "-of", "flat", input(file));
    }

    static List<String> frameArguments(Path ffmpeg, Path file, double atSeconds, int maxSide) {
        return List.of(ffmpeg.toString(), "-nostdin", "-hide_banner", "-loglevel", "error",
                "-protocol_whitelist", "file", "-format_whitelist", DEMUXERS,
                // before -i: a fast seek to the key frame before, then decoded up to the exact time
                "-ss", String.format(Locale.ROOT, "%.3f", Math.max(0, atSeconds)),
                "-i", input(file),
                "-map", "0:v:0", "-frames:v", "1", "-an", "-sn", "-dn",
                "-vf", "scale=w=" + maxSide + ":h=" + maxSide + ":force_original_aspect_ratio=decrease",
                "-f", "image2pipe", "-c:v", "mjpeg", "-q:v", "3", "pipe:1");
    }

    /** The tool's message without the path it starts with: the image's path is shown beside its reason anyway. */
    private static String complaint(MediaTools.Output output, Path file) {
        return MediaTools.shorten(output.complaint().replace(input(file) + ": ", ""));
    }

    /** The file protocol named explicitly: a name with a colon is never taken for another protocol. */
    private static String input(Path file) {
        return "file:" + file.toAbsolutePath();
    }

    /** {@code n} times spread evenly, each in the middle of its share of the clip; just the start when the length is unknown. */
    static List<Double> sampleTimes(Double durationSeconds, int n) {
        if (durationSeconds == null || !(durationSeconds > 0)) {
            return List.of(0.0);
        }
        List<Double> times = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            times.add(durationSeconds * (2 * i + 1) / (2.0 * n));
        }
        return times;
    }

    static int columns(int frames) {
        return (int) Math.ceil(Math.sqrt(frames));
    }

    /** The frames in reading order on a grid of equal cells, separated by a thin black line. */
    static BufferedImage tile(List<BufferedImage> frames) {
        int columns = columns(frames.size());
        int rows = (frames.size() + columns - 1) / columns;
        int cellWidth = frames.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
        int cellHeight = frames.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        BufferedImage montage = new BufferedImage(columns * cellWidth + (columns - 1) * GAP,
                rows * cellHeight + (rows - 1) * GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = montage.createGraphics();
        try {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, montage.getWidth(), montage.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            for (int i = 0; i < frames.size(); i++) {
                BufferedImage frame = frames.get(i);
                int x = (i % columns) * (cellWidth + GAP) + (cellWidth - frame.getWidth()) / 2;
                int y = (i / columns) * (cellHeight + GAP) + (cellHeight - frame.getHeight()) / 2;
                g.drawImage(frame, x, y, null);
            }
        } finally {
            g.dispose();
        }
        return montage;
    }

    /** Reads ffprobe's {@code -of flat} output. */
    static VideoInfo parseProbe(String flat) throws UntaggableImageException {
        Map<String, String> values = new HashMap<>();
        for (String line : flat.split("\\R")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                String value = line.substring(equals + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                values.putIfAbsent(line.substring(0, equals).strip(), value);
            }
        }
        Integer width = integer(values.get("streams.stream.0.width"));
        Integer height = integer(values.get("streams.stream.0.height"));
        if (width == null || height == null || width < 1 || height < 1) {
            throw new UntaggableImageException("not a video: ffprobe found no video stream with a picture size");
        }
        int rotation = rotation(values);
        if (Math.abs(rotation) % 180 == 90) {
            int swap = width;
            width = height;
            height = swap;
        }
        Double duration = decimal(values.get("format.duration"));
        if (duration == null) {
            duration = decimal(values.get("streams.stream.0.duration"));
        }
        return new VideoInfo(width, height, duration, takenAt(values));
    }

    private static int rotation(Map<String, String> values) {
        for (var entry : values.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith("streams.stream.0.") && (key.endsWith(".rotation") || key.endsWith("tags.rotate"))) {
                Double degrees = decimal(entry.getValue());
                if (degrees != null) {
                    return (int) Math.round(degrees);
                }
            }
        }
        return 0;
    }

    private static LocalDateTime takenAt(Map<String, String> values) {
        String apple = values.get("format.tags.com_apple_quicktime_creationdate");
        if (apple != null) {
            try {
                return OffsetDateTime.parse(apple, APPLE_DATE).toLocalDateTime();
            } catch (DateTimeParseException ignored) {
                // fall back to the UTC creation time
            }
        }
        String created = values.get("format.tags.creation_time");
        if (created == null) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.ofInstant(Instant.parse(created), ZoneId.systemDefault());
            // Many cameras and encoders write 1904-01-01 or 1970-01-01 for "not set".
            return local.getYear() < 1980 ? null : local.withNano(0);
        } catch (DateTimeParseException garbled) {
            return null;
        }
    }

    private static Integer integer(String text) {
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double decimal(String text) {
        try {
            double value = text == null ? Double.NaN : Double.parseDouble(text);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
