package org.imagetagger.tagging.control;

import java.util.List;
import java.util.Locale;

/**
 * The instruction sent with every image unless the settings hold another one, in the tag language chosen.
 */
public final class Prompts {

    /** The language asked for when none is set: the prompt then says nothing about language. */
    public static final String DEFAULT_LANGUAGE = "English";

    /** Asks for as many tags as {@code tagger.tags.max} keeps by default. */
    public static final String DEFAULT = forMaxTags(25);

    private Prompts() {
    }

    public static String forMaxTags(int maxTags) {
        return builtIn(maxTags, DEFAULT_LANGUAGE);
    }

    public static String builtIn(int maxTags, String language) {
        // The example JSON matters: models without structured output copy its shape.
        String prompt = """
                Describe this photo for a searchable photo library.
                Answer with JSON only, no other text, in exactly this form:
                {"description": "...", "tags": ["...", "..."]}
                - description: one paragraph of plain sentences saying what the photo shows: the subject, \
                what is happening, the place and the light.
                - tags: up to %d short lowercase keywords of one to three words each, concrete and specific \
                (for example "golden retriever", not "animal"): the main objects, people and animals; the scene \
                or place (beach, kitchen, city street, forest); the activity (hiking, cooking, playing); the \
                dominant colours (red, dark blue); the season, weather or time of day when clear; and the \
                photographic style (portrait, landscape, close-up, black and white).
                Only tag what is clearly visible. No hashtags, no sentences, no repeated tags.""".formatted(maxTags);
        return withLanguage(prompt, language);
    }

    /** Adds the language instruction to any prompt; English (or nothing chosen) adds none. */
    public static String withLanguage(String prompt, String language) {
        if (language == null || language.isBlank() || language.strip().toLowerCase(Locale.ROOT).equals("english")) {
            return prompt;
        }
        return prompt + "\nWrite the description and every tag in " + language.strip()
                + "; keep the JSON keys \"description\" and \"tags\" in English.";
    }

    /**
     * Adds what a folder profile knows to any prompt: its context ("Holiday on Crete, 2021") and its vocabulary,
     * as the only tags allowed or as the words preferred.
     */
    public static String withProfile(String prompt, String context, List<String> vocabulary, boolean vocabularyOnly) {
        StringBuilder text = new StringBuilder(prompt);
        if (context != null && !context.isBlank()) {
            text.append("\nContext given by the owner of these photos: ").append(context.strip());
        }
        if (!vocabulary.isEmpty()) {
            text.append(vocabularyOnly ? "\nUse only tags from this list: " : "\nWhere one of these keywords fits, use it: ")
                    .append(String.join(", ", vocabulary)).append('.');
        }
        return text.toString();
    }
}
