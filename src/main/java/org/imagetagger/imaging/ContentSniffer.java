package org.imagetagger.imaging;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Says in words what a file is when no image reader accepts it, so the user learns why it FAILED. */
final class ContentSniffer {

    private ContentSniffer() {
    }

    static String describeUnreadable(byte[] head) {
        if (startsWith(head, 0, "%PDF")) {
            return "not an image: the file is a PDF document";
        }
        if (startsWith(head, 4, "ftyp")) {
            String brand = new String(head, 8, Math.min(4, head.length - 8), StandardCharsets.US_ASCII);
            if (brand.startsWith("avi")) {
                return "unsupported image format: AVIF";
            }
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
                return "unsupported image format: HEIC/HEIF";
            }
            return "not an image: the file is a video or other ISO media file";
        }
        if (isText(head)) {
            return "not an image: file starts with text";
        }
        int shown = Math.min(8, head.length);
        return "unknown or unsupported image format (file starts with bytes "
                + HexFormat.ofDelimiter(" ").formatHex(head, 0, shown).toUpperCase() + ")";
    }

    private static boolean startsWith(byte[] head, int offset, String ascii) {
        if (head.length < offset + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (head[offset + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 without control characters; a sample cut inside a multi-byte character still counts. */
    static boolean isText(byte[] head) {
        if (head.length == 0) {
            return false;
        }
        for (byte b : head) {
            if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7F) {
                return false;
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(head.length);
        return !utf8.decode(ByteBuffer.wrap(head), out, false).isError();
    }
}
