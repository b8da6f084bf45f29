package org.imagetagger.platform;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP range requests (RFC 9110 §14) for file downloads, so that a browser can seek in a video: one range
 * ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}) answers 206 with that part; a range beyond the end 416;
 * no, several or malformed ranges the whole file (200), as the RFC allows. Every answer says {@code Accept-Ranges: bytes}.
 */
public final class ByteRanges {

    private static final Pattern ONE_RANGE = Pattern.compile("\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");
    private static final int BUFFER = 64 * 1024;

    /** Opens the bytes to serve; called once per response, when the body is written. */
    @FunctionalInterface
    public interface Opener {
        SeekableByteChannel open() throws IOException;
    }

    /** First and last byte, both included. */
    public record Range(long first, long last) {

        public long length() {
            return last - first + 1;
        }
    }

    /** A range that lies wholly beyond the end: 416. */
    public static final class Unsatisfiable extends Exception {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    private ByteRanges() {
    }

    public static Response serve(Path file, String contentType, String rangeHeader) throws IOException {
        return serve(() -> Files.newByteChannel(file), Files.size(file), contentType, rangeHeader);
    }

    public static Response serve(Opener opener, long size, String contentType, String rangeHeader) {
        Optional<Range> range;
        try {
            range = parse(rangeHeader, size);
        } catch (Unsatisfiable e) {
            return Response.status(416).header("Content-Range", "bytes */" + size).header("Accept-Ranges", "bytes")
                    .entity(Map.of("error", "the range " + rangeHeader + " lies beyond the end of the file (" + size + " bytes)",
                            "status", 416))
                    .type(MediaType.APPLICATION_JSON_TYPE).build();
        }
        if (range.isEmpty()) {
            return Response.ok(body(opener, 0, size), contentType)
                    .header("Content-Length", size).header("Accept-Ranges", "bytes").build();
        }
        Range part = range.get();
        return Response.status(206).entity(body(opener, part.first(), part.length())).type(contentType)
                .header("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + size)
                .header("Content-Length", part.length()).header("Accept-Ranges", "bytes").build();
    }

    /**
     * @return the one range to serve, or empty for the whole file
     * @throws Unsatisfiable when the range starts at or after the end
     */
    public static Optional<Range> parse(String header, long size) throws Unsatisfiable {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        int equals = value.indexOf('=');
        if (equals < 0 || !value.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return Optional.empty();
        }
        String spec = value.substring(equals + 1);
        if (spec.contains(",")) {
            return Optional.empty();
        }
        Matcher matcher = ONE_RANGE.matcher(spec);
        if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (matcher.group(1).isEmpty()) {
                long suffix = Long.parseLong(matcher.group(2));
                if (suffix == 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                return Optional.of(new Range(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(matcher.group(1));
            long last = matcher.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(matcher.group(2));
            if (last < first) {
                return Optional.empty();
            }
            if (first >= size) {
                throw new Unsatisfiable();
            }
            return Optional.of(new Range(first, Math.min(last, size - 1)));
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
    }

    private static StreamingOutput body(Opener opener, long first, long length) {
        return out -> copy(opener, first, length, out);
    }

    static void copy(Opener opener, long first, long length, OutputStream out) throws IOException {
        try (SeekableByteChannel channel = opener.open()) {
            channel.position(first);
            WritableByteChannel target = Channels.newChannel(out);
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            long left = length;
            while (left > 0) {
                buffer.clear().limit((int) Math.min(BUFFER, left));
                int read = channel.read(buffer);
                if (read < 0) {
                    break;
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    target.write(buffer);
                }
                left -= read;
            }
        }
    }
}
