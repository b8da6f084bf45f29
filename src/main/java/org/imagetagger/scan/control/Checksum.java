package org.imagetagger.scan.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a file's content, streamed: a 200 MB file never sits in memory. */
public final class Checksum {

    private Checksum() {
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return copyAndHash(in, OutputStream.nullOutputStream());
        }
    }

    /** Copies the stream to {@code copy} and returns the SHA-256 of what was copied: one read for both. */
    public static String copyAndHash(InputStream in, OutputStream copy) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
            copy.write(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
