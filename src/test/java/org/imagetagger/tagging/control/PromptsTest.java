package org.imagetagger.tagging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void asksForConcreteKeywordsOfObjectsSceneActivityAndColours() {
        String prompt = Prompts.builtIn(25, "English");
        assertEquals(Prompts.DEFAULT, prompt);
        assertTrue(prompt.contains("one paragraph"));
        for (String kind : new String[] {"objects", "scene", "activity", "colours", "concrete"}) {
            assertTrue(prompt.contains(kind), kind);
        }
        assertFalse(prompt.contains("Write the description and every tag in"), "English needs no language line");
    }

    @Test
    void otherLanguagesAreAskedFor() {
        String german = Prompts.builtIn(10, "German");
        assertTrue(german.contains("up to 10 "));
        assertTrue(german.endsWith("Write the description and every tag in German; keep the JSON keys \"description\" and \"tags\" in English."));
        assertEquals("Tag it.\nWrite the description and every tag in French; keep the JSON keys \"description\" and \"tags\" in English.",
                Prompts.withLanguage("Tag it.", " French "));
        assertEquals("Tag it.", Prompts.withLanguage("Tag it.", "english"));
        assertEquals("Tag it.", Prompts.withLanguage("Tag it.", null));
    }

    @Test
    void aProfileAddsItsContextAndItsVocabulary() {
        String prompt = Prompts.withProfile("Describe.", "Holiday on Crete, 2021", java.util.List.of("beach", "dog"), true);
        assertEquals("Describe.\nContext given by the owner of these photos: Holiday on Crete, 2021"
                + "\nUse only tags from this list: beach, dog.", prompt);
        assertEquals("Describe.\nWhere one of these keywords fits, use it: dog.",
                Prompts.withProfile("Describe.", null, java.util.List.of("dog"), false));
        assertEquals("Describe.", Prompts.withProfile("Describe.", " ", java.util.List.of(), false));
    }
}
