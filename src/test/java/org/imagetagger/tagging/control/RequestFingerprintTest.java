package org.imagetagger.tagging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestFingerprintTest {

    @Test
    void theSameQuestionHasTheSameFingerprintAndAnyChangeAnother() {
        String base = RequestFingerprint.of("qwen2.5vl", "Describe.", List.of());
        assertEquals(base, RequestFingerprint.of("qwen2.5vl", "Describe.", List.of()));
        assertTrue(base.matches("[0-9a-f]{16}"), base);
        assertNotEquals(base, RequestFingerprint.of("llava", "Describe.", List.of()));
        assertNotEquals(base, RequestFingerprint.of("qwen2.5vl", "Describe!", List.of()));
        assertNotEquals(base, RequestFingerprint.of("qwen2.5vl", "Describe.", List.of("dog")));
        assertNotEquals(RequestFingerprint.of("a", "bc", List.of()), RequestFingerprint.of("ab", "c", List.of()));
    }
}
