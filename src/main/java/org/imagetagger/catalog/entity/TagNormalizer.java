package org.imagetagger.catalog.entity;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns whatever a model called a tag into the one spelling we store and search by, and, with a controlled
 * vocabulary, into the preferred word for it ({@code puppy → dog}).
 */
public class TagNormalizer {

    static final int MAX_TAG_LENGTH = 64;

    private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");
    // Quotes, hashtags, bullets and sentence punctuation models wrap around keywords; inner characters
    // (t-shirt, 4x4, c++) are part of the tag and stay.
    private static final String STRIPPED_AT_ENDS = "\"'`“”‘’„«»#.,;:!?*•-·";

    private final Map<String, String> synonyms;
    private final Set<String> vocabulary;
    private final boolean vocabularyOnly;

    public TagNormalizer() {
        this(Map.of());
    }

    /** @param synonyms normalised tag → normalised preferred tag (see {@link VisionSettings#parseSynonyms}) */
    public TagNormalizer(Map<String, String> synonyms) {
        this(synonyms, List.of(), false);
    }

    /**
     * @param vocabulary     a folder's keywords (normalised leaves); a tag that is one of them in another number
     *                       ({@code dogs}, {@code dog}) becomes that keyword
     * @param vocabularyOnly whether tags outside the vocabulary are cut (the schema's {@code enum} should have
     *                       kept the model to it; a server that ignores the schema is still held to it here)
     */
    public TagNormalizer(Map<String, String> synonyms, Collection<String> vocabulary, boolean vocabularyOnly) {
        this.synonyms = Map.copyOf(synonyms);
        this.vocabulary = Set.copyOf(vocabulary);
        this.vocabularyOnly = vocabularyOnly && !vocabulary.isEmpty();
    }

    public List<String> normalize(Collection<String> raw, int max) {
        if (raw == null || max <= 0) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String candidate : raw) {
            String tag = normalize(candidate);
            tag = inVocabulary(synonyms.getOrDefault(tag, tag));
            if (!tag.isEmpty() && tag.codePointCount(0, tag.length()) <= MAX_TAG_LENGTH) {
                tags.add(tag);
                if (tags.size() == max) {
                    break;
                }
            }
        }
        return List.copyOf(tags);
    }

    /** The vocabulary's spelling of a tag; the tag itself when it has none, or "" when only the vocabulary counts. */
    private String inVocabulary(String tag) {
        if (vocabulary.isEmpty() || vocabulary.contains(tag)) {
            return tag;
        }
        for (String variant : List.of(tag + "s", tag + "es", strip(tag, "es"), strip(tag, "s"))) {
            if (!variant.isEmpty() && vocabulary.contains(variant)) {
                return variant;
            }
        }
        return vocabularyOnly ? "" : tag;
    }

    private static String strip(String tag, String suffix) {
        return tag.endsWith(suffix) && tag.length() > suffix.length() + 1 ? tag.substring(0, tag.length() - suffix.length()) : "";
    }

    public static String normalize(String tag) {
        if (tag == null) {
            return "";
        }
        String collapsed = WHITESPACE.matcher(tag.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        int start = 0;
        int end = collapsed.length();
        while (start < end && strippable(collapsed.charAt(start))) {
            start++;
        }
        while (end > start && strippable(collapsed.charAt(end - 1))) {
            end--;
        }
        return collapsed.substring(start, end);
    }

    private static boolean strippable(char c) {
        return c == ' ' || STRIPPED_AT_ENDS.indexOf(c) >= 0;
    }
}
