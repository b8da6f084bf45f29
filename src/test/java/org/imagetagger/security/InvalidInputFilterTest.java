package org.imagetagger.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.imagetagger.platform.ApiException;
import org.junit.jupiter.api.Test;

class InvalidInputFilterTest {

    @Test
    void nulAndBytesThatAreNotUtf8AreRefusedInTheAddress() {
        assertTrue(InvalidInputFilter.isCleanEscapedText(null));
        assertTrue(InvalidInputFilter.isCleanEscapedText("q=red%20car&tag=K%C3%A4se&tag=%E2%82%AC"));
        assertTrue(InvalidInputFilter.isCleanEscapedText("q=100%"), "a lone percent sign is just text");
        assertFalse(InvalidInputFilter.isCleanEscapedText("q=a%00b"));
        assertFalse(InvalidInputFilter.isCleanEscapedText("tag=%FF"));
        assertFalse(InvalidInputFilter.isCleanEscapedText("tag=%C3"), "a cut-off sequence");
        assertFalse(InvalidInputFilter.isCleanEscapedText("/api/images/%ED%A0%80"), "an encoded surrogate");
    }

    @Test
    void aJsonNulEscapeIsRefusedButAnEscapedBackslashIsText() {
        assertTrue(InvalidInputFilter.isCleanJsonText(bytes("{\"tags\":[\"käse\"]}")));
        assertFalse(InvalidInputFilter.isCleanJsonText(bytes("{\"tags\":[\"a\\u0000b\"]}")));
        assertFalse(InvalidInputFilter.isCleanJsonText(bytes("{\"tags\":[\"a\\\\\\u0000\"]}")));
        assertTrue(InvalidInputFilter.isCleanJsonText(bytes("{\"path\":\"C:\\\\u0000dir\"}")), "backslash, then u0000 as text");
        assertFalse(InvalidInputFilter.isCleanJsonText(new byte[] {'"', 0, '"'}));
        assertFalse(InvalidInputFilter.isCleanJsonText(new byte[] {'"', (byte) 0xC3, '"'}));
    }

    @Test
    void anAbsurdContentLengthIsTooLargeAndGarbageIsBad() {
        assertEquals(-1, BodyLimit.declaredLength(null));
        assertEquals(12, BodyLimit.declaredLength("12"));
        assertEquals(1_000_000_000_000L, BodyLimit.declaredLength("1000000000000"));
        assertEquals(Long.MAX_VALUE, BodyLimit.declaredLength("99999999999999999999999"));
        ApiException bad = assertThrows(ApiException.class, () -> BodyLimit.declaredLength("-5"));
        assertEquals(400, bad.status().getStatusCode());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
