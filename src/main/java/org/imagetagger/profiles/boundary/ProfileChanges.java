package org.imagetagger.profiles.boundary;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.imagetagger.platform.ApiException;
import org.imagetagger.profiles.control.FolderProfiles.Fields;
import org.imagetagger.profiles.entity.FolderProfile;
import org.imagetagger.tagging.entity.TagProfile;

/**
 * Checks a profile PUT body and applies it to the stored fields: {@code null} clears a field, a missing key
 * keeps it. Every problem of the body is named in one 400; nothing is stored then.
 */
final class ProfileChanges {

    static final Set<String> KEYS = Set.of("context", "prompt", "language", "model", "vocabulary", "vocabularyOnly");
    static final int MAX_VOCABULARY = 500;
    static final int MAX_SEGMENT = 64;
    private static final Pattern LANGUAGE = Pattern.compile("[\\p{L}][\\p{L} ()-]{0,39}");
    // Ollama and OpenAI model names: name, optional namespace and tag; no spaces or control characters.
    private static final Pattern MODEL = Pattern.compile("[\\p{Alnum}][\\p{Alnum}._:/@+-]{0,199}");

    private ProfileChanges() {
    }

    static Fields apply(Fields current, JsonObject body) {
        List<String> problems = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!KEYS.contains(key)) {
                problems.add("unknown profile field '" + key + "' (known: context, prompt, language, model, vocabulary, vocabularyOnly)");
            }
        }
        String context = text(body, "context", current.context(), FolderProfile.MAX_CONTEXT, problems);
        String prompt = text(body, "prompt", current.prompt(), FolderProfile.MAX_PROMPT, problems);
        String language = text(body, "language", current.language(), 40, problems);
        if (language != null && body.containsKey("language") && !LANGUAGE.matcher(language).matches()) {
            problems.add("language must be a language name of 1 to 40 letters (e.g. \"German\")");
        }
        String model = text(body, "model", current.model(), 200, problems);
        if (model != null && body.containsKey("model") && !MODEL.matcher(model).matches()) {
            problems.add("model must be a model name such as \"qwen2.5vl:7b\", without spaces");
        }
        List<String> vocabulary = body.containsKey("vocabulary") ? vocabulary(body.get("vocabulary"), problems) : current.vocabulary();
        boolean only = current.vocabularyOnly();
        if (body.containsKey("vocabularyOnly")) {
            JsonValue value = body.get("vocabularyOnly");
            if (value == JsonValue.NULL || value == JsonValue.FALSE) {
                only = false;
            } else if (value == JsonValue.TRUE) {
                only = true;
            } else {
                problems.add("vocabularyOnly must be true, false or null");
            }
        }
        if (only && vocabulary.isEmpty()) {
            problems.add("vocabularyOnly needs a vocabulary: the model would have no tag left to answer");
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid profile: " + String.join("; ", problems));
        }
        return new Fields(context, prompt, language, model, vocabulary, only);
    }

    private static String text(JsonObject body, String key, String current, int max, List<String> problems) {
        if (!body.containsKey(key)) {
            return current;
        }
        JsonValue value = body.get(key);
        if (value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            problems.add(key + " must be a string or null");
            return current;
        }
        String text = string.getString().strip();
        if (text.length() > max) {
            problems.add(key + " must be at most " + max + " characters");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            problems.add(key + " must not contain control characters");
        }
        return text.isEmpty() ? null : text;
    }

    /** Entries as given, trimmed, each path once; hierarchical with {@code /} (or Lightroom's {@code |}). */
    private static List<String> vocabulary(JsonValue value, List<String> problems) {
        if (value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            problems.add("vocabulary must be an array of keywords or null");
            return List.of();
        }
        if (array.size() > MAX_VOCABULARY) {
            problems.add("vocabulary must have at most " + MAX_VOCABULARY + " entries");
        }
        Set<String> entries = new LinkedHashSet<>();
        Set<List<String>> paths = new LinkedHashSet<>();
        for (JsonValue element : array) {
            if (!(element instanceof JsonString string)) {
                problems.add("vocabulary entries must be strings");
                continue;
            }
            List<String> path = TagProfile.path(string.getString());
            if (path.isEmpty()) {
                problems.add("vocabulary entries must not be empty");
            } else if (path.stream().anyMatch(s -> s.length() > MAX_SEGMENT)) {
                problems.add("each level of a vocabulary entry is at most " + MAX_SEGMENT + " characters: '" + string.getString() + "'");
            } else if (string.getString().chars().anyMatch(Character::isISOControl)) {
                problems.add("vocabulary entries must not contain control characters");
            } else if (paths.add(path)) {
                entries.add(displayPath(string.getString()));
            }
        }
        return List.copyOf(entries);
    }

    /** {@code " Animals | Dog "} → {@code "Animals/Dog"}: the user's spelling, one separator. */
    private static String displayPath(String entry) {
        List<String> segments = new ArrayList<>();
        for (String segment : entry.split("[/|]")) {
            if (!segment.isBlank()) {
                segments.add(segment.strip().replaceAll("\\s+", " "));
            }
        }
        return String.join("/", segments);
    }
}
