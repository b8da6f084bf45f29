package org.imagetagger.tagging.control;

/**
 * The instruction sent with every image unless the settings hold another one.
 */
public final class Prompts {

    /** Asks for as many tags as {@code tagger.tags.max} keeps by default. */
    public static final String DEFAULT = forMaxTags(25);

    private Prompts() {
    }

    public static String forMaxTags(int maxTags) {
        // The example JSON matters: models without structured output copy its shape.
        return """
                Describe this photo for a searchable photo library.
                Answer with JSON only, no other text, in exactly this form:
                {"description": "...", "tags": ["...", "..."]}
                - description: one or two plain sentences saying what the photo shows.
                - tags: up to %d short lowercase keywords of one to three words each: the main objects, \
                people and animals, the scene or place, the dominant colours, activities, and the \
                photographic style (for example portrait, landscape, close-up, black and white).
                Only tag what is clearly visible. No hashtags, no sentences, no repeated tags.""".formatted(maxTags);
    }
}
