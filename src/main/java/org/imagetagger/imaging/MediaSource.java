package org.imagetagger.imaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which decoder a file goes to: by extension for videos and RAW, by content for HEIF and AVIF (phones name them .jpg too). */
enum MediaSource {
    /** ImageIO inside the JVM (JPEG, PNG, GIF, BMP, WebP, TIFF) */
    PICTURE("picture"),
    HEIF("HEIC/HEIF"),
    AVIF("AVIF"),
    RAW("RAW"),
    VIDEO("video");

    private static final int HEAD_BYTES = 64;
    private final String label;

    MediaSource(String label) {
        this.label = label;
    }

    /** As named in failure reasons. */
    String label() {
        return label;
    }

    static MediaSource of(Path file) {
        if (ImageFormats.isVideo(file)) {
            return VIDEO;
        }
        if (ImageFormats.isRaw(file)) {
            return RAW;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        } catch (IOException | RuntimeException unreadable) {
            // the picture path names the problem (missing, permission, folder)
            return PICTURE;
        }
        return sniff(head);
    }

    /** An ISO media file ({@code ftyp} box) whose brands say HEIF or AVIF; anything else is left to ImageIO. */
    static MediaSource sniff(byte[] head) {
        if (head.length < 16 || head[4] != 'f' || head[5] != 't' || head[6] != 'y' || head[7] != 'p') {
            return PICTURE;
        }
        long boxSize = ((head[0] & 0xFFL) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
        int end = (int) Math.min(head.length, Math.max(16, boxSize));
        boolean heif = false;
        // major brand at 8, minor version at 12, compatible brands from 16
        for (int offset = 8; offset + 4 <= end; offset += offset == 8 ? 8 : 4) {
            String brand = new String(head, offset, 4, StandardCharsets.US_ASCII);
            if (brand.equals("avif") || brand.equals("avis")) {
                return AVIF;
            }
            if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
                heif = true;
            }
        }
        return heif ? HEIF : PICTURE;
    }
}
