package org.imagetagger.tagging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PromptsTest {

    @Test
    void defaultAsksForJsonWithDescriptionAndTags() {
        assertTrue(Prompts.DEFAULT.contains("JSON"));
        assertTrue(Prompts.DEFAULT.contains("\"description\""));
        assertTrue(Prompts.DEFAULT.contains("\"tags\""));
        assertTrue(Prompts.DEFAULT.contains("up to 25 "));
    }

    @Test
    void tagCountIsAdjustable() {
        assertTrue(Prompts.forMaxTags(7).contains("up to 7 "));
        assertEquals(Prompts.DEFAULT, Prompts.forMaxTags(25));
    }
}
