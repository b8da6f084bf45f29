package org.imagetagger.tagging.entity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one request asks beyond the global settings: the folder profile as the vision client sees it. A null
 * field follows the settings. Vocabulary entries may be hierarchical ({@code Animals/Dog}); the model is asked
 * for their leaves.
 */
public record TagProfile(String context, String prompt, String language, String model, List<String> vocabulary,
                         boolean vocabularyOnly) {

    /** No overrides: the global settings as they are. */
    public static final TagProfile NONE = new TagProfile(null, null, null, null, List.of(), false);

    public TagProfile {
        context = blankToNull(context);
        prompt = blankToNull(prompt);
        language = blankToNull(language);
        model = blankToNull(model);
        vocabulary = vocabulary == null ? List.of() : List.copyOf(vocabulary);
    }

    /** The lowercase leaf of each vocabulary entry ({@code Animals/Dog → dog}), each once, in order. */
    public List<String> leaves() {
        Set<String> leaves = new LinkedHashSet<>();
        for (String entry : vocabulary) {
            List<String> path = path(entry);
            if (!path.isEmpty()) {
                leaves.add(path.get(path.size() - 1));
            }
        }
        return List.copyOf(leaves);
    }

    /** The lowercase, trimmed segments of a hierarchical keyword; {@code /} and {@code |} both separate. */
    public static List<String> path(String entry) {
        List<String> segments = new ArrayList<>();
        if (entry != null) {
            for (String segment : entry.split("[/|]")) {
                String clean = segment.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
                if (!clean.isEmpty()) {
                    segments.add(clean);
                }
            }
        }
        return segments;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
