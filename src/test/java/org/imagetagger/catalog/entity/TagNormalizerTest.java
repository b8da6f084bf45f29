package org.imagetagger.catalog.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.imagetagger.tagging.control.VisionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagNormalizerTest {

    private final TagNormalizer normalizer = new TagNormalizer();

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "  Cat  | cat",
        "Golden   Retriever | golden retriever",
        "'Sunset\tover  Sea' | sunset over sea",
        "\"beach\" | beach",
        "“Beach” | beach",
        "#Sunset | sunset",
        "## travel | travel",
        "tree. | tree",
        "blue sky, | blue sky",
        "- red car | red car",
        "* dog | dog",
        "STRAẞE | straße",
        "t-shirt | t-shirt",
        "c++ | c++",
        "4x4 | 4x4",
        "rock 'n' roll | rock 'n' roll",
        "a\u00A0b | a b"
    })
    void cleansOneTag(String raw, String expected) {
        assertEquals(List.of(expected), normalizer.normalize(List.of(raw), 10));
    }

    @Test
    void collapsesLineBreaksToo() {
        assertEquals(List.of("sunset over sea"), normalizer.normalize(List.of(" Sunset\r\n over\n\tsea "), 10));
    }

    @Test
    void lowercasesWithRootLocale() {
        // In a Turkish default locale "I" would become a dotless "ı".
        assertEquals(List.of("indoor"), normalizer.normalize(List.of("INDOOR"), 10));
    }

    @Test
    void dropsEmptiesAndTooLongTags() {
        String longest = "a".repeat(TagNormalizer.MAX_TAG_LENGTH);
        List<String> raw = Arrays.asList("", "  ", "#", "\"\"", "...", null, longest, longest + "b", "cat");
        assertEquals(List.of(longest, "cat"), normalizer.normalize(raw, 10));
    }

    @Test
    void deduplicatesAfterNormalisingKeepingFirstSeenOrder() {
        assertEquals(List.of("sea", "cat", "beach"),
                normalizer.normalize(List.of("sea", "Cat", "#sea", "beach", "cat.", "  SEA "), 10));
    }

    @Test
    void keepsAtMostMax() {
        assertEquals(List.of("a", "b"), normalizer.normalize(List.of("a", "a", "b", "c", "d"), 2));
    }

    @Test
    void droppedTagsDoNotCountAgainstMax() {
        assertEquals(List.of("a", "b"), normalizer.normalize(List.of("", "A", "a", "#", "b", "c"), 2));
    }

    @Test
    void nothingForNoInputOrNoRoom() {
        assertEquals(List.of(), normalizer.normalize(null, 10));
        assertEquals(List.of(), normalizer.normalize(List.of("cat"), 0));
        assertEquals(List.of(), normalizer.normalize(List.of(), 10));
    }

    @Test
    void synonymsMapToThePreferredTagAndMergeDuplicates() {
        TagNormalizer vocabulary = new TagNormalizer(VisionSettings.parseSynonyms(" Puppy = Dog, kitten=cat, broken, =x, y= "));
        assertEquals(List.of("dog", "cat", "grass"), vocabulary.normalize(List.of("puppy", "Dog", "#Kitten", "grass", "cat"), 10));
        assertEquals(List.of("dog", "cat"), vocabulary.normalize(List.of("puppy", "dog", "kitten", "grass"), 2),
                "the maximum counts tags after merging");
    }

    @Test
    void synonymListIgnoresMalformedEntries() {
        assertEquals(java.util.Map.of("puppy", "dog"), VisionSettings.parseSynonyms("puppy=dog,broken,=x,y=,"));
        assertEquals(java.util.Map.of(), VisionSettings.parseSynonyms(""));
    }

    @Test
    void aVocabularyTakesOtherNumbersOfItsWordsAndWithVocabularyOnlyCutsTheRest() {
        var vocabulary = List.of("dog", "beach", "glass");
        assertEquals(List.of("dog", "beach", "sunset"),
                new TagNormalizer(java.util.Map.of(), vocabulary, false).normalize(List.of("Dogs", "beaches", "sunset"), 10));
        assertEquals(List.of("dog", "glass"),
                new TagNormalizer(java.util.Map.of("puppy", "dog"), vocabulary, true).normalize(List.of("puppy", "cat", "glasses", "fake"), 10));
    }
}
