package org.imagetagger.support;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Image fixtures generated at test time, so the repository holds no binary files. */
public final class TestImages {

    /** 1×1 WebP files (the probes Modernizr uses): ImageIO has no WebP writer. */
    private static final String WEBP_LOSSLESS = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==";
    private static final String WEBP_LOSSY = "UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA";

    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");
    private static final int ASCII = 2;
    private static final int SHORT = 3;
    private static final int LONG = 4;
    private static final int RATIONAL = 5;

    private TestImages() {
    }

    public static Path writeJpeg(Path file, int w, int h, Color color) {
        return write(file, filled(w, h, color, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    /** A color with alpha below 255 gives a PNG with an alpha channel. */
    public static Path writePng(Path file, int w, int h, Color color) {
        int type = color.getAlpha() < 255 ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        return write(file, filled(w, h, color, type), "png");
    }

    public static Path writeGif(Path file, int w, int h, Color color) {
        return write(file, filled(w, h, color, BufferedImage.TYPE_INT_RGB), "gif");
    }

    public static Path writeBmp(Path file, int w, int h, Color color) {
        return write(file, filled(w, h, color, BufferedImage.TYPE_INT_RGB), "bmp");
    }

    public static Path writeTiff(Path file, int w, int h, Color color) {
        return write(file, filled(w, h, color, BufferedImage.TYPE_INT_RGB), "tiff");
    }

    public static Path writeWebpLossless(Path file) {
        return writeBytes(file, Base64.getDecoder().decode(WEBP_LOSSLESS));
    }

    public static Path writeWebpLossy(Path file) {
        return writeBytes(file, Base64.getDecoder().decode(WEBP_LOSSY));
    }

    /** Any picture in any format ImageIO can write ("jpeg", "png", "gif", "bmp", "tiff"). */
    public static Path write(Path file, BufferedImage image, String format) {
        try {
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalArgumentException("ImageIO cannot write " + format + " from image type " + image.getType());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path writeText(Path file, String text) {
        return writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Path writeEmpty(Path file) {
        return writeBytes(file, new byte[0]);
    }

    /** A JPEG cut to 40 % of its bytes: the header is intact, the pixel data stops in the middle. */
    public static Path writeTruncatedJpeg(Path file, int w, int h) {
        // Noise makes the pixel data outweigh the header tables, so the cut lands in the pixel data.
        write(file, noise(w, h, 42), "jpeg");
        return truncate(file, Math.round(size(file) * 0.4));
    }

    /** An RGB picture of random pixels, the same for the same seed: the worst case for any compression. */
    public static BufferedImage noise(int w, int h, long seed) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    /** Keeps only the first {@code bytes} bytes of the file. */
    public static Path truncate(Path file, long bytes) {
        try {
            return writeBytes(file, Arrays.copyOf(Files.readAllBytes(file), (int) bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG whose header claims a huge RGB image; the file is a few dozen bytes. */
    public static Path writeBombPng(Path file, int claimedW, int claimedH) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(claimedW).putInt(claimedH)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        png.writeBytes(pngChunk("IHDR", header.array()));
        png.writeBytes(pngChunk("IDAT", deflate(new byte[16])));
        png.writeBytes(pngChunk("IEND", new byte[0]));
        return writeBytes(file, png.toByteArray());
    }

    /** A small real JPEG whose frame header (SOF0) is patched to claim the given size (at most 65500). */
    public static Path writeJpegBomb(Path file, int claimedW, int claimedH) {
        write(file, filled(32, 32, Color.GRAY, BufferedImage.TYPE_INT_RGB), "jpeg");
        try {
            byte[] jpeg = Files.readAllBytes(file);
            for (int i = 2; i + 8 < jpeg.length; i++) {
                if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                    jpeg[i + 5] = (byte) (claimedH >> 8);
                    jpeg[i + 6] = (byte) claimedH;
                    jpeg[i + 7] = (byte) (claimedW >> 8);
                    jpeg[i + 8] = (byte) claimedW;
                    return writeBytes(file, jpeg);
                }
            }
            throw new IllegalStateException("ImageIO wrote a JPEG without a baseline frame header");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 64×48 gray JPEG with the given EXIF; null strings or {@code taken} and NaN coordinates are left out. */
    public static Path writeJpegWithExif(Path file, String make, String model, String lens, LocalDateTime taken,
            int orientation, double lat, double lon) {
        return writeJpegWithExif(file, filled(64, 48, Color.GRAY, BufferedImage.TYPE_INT_RGB),
                make, model, lens, taken, orientation, lat, lon);
    }

    /** The picture as JPEG with an Exif APP1 segment spliced in right after the SOI marker. */
    public static Path writeJpegWithExif(Path file, BufferedImage picture, String make, String model, String lens,
            LocalDateTime taken, int orientation, double lat, double lon) {
        write(file, picture, "jpeg");
        try {
            byte[] jpeg = Files.readAllBytes(file);
            byte[] tiff = exifTiff(make, model, lens, taken, orientation, lat, lon);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(jpeg, 0, 2);
            out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1});
            int length = 2 + 6 + tiff.length;
            out.writeBytes(new byte[] {(byte) (length >> 8), (byte) length, 'E', 'x', 'i', 'f', 0, 0});
            out.writeBytes(tiff);
            out.write(jpeg, 2, jpeg.length - 2);
            return writeBytes(file, out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a command-line tool is on the PATH (the media fixtures below need ffmpeg, heif-enc, avifenc). */
    public static boolean canRun(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** A HEIC made by libheif's heif-enc from a PNG of one colour. */
    public static Path writeHeic(Path file, int w, int h, Color color) {
        Path png = writePng(file.resolveSibling(file.getFileName() + ".src.png"), w, h, color);
        try {
            run(List.of("heif-enc", "-q", "60", "-o", file.toString(), png.toString()));
            return file;
        } finally {
            png.toFile().delete();
        }
    }

    /** An AVIF made by libavif's avifenc from a PNG of one colour. */
    public static Path writeAvif(Path file, int w, int h, Color color) {
        Path png = writePng(file.resolveSibling(file.getFileName() + ".src.png"), w, h, color);
        try {
            run(List.of("avifenc", "-s", "10", "-j", "1", png.toString(), file.toString()));
            return file;
        } finally {
            png.toFile().delete();
        }
    }

    /** An H.264 clip of ffmpeg's moving test pattern (testsrc2), with a creation time of 2024-05-01 10:00 UTC. */
    public static Path writeVideo(Path file, int w, int h, int seconds) {
        String codec = file.toString().endsWith(".webm") ? "libvpx-vp9" : "libx264";
        run(List.of("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi",
                "-i", "testsrc2=size=" + w + "x" + h + ":rate=10:duration=" + seconds,
                "-c:v", codec, "-pix_fmt", "yuv420p", "-metadata", "creation_time=2024-05-01T10:00:00Z", file.toString()));
        return file;
    }

    /**
     * A RAW-like file as Nikon writes them: a TIFF whose first IFD points to a sub-IFD holding a full-size JPEG
     * (JPEGInterchangeFormat/-Length, exiftool's JpgFromRaw). No sensor data: only the preview is ever read.
     */
    public static Path writeRawWithPreview(Path file, int w, int h, Color color) {
        byte[] jpeg;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(filled(w, h, color, BufferedImage.TYPE_INT_RGB), "jpeg", out);
            jpeg = out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int ifd0 = 8;
        int subIfd = ifd0 + 2 + 4 * 12 + 4;
        int preview = subIfd + 2 + 2 * 12 + 4;
        ByteBuffer tiff = ByteBuffer.allocate(preview + jpeg.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        tiff.put(new byte[] {'I', 'I', 42, 0}).putInt(ifd0);
        tiff.putShort((short) 4);
        tiffEntry(tiff, 0x100, LONG, w);
        tiffEntry(tiff, 0x101, LONG, h);
        tiff.putShort((short) 0x10F).putShort((short) ASCII).putInt(4).put(new byte[] {'N', 'I', 'K', 0});
        tiffEntry(tiff, 0x14A, LONG, subIfd);
        tiff.putInt(0);
        tiff.putShort((short) 2);
        tiffEntry(tiff, 0x201, LONG, preview);
        tiffEntry(tiff, 0x202, LONG, jpeg.length);
        tiff.putInt(0);
        tiff.put(jpeg);
        return writeBytes(file, tiff.array());
    }

    private static void tiffEntry(ByteBuffer tiff, int tag, int type, int value) {
        tiff.putShort((short) tag).putShort((short) type).putInt(1).putInt(value);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static BufferedImage filled(int w, int h, Color color, int type) {
        BufferedImage image = new BufferedImage(w, h, type);
        Graphics2D g = image.createGraphics();
        g.setComposite(AlphaComposite.Src);
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }

    private static Path writeBytes(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[64];
        int length = deflater.deflate(buffer);
        deflater.end();
        return Arrays.copyOf(buffer, length);
    }

    // --- a minimal big-endian TIFF structure: IFD0 -> Exif IFD, GPS IFD ---

    private record Entry(int tag, int type, int count, byte[] value) {
    }

    private static byte[] exifTiff(String make, String model, String lens, LocalDateTime taken, int orientation,
            double lat, double lon) {
        List<Entry> exif = new ArrayList<>();
        if (taken != null) {
            exif.add(ascii(0x9003, taken.format(EXIF_TIME)));
        }
        if (lens != null) {
            exif.add(ascii(0xA434, lens));
        }
        List<Entry> gps = new ArrayList<>();
        if (!Double.isNaN(lat) && !Double.isNaN(lon)) {
            gps.add(new Entry(0x0000, 1, 4, new byte[] {2, 3, 0, 0}));
            gps.add(ascii(0x0001, lat >= 0 ? "N" : "S"));
            gps.add(degreesMinutesSeconds(0x0002, Math.abs(lat)));
            gps.add(ascii(0x0003, lon >= 0 ? "E" : "W"));
            gps.add(degreesMinutesSeconds(0x0004, Math.abs(lon)));
        }
        int ifd0At = 8;
        int exifAt = ifd0At + ifdSize(ifd0(make, model, orientation, exif, 0, gps, 0));
        int gpsAt = exifAt + (exif.isEmpty() ? 0 : ifdSize(exif));
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        tiff.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
        tiff.writeBytes(ifd(ifd0(make, model, orientation, exif, exifAt, gps, gpsAt), ifd0At));
        if (!exif.isEmpty()) {
            tiff.writeBytes(ifd(exif, exifAt));
        }
        if (!gps.isEmpty()) {
            tiff.writeBytes(ifd(gps, gpsAt));
        }
        return tiff.toByteArray();
    }

    private static List<Entry> ifd0(String make, String model, int orientation, List<Entry> exif, int exifAt,
            List<Entry> gps, int gpsAt) {
        List<Entry> entries = new ArrayList<>();
        if (make != null) {
            entries.add(ascii(0x010F, make));
        }
        if (model != null) {
            entries.add(ascii(0x0110, model));
        }
        entries.add(new Entry(0x0112, SHORT, 1, ByteBuffer.allocate(2).putShort((short) orientation).array()));
        if (!exif.isEmpty()) {
            entries.add(new Entry(0x8769, LONG, 1, ByteBuffer.allocate(4).putInt(exifAt).array()));
        }
        if (!gps.isEmpty()) {
            entries.add(new Entry(0x8825, LONG, 1, ByteBuffer.allocate(4).putInt(gpsAt).array()));
        }
        return entries;
    }

    private static Entry ascii(int tag, String text) {
        byte[] bytes = Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), text.length() + 1);
        return new Entry(tag, ASCII, bytes.length, bytes);
    }

    private static Entry degreesMinutesSeconds(int tag, double degrees) {
        int whole = (int) degrees;
        double minutesExact = (degrees - whole) * 60;
        int minutes = (int) minutesExact;
        long tenThousandthSeconds = Math.round((minutesExact - minutes) * 60 * 10_000);
        ByteBuffer value = ByteBuffer.allocate(24)
                .putInt(whole).putInt(1)
                .putInt(minutes).putInt(1)
                .putInt((int) tenThousandthSeconds).putInt(10_000);
        return new Entry(tag, RATIONAL, 3, value.array());
    }

    private static int ifdSize(List<Entry> entries) {
        int size = 2 + 12 * entries.size() + 4;
        for (Entry entry : entries) {
            size += outOfLine(entry);
        }
        return size;
    }

    /** Values longer than 4 bytes live after the IFD, at even offsets. */
    private static int outOfLine(Entry entry) {
        int length = entry.value().length;
        return length <= 4 ? 0 : length + length % 2;
    }

    private static byte[] ifd(List<Entry> unsorted, int at) {
        List<Entry> entries = new ArrayList<>(unsorted);
        entries.sort(Comparator.comparingInt(Entry::tag));
        ByteBuffer ifd = ByteBuffer.allocate(ifdSize(entries));
        ifd.putShort((short) entries.size());
        int dataAt = at + 2 + 12 * entries.size() + 4;
        ByteBuffer data = ByteBuffer.allocate(ifd.capacity() - (dataAt - at));
        for (Entry entry : entries) {
            ifd.putShort((short) entry.tag()).putShort((short) entry.type()).putInt(entry.count());
            if (entry.value().length <= 4) {
                ifd.put(Arrays.copyOf(entry.value(), 4));
            } else {
                ifd.putInt(dataAt + data.position());
                data.put(entry.value());
                data.position(data.position() + entry.value().length % 2);
            }
        }
        ifd.putInt(0);
        ifd.put(data.array());
        return ifd.array();
    }

    /** Mean absolute difference per sample (0-255) of two pictures of the same size, over red, green and blue. */
    public static double meanDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs((p >> shift & 0xff) - (q >> shift & 0xff));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
