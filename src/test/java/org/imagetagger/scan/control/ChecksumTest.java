package org.imagetagger.scan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumTest {

    @Test
    void isTheSha256OfTheContent(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("abc.jpg"), "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Checksum.sha256(file));
    }

    @Test
    void streamsFilesLargerThanItsBuffer(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.jpg");
        Files.write(file, new byte[3 * 64 * 1024 + 17]);
        assertEquals(64, Checksum.sha256(file).length());
    }
}
