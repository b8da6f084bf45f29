package org.imagetagger.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "'bytes=0-99', 0, 99",
        "'bytes=100-', 100, 999",
        "'bytes=-100', 900, 999",
        "'bytes=-5000', 0, 999",        // a suffix longer than the file is the whole file
        "'bytes=990-2000', 990, 999",   // the end is clipped to the file
        "'bytes=999-999', 999, 999",
        "'Bytes = 5 - 9', 5, 9"
    })
    void oneRangeIsServedAsAPart(String header, long first, long last) throws Exception {
        assertEquals(Optional.of(new ByteRanges.Range(first, last)), ByteRanges.parse(header, 1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "items=0-9", "bytes=0-9,20-29", "bytes=9-0", "bytes=-", "bytes=a-b", "bytes=0-9x",
            "bytes=99999999999999999999999-"})
    void noSeveralOrMalformedRangesGiveTheWholeFile(String header) throws Exception {
        assertEquals(Optional.empty(), ByteRanges.parse(header, 1000));
        assertEquals(Optional.empty(), ByteRanges.parse(null, 1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=5000-6000", "bytes=-0"})
    void aRangeBeyondTheEndIsUnsatisfiable(String header) {
        assertThrows(ByteRanges.Unsatisfiable.class, () -> ByteRanges.parse(header, 1000));
    }

    @Test
    void anEmptyFileSatisfiesNoRange() {
        assertThrows(ByteRanges.Unsatisfiable.class, () -> ByteRanges.parse("bytes=0-", 0));
        assertThrows(ByteRanges.Unsatisfiable.class, () -> ByteRanges.parse("bytes=-10", 0));
    }

    @Test
    void copyTakesExactlyThePartFromTheChannel() throws Exception {
        byte[] content = new byte[200_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Path file = Files.write(dir.resolve("clip.mp4"), content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteRanges.copy(() -> Files.newByteChannel(file), 70_000, 100_001, out);
        assertArrayEquals(Arrays.copyOfRange(content, 70_000, 170_001), out.toByteArray());
    }
}
