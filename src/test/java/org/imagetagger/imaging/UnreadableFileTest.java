package org.imagetagger.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.imagetagger.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file the server may not read fails with "permission denied". Root ignores file permissions, so where
 * the tests run as root the decoder runs in a child JVM as user nobody (setpriv, util-linux).
 */
class UnreadableFileTest {

    private static final String EXPECTED = "permission denied: the server cannot read this file";

    @TempDir
    Path dir;

    @Test
    void anUnreadableFileFailsWithPermissionDenied() throws Exception {
        Path locked = TestImages.writeJpeg(dir.resolve("locked.jpg"), 10, 10, Color.RED);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertEquals(EXPECTED, Files.isReadable(locked) ? decodeAsNobody(locked) : decodeHere(locked));
    }

    private static String decodeHere(Path file) {
        try {
            new ImageDecoder().decode(file, 1024, 1_000_000, 1);
            return "decoded";
        } catch (UntaggableImageException e) {
            return e.getMessage();
        }
    }

    private String decodeAsNobody(Path file) throws IOException, InterruptedException {
        Path probe = Files.writeString(dir.resolve("Probe.java"), """
                public class Probe {
                    public static void main(String[] args) throws Exception {
                        try {
                            new org.imagetagger.imaging.ImageDecoder().decode(java.nio.file.Path.of(args[0]), 1024, 1_000_000L, 1);
                            System.out.print("decoded");
                        } catch (org.imagetagger.imaging.UntaggableImageException e) {
                            System.out.print(e.getMessage());
                        }
                    }
                }
                """);
        Process process = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Path.of("target", "classes").toAbsolutePath().toString(), probe.toString(), file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return output;
    }
}
