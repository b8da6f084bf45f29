package org.imagetagger.imaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.imagetagger.imaging.MediaTools.Tool;

/**
 * HEIC/HEIF and AVIF through Debian's command-line decoders: {@code heif-convert} (libheif-examples) and
 * {@code avifdec} (libavif-bin) write a JPEG that ImageIO then reads. No Java library decodes HEVC or AV1
 * pictures without native code, and these tools are the reference decoders' own front ends. A file that rotates
 * or mirrors its picture itself ({@code irot}, {@code imir}; phones write a matching EXIF orientation too) is turned
 * that way only: libheif applies it while decoding, for avifdec (which does not) we do. A file without such a property
 * gets its EXIF orientation.
 */
final class HeifDecoder {

    static final Duration LIMIT = Duration.ofSeconds(60);
    private static final int JPEG_QUALITY = 92;
    /** The item properties, with the image sizes, sit in the meta box at the start of the file. */
    private static final int HEADER_BYTES = 1 << 20;
    /** avifdec's own default limit. */
    private static final long AVIFDEC_MAX_PIXELS = 268_435_456L;

    private HeifDecoder() {
    }

    /**
     * What the item properties at the start of the file say.
     *
     * @param size the largest picture declared ({@code ispe}), null when none is found
     * @param transformed whether the file rotates or mirrors its picture itself ({@code irot}, {@code imir}): the
     *                    decoder applies that, and the EXIF orientation (which phones write as well) must not be applied again
     */
    record Header(ImageSize size, boolean transformed, int ownOrientation) {
    }

    static Header header(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEADER_BYTES);
        } catch (IOException e) {
            return new Header(null, false, 1);
        }
        int rotation = indexOf(head, "irot");
        int mirror = indexOf(head, "imir");
        return new Header(largestIspe(head), rotation >= 0 || mirror >= 0,
                orientationOf(rotation >= 0 && rotation + 4 < head.length ? head[rotation + 4] & 0x3 : 0,
                        mirror >= 0 && mirror + 4 < head.length ? head[mirror + 4] & 0x1 : -1));
    }

    /**
     * The EXIF orientation that turns the stored picture as {@code irot} (anticlockwise quarter turns) or {@code imir}
     * (0: about the vertical axis, 1: about the horizontal one) say: for avifdec, which writes the pixels as stored.
     * Both together are rare (mirrored selfies); then only the rotation is applied.
     */
    static int orientationOf(int quarterTurnsAnticlockwise, int mirrorAxis) {
        if (quarterTurnsAnticlockwise == 0 && mirrorAxis >= 0) {
            return mirrorAxis == 0 ? 2 : 4;
        }
        return switch (quarterTurnsAnticlockwise) {
            case 1 -> 8;
            case 2 -> 3;
            case 3 -> 6;
            default -> 1;
        };
    }

    private static int indexOf(byte[] data, String fourcc) {
        byte[] wanted = fourcc.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 4; i + 4 <= data.length; i++) {
            for (int j = 0; j < 4; j++) {
                if (data[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static ImageSize largestIspe(byte[] data) {
        ImageSize largest = null;
        for (int i = 4; i + 16 <= data.length; i++) {
            if (data[i] == 'i' && data[i + 1] == 's' && data[i + 2] == 'p' && data[i + 3] == 'e') {
                long width = uint32(data, i + 8);
                long height = uint32(data, i + 12);
                if (width > 0 && height > 0 && width <= Integer.MAX_VALUE && height <= Integer.MAX_VALUE
                        && (largest == null || width * height > largest.pixels())) {
                    largest = new ImageSize((int) width, (int) height);
                }
            }
        }
        return largest;
    }

    private static long uint32(byte[] data, int offset) {
        return ((data[offset] & 0xFFL) << 24) | ((data[offset + 1] & 0xFFL) << 16) | ((data[offset + 2] & 0xFFL) << 8)
                | (data[offset + 3] & 0xFFL);
    }

    /** Converts the file into {@code directory}; returns the JPEG written. */
    static Path toJpeg(Path file, MediaSource source, long maxPixels, Path directory) throws UntaggableImageException {
        Path jpeg = directory.resolve("decoded.jpg");
        List<String> command = arguments(source, file, jpeg, maxPixels);
        MediaTools.Output output = MediaTools.run(command, LIMIT, source.label());
        Path written = written(jpeg);
        if (output.exitCode() != 0 || written == null) {
            throw new UntaggableImageException("corrupt or unsupported " + source.label() + ": " + MediaTools.shorten(output.complaint()));
        }
        return written;
    }

    static List<String> arguments(MediaSource source, Path file, Path jpeg, long maxPixels) throws UntaggableImageException {
        String in = file.toAbsolutePath().toString();
        String out = jpeg.toAbsolutePath().toString();
        if (source == MediaSource.AVIF) {
            Path avifdec = MediaTools.require(Tool.AVIFDEC, "AVIF");
            return List.of(avifdec.toString(), "--size-limit", Long.toString(Math.min(maxPixels, AVIFDEC_MAX_PIXELS)),
                    "-q", Integer.toString(JPEG_QUALITY), "--", in, out);
        }
        Path heifConvert = MediaTools.require(Tool.HEIF_CONVERT, "HEIC/HEIF");
        return List.of(heifConvert.toString(), "-q", Integer.toString(JPEG_QUALITY), in, out);
    }

    /** heif-convert numbers its outputs ({@code decoded-1.jpg}, ...) when a file holds several top-level images. */
    private static Path written(Path jpeg) throws UntaggableImageException {
        if (Files.isRegularFile(jpeg)) {
            return jpeg;
        }
        try (Stream<Path> files = Files.list(jpeg.getParent())) {
            return files.filter(f -> f.getFileName().toString().matches("decoded-\\d+\\.jpg")).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            throw new UntaggableImageException("cannot read the decoded picture: " + e.getMessage(), e);
        }
    }
}
