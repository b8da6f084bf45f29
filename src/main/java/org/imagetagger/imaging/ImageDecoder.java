package org.imagetagger.imaging;

import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns an image file into a small upright RGB picture for the vision model: ImageIO for the usual formats,
 * {@link HeifDecoder} for HEIC/HEIF and AVIF, {@link RawPreview} for camera RAW, {@link VideoFrames} for videos. Every way a file can be
 * unusable ends in an {@link UntaggableImageException} whose message tells the user what is wrong.
 */
public class ImageDecoder {

    private static final System.Logger LOG = System.getLogger(ImageDecoder.class.getName());
    private static final int SNIFF_BYTES = 64;
    /** The short side a picture is decoded at, at least, for its perceptual hash alone (32×32 cells, a few pixels each). */
    private static final int HASHED_SIDE = 128;
    private static final JpegEncoder ENCODER = new JpegEncoder();

    private final VideoFrames videos = new VideoFrames();

    /**
     * The pixel size the file's header declares, without decoding any pixels. Videos: the displayed frame size;
     * RAW: the embedded preview's.
     */
    public ImageSize readSize(Path file) throws UntaggableImageException {
        MediaSource source = MediaSource.of(file);
        switch (source) {
            case VIDEO:
                return videos.probe(file).size();
            case HEIF:
            case AVIF:
                ImageSize declared = HeifDecoder.header(file).size();
                if (declared != null) {
                    return declared;
                }
                return withTemporaryDirectory(directory -> storedSize(HeifDecoder.toJpeg(file, source, Long.MAX_VALUE, directory)));
            case RAW:
                return withTemporaryDirectory(directory -> storedSize(rawPreview(file, directory)));
            default:
                return storedSize(file);
        }
    }

    private static ImageSize storedSize(Path file) throws UntaggableImageException {
        try (OpenImage image = OpenImage.open(file)) {
            return image.size();
        }
    }

    /**
     * What the model sees: the picture, or for a video a montage of frames sampled over the whole clip.
     *
     * @param maxDimension the longest side of the result; smaller images are not enlarged
     * @param maxPixels images whose header declares more pixels are refused before any decoding
     * @param orientation EXIF orientation 1..8 to apply; other values mean "as stored" (HEIF and AVIF files that
     *                    rotate their picture themselves are turned by their decoder instead, videos by ffmpeg)
     * @return a TYPE_INT_RGB image, transparency painted on white
     */
    public BufferedImage decode(Path file, int maxDimension, long maxPixels, int orientation)
            throws UntaggableImageException {
        checkLimits(maxDimension, maxPixels);
        if (MediaSource.of(file) == MediaSource.VIDEO) {
            return videos.montage(file, maxDimension, maxPixels);
        }
        return decodeStill(file, maxDimension, maxPixels, orientation);
    }

    /**
     * {@link #decodeStill(Path, int, long, int)} of a file already opened inside its folder, from a private copy of its
     * bytes: PNGJ and the outside tools (video, HEIF, AVIF, RAW) read a path, and given the file's own they would open
     * whatever it names by then.
     */
    public BufferedImage decodeStill(ConfinedFile file, int maxDimension, long maxPixels, int orientation)
            throws UntaggableImageException {
        String name = file.path().getFileName().toString();
        Path copy = null;
        try {
            int dot = name.lastIndexOf('.');
            copy = Files.createTempFile("confined-", dot < 0 ? "" : name.substring(dot));
            try (var out = Files.newOutputStream(copy)) {
                file.inputStream().transferTo(out);
            }
            return decodeStill(copy, maxDimension, maxPixels, orientation);
        } catch (IOException e) {
            throw new UntaggableImageException("cannot read the file: " + e.getMessage());
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }

    /**
     * The JPEG the vision model is sent, and the perceptual hash of its picture. A JPEG that already fits
     * {@code maxDimension} and needs no turning is sent as it is: only a subsampled decode for the hash, no full
     * decode and no encoding again. Anything else is decoded within {@code maxDimension} (see {@link #fittedAsStored})
     * and encoded at {@code quality}.
     */
    public ModelPicture forModel(Path file, int maxDimension, long maxPixels, int orientation, float quality)
            throws UntaggableImageException {
        checkLimits(maxDimension, maxPixels);
        if (MediaSource.of(file) != MediaSource.PICTURE) {
            BufferedImage picture = decode(file, maxDimension, maxPixels, orientation);
            return new ModelPicture(ENCODER.encode(picture, quality), PerceptualHash.of(picture), false);
        }
        try (OpenImage image = OpenImage.open(file)) {
            ImageSize size = image.size();
            refuseAbove(size, maxPixels);
            if (orientation <= 1 && image.format.equals("JPEG") && Math.max(size.width(), size.height()) <= maxDimension) {
                BufferedImage forHash = image.read(Math.max(1, Math.min(size.width(), size.height()) / HASHED_SIDE));
                if (isPlainColour(forHash)) {
                    return new ModelPicture(readAll(file), PerceptualHash.of(Downscaler.toRgb(forHash)), true);
                }
            }
            BufferedImage picture = Orientation.apply(fittedAsStored(file, image, size, maxDimension), orientation);
            return new ModelPicture(ENCODER.encode(picture, quality), PerceptualHash.of(picture), false);
        }
    }

    /** Decoded RGB or grey: the JPEG's colours are ones every decoder shows alike (not CMYK or YCCK). */
    private static boolean isPlainColour(BufferedImage image) {
        return image.getType() == BufferedImage.TYPE_BYTE_GRAY
                || image.getColorModel().getColorSpace().isCS_sRGB() && !image.getColorModel().hasAlpha();
    }

    private static byte[] readAll(Path file) throws UntaggableImageException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UntaggableImageException("cannot read the file: " + e.getMessage(), e);
        }
    }

    /** Like {@link #decode}, but a video gives one frame from its middle: what a thumbnail shows. */
    public BufferedImage decodeStill(Path file, int maxDimension, long maxPixels, int orientation)
            throws UntaggableImageException {
        checkLimits(maxDimension, maxPixels);
        MediaSource source = MediaSource.of(file);
        switch (source) {
            case VIDEO:
                return videos.still(file, maxDimension, maxPixels);
            case HEIF:
            case AVIF:
                HeifDecoder.Header header = HeifDecoder.header(file);
                if (header.size() != null) {
                    refuseAbove(header.size(), maxPixels);
                }
                int turn = !header.transformed() ? orientation : source == MediaSource.AVIF ? header.ownOrientation() : 1;
                return withTemporaryDirectory(directory ->
                        decodeStored(HeifDecoder.toJpeg(file, source, maxPixels, directory), maxDimension, maxPixels, turn));
            case RAW:
                return withTemporaryDirectory(directory -> decodeStored(rawPreview(file, directory), maxDimension, maxPixels, orientation));
            default:
                return decodeStored(file, maxDimension, maxPixels, orientation);
        }
    }

    private static void checkLimits(int maxDimension, long maxPixels) {
        if (maxDimension < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("maxDimension and maxPixels must be positive");
        }
    }

    private static BufferedImage decodeStored(Path file, int maxDimension, long maxPixels, int orientation)
            throws UntaggableImageException {
        try (OpenImage image = OpenImage.open(file)) {
            ImageSize size = image.size();
            refuseAbove(size, maxPixels);
            return Orientation.apply(fittedAsStored(file, image, size, maxDimension), orientation);
        }
    }

    /**
     * A picture of a size already checked as RGB within {@code maxDimension}, as stored: a PNG streamed by
     * {@link StreamedPng}, anything else (or a PNG it does not read) by ImageIO, subsampled.
     */
    private static BufferedImage fittedAsStored(Path file, OpenImage image, ImageSize size, int maxDimension)
            throws UntaggableImageException {
        BufferedImage streamed = image.format.equals("PNG") ? StreamedPng.fitted(file, size, maxDimension) : null;
        return streamed != null ? streamed : readWithin(image, size, maxDimension);
    }

    /** An open picture of a size already checked, decoded subsampled, as RGB within {@code maxDimension}, as stored. */
    private static BufferedImage readWithin(OpenImage image, ImageSize size, int maxDimension) throws UntaggableImageException {
        return Downscaler.toRgbWithin(image.read(subsamplingFor(size, maxDimension)), maxDimension);
    }

    private static void refuseAbove(ImageSize size, long maxPixels) throws UntaggableImageException {
        if (size.pixels() > maxPixels) {
            throw new UntaggableImageException("image is %d×%d pixels (%s megapixels), above the limit of %s megapixels"
                    .formatted(size.width(), size.height(), megapixels(size.pixels()), megapixels(maxPixels)));
        }
    }

    private static Path rawPreview(Path file, Path directory) throws UntaggableImageException {
        byte[] preview = RawPreview.extract(file);
        try {
            return Files.write(directory.resolve("preview.jpg"), preview);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a temporary file in " + directory, e);
        }
    }

    private interface InDirectory<T> {
        T apply(Path directory) throws UntaggableImageException;
    }

    /** Decoders that write files get a directory of their own, removed afterwards. */
    private static <T> T withTemporaryDirectory(InDirectory<T> work) throws UntaggableImageException {
        Path directory;
        try {
            directory = Files.createTempDirectory("tagger-media");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
        try {
            return work.apply(directory);
        } finally {
            try (Stream<Path> files = Files.list(directory)) {
                files.forEach(MediaTools::deleteQuietly);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "cannot list {0}: {1}", directory, e);
            }
            MediaTools.deleteQuietly(directory);
        }
    }

    /**
     * Skipping pixels while decoding keeps memory and time low, but skipped pixels are simply dropped
     * (aliasing on fine patterns), so decoding aims at twice the target, never below the target, and the
     * averaging scaler does the rest. A 12 MP photo for a 1024 px target is decoded at 2000×1500, not in full.
     */
    static int subsamplingFor(ImageSize size, int maxDimension) {
        int longest = Math.max(size.width(), size.height());
        int towardsTwice = (longest + 2 * maxDimension - 1) / (2 * maxDimension);
        return Math.max(1, Math.min(towardsTwice, longest / maxDimension));
    }

    private static String megapixels(long pixels) {
        return pixels % 1_000_000 == 0
                ? Long.toString(pixels / 1_000_000)
                : String.format(Locale.ROOT, "%.1f", pixels / 1_000_000.0);
    }

    /** One file opened with the reader that recognised its content. */
    private static final class OpenImage implements AutoCloseable {

        private final ImageInputStream in;
        private final ImageReader reader;
        private final String format;
        private final Path file;
        private final Set<String> warnings = new LinkedHashSet<>();
        /** Decoded into arrays of {@link RgbBytes#reused}, released on close: no picture read here outlives it. */
        private final List<BufferedImage> decoded = new ArrayList<>();

        private OpenImage(Path file, ImageInputStream in, ImageReader reader) {
            this.in = in;
            this.reader = reader;
            this.format = ImageReaders.label(reader);
            this.file = file;
            reader.setInput(in, true, true);
            // readers repeat a warning for every remaining row of a truncated file
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        }

        static OpenImage open(Path file) throws UntaggableImageException {
            ImageInputStream in = openStream(file);
            ImageReader reader;
            String whyUnreadable = null;
            try {
                reader = ImageReaders.forContent(in);
                if (reader == null) {
                    whyUnreadable = describeUnreadable(in);
                }
            } catch (IOException | RuntimeException e) {
                closeQuietly(in);
                throw new UntaggableImageException("cannot read the file: " + details(e), e);
            }
            if (reader == null) {
                closeQuietly(in);
                throw new UntaggableImageException(whyUnreadable);
            }
            return new OpenImage(file, in, reader);
        }

        ImageSize size() throws UntaggableImageException {
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw new UntaggableImageException(
                        (truncated(e) ? "truncated " + format + ": the file ends inside the header"
                                : "cannot read the " + format + " header, the file is damaged: " + details(e)), e);
            }
            if (width < 1 || height < 1) {
                throw new UntaggableImageException(format + " header declares an empty image of %d×%d pixels"
                        .formatted(width, height));
            }
            return new ImageSize(width, height);
        }

        BufferedImage read(int subsampling) throws UntaggableImageException {
            ImageReadParam param = reader.getDefaultReadParam();
            if (subsampling > 1) {
                param.setSourceSubsampling(subsampling, subsampling, 0, 0);
            }
            try {
                BufferedImage destination = rgbInStoredOrder(subsampling);
                if (destination != null) {
                    param.setDestination(destination);
                    decoded.add(destination);
                }
                BufferedImage image = reader.read(0, param);
                // A cut-off JPEG still decodes, grey below the cut; tagging that would describe a broken
                // picture (often a file still being copied), so it fails and a later scan takes it again.
                if (!warnings.isEmpty() && format.equals("JPEG") && !endsWithJpegEoi()) {
                    throw new UntaggableImageException("truncated JPEG: the file ends before the image data is complete");
                }
                if (!warnings.isEmpty()) {
                    LOG.log(Level.INFO, "{0}: decoded with {1} warnings: {2}", file, format, warnings);
                }
                return image;
            } catch (IOException | RuntimeException e) {
                String reason = truncated(e)
                        ? "truncated " + format + ": the file ends before the image data is complete"
                        : "corrupt or unsupported " + format + ": " + details(e);
                throw new UntaggableImageException(reason, e);
            }
        }

        /**
         * Where the JPEG reader would decode to TYPE_3BYTE_BGR, a picture in the order its library decodes rows in
         * ({@link RgbBytes}).
         *
         * @return null where the reader's default is not RGB (grey, CMYK, YCCK) or the reader not the JPEG one
         */
        private BufferedImage rgbInStoredOrder(int subsampling) throws IOException {
            if (!format.equals("JPEG")) {
                return null;
            }
            ImageTypeSpecifier usual = reader.getRawImageType(0);
            if (usual == null || usual.getBufferedImageType() != BufferedImage.TYPE_3BYTE_BGR) {
                return null;
            }
            int width = (reader.getWidth(0) + subsampling - 1) / subsampling;
            int height = (reader.getHeight(0) + subsampling - 1) / subsampling;
            return RgbBytes.reused(width, height);
        }

        @Override
        public void close() {
            decoded.forEach(RgbBytes::release);
            decoded.clear();
            reader.dispose();
            closeQuietly(in);
        }

        private static ImageInputStream openStream(Path file) throws UntaggableImageException {
            try {
                if (Files.isDirectory(file)) {
                    throw new UntaggableImageException("not an image: this is a folder");
                }
                // NIO names the problem (AccessDeniedException, NoSuchFileException); RandomAccessFile
                // behind FileImageInputStream only says FileNotFoundException.
                Files.newByteChannel(file).close();
                if (Files.size(file) == 0) {
                    throw new UntaggableImageException("file is empty");
                }
                return new FileImageInputStream(file.toFile());
            } catch (AccessDeniedException e) {
                throw new UntaggableImageException("permission denied: the server cannot read this file", e);
            } catch (NoSuchFileException e) {
                throw new UntaggableImageException("file no longer exists", e);
            } catch (IOException e) {
                throw new UntaggableImageException("cannot read the file: " + details(e), e);
            }
        }

        private static String describeUnreadable(ImageInputStream in) throws IOException {
            String format = ImageReaders.unacceptedFormat(in);
            if (format != null) {
                return "unsupported image format: " + format;
            }
            in.seek(0);
            byte[] head = new byte[SNIFF_BYTES];
            int read = Math.max(0, in.read(head));
            return ContentSniffer.describeUnreadable(Arrays.copyOf(head, read));
        }

        /** The JPEG reader reports a cut-off file as a structure error, but every JPEG ends with EOI. */
        private boolean truncated(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof EOFException) {
                    return true;
                }
            }
            return format.equals("JPEG") && !endsWithJpegEoi();
        }

        private boolean endsWithJpegEoi() {
            try {
                long length = in.length();
                if (length < 4) {
                    return false;
                }
                in.seek(length - 2);
                return in.readUnsignedShort() == 0xFFD9;
            } catch (IOException e) {
                return false;
            }
        }

        /** What the reader says, plus the root cause when that is a different message: readers often wrap it. */
        private static String details(Throwable e) {
            String outer = null;
            String root = null;
            for (Throwable t = e; t != null; t = t.getCause()) {
                String message = t.getMessage();
                if (message != null && !message.isBlank()) {
                    outer = outer == null ? message : outer;
                    root = message;
                }
            }
            if (outer == null) {
                return "the decoder gave no details";
            }
            return outer.equals(root) || outer.contains(root) ? outer : outer + ": " + root;
        }

        private static void closeQuietly(ImageInputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing was written, so nothing can be lost
            }
        }
    }
}
