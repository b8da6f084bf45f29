package org.imagetagger.similarity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeaningSearchTest {

    @Test
    void fullTextOperatorsAskForWords() {
        assertTrue(MeaningSearch.hasOperators("image -red"));
        assertTrue(MeaningSearch.hasOperators("\"red test\" sunset"));
        assertTrue(MeaningSearch.hasOperators("dog OR cat"));
        assertFalse(MeaningSearch.hasOperators("puppy on the seaside"));
        assertFalse(MeaningSearch.hasOperators("well-known t-shirt"));
    }

    @Test
    void matchIsWordsMeaningOrBoth() {
        assertEquals(MeaningSearch.Match.BOTH, MeaningSearch.Match.parse(null));
        assertEquals(MeaningSearch.Match.MEANING, MeaningSearch.Match.parse(" Meaning "));
        assertEquals(MeaningSearch.Match.WORDS, MeaningSearch.Match.parse("words"));
        assertNull(MeaningSearch.Match.parse("colour"));
    }
}
