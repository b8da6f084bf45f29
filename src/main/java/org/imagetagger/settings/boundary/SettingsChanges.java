package org.imagetagger.settings.boundary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.imagetagger.catalog.entity.TagNormalizer;
import org.imagetagger.platform.ApiException;
import org.imagetagger.platform.Setting;
import org.imagetagger.sidecar.control.SidecarSettings;
import org.imagetagger.tagging.control.ProcessingWindow;
import org.imagetagger.tagging.control.ServerAddress;
import org.imagetagger.tagging.control.VisionSettings;

/**
 * Checks a PUT body and turns it into the overrides to store (configuration key → text, null = remove).
 * Every problem is collected, so one 400 names them all.
 */
final class SettingsChanges {

    static final int MAX_CONCURRENCY = 64;
    static final int MAX_TIMEOUT_SECONDS = 3600;
    static final int MIN_DIMENSION = 64;
    static final int MAX_DIMENSION = 8192;
    static final int MAX_TAGS = 200;
    static final int MAX_SYNONYMS = 1000;
    private static final Pattern LANGUAGE = Pattern.compile("[\\p{L}][\\p{L} ()-]{0,39}");

    private final Map<String, String> changes = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private SettingsChanges() {
    }

    static Map<String, String> of(SettingsDocument body) {
        if (body == null) {
            throw ApiException.badRequest("the body must be a settings object");
        }
        SettingsChanges result = new SettingsChanges();
        if (body.vision() != null) {
            result.vision(body.vision());
        }
        if (body.tags() != null) {
            result.tags(body.tags());
        }
        if (body.sidecars() != null) {
            result.sidecars(body.sidecars());
        }
        if (body.schedule() != null) {
            result.schedule(body.schedule());
        }
        if (body.embedding() != null && body.embedding().model() != null) {
            String model = body.embedding().model().strip();
            if (model.length() > 200 || model.chars().anyMatch(Character::isISOControl)) {
                result.problems.add("embedding.model must be a model name of at most 200 characters, or \"\" to turn search by meaning off");
            } else {
                result.changes.put(VisionSettings.EMBEDDING_MODEL, model);
            }
        }
        if (!result.problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", result.problems));
        }
        return result.changes;
    }

    /** The checks of vision.api and vision.url alone, for the connection test of values not saved yet. */
    static void checkConnection(String api, String url) {
        SettingsChanges result = new SettingsChanges();
        result.api(api);
        result.urls(url);
        if (!result.problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", result.problems));
        }
    }

    private void vision(SettingsDocument.Vision vision) {
        api(vision.api());
        urls(vision.url());
        if (vision.model() != null) {
            String model = vision.model().strip();
            if (model.isEmpty() || model.length() > 200 || model.chars().anyMatch(Character::isISOControl)) {
                problems.add("vision.model must be a model name of 1 to 200 characters");
            } else {
                changes.put(VisionSettings.MODEL, model);
            }
        }
        range("vision.concurrency", VisionSettings.CONCURRENCY, vision.concurrency(), 1, MAX_CONCURRENCY);
        range("vision.timeoutSeconds", VisionSettings.TIMEOUT_SECONDS, vision.timeoutSeconds(), 1, MAX_TIMEOUT_SECONDS);
        range("vision.maxDimension", VisionSettings.MAX_DIMENSION, vision.maxDimension(), MIN_DIMENSION, MAX_DIMENSION);
        if (vision.prompt() != null) {
            if (vision.prompt().length() > Setting.MAX_TEXT_LENGTH) {
                problems.add("vision.prompt must be at most " + Setting.MAX_TEXT_LENGTH + " characters");
            } else {
                changes.put(VisionSettings.PROMPT, vision.prompt().isBlank() ? null : vision.prompt().strip());
            }
        }
    }

    private void api(String api) {
        if (api == null) {
            return;
        }
        String name = api.strip().toLowerCase(Locale.ROOT);
        if (name.equals("ollama") || name.equals("openai")) {
            changes.put(VisionSettings.API, name);
        } else {
            problems.add("vision.api must be \"ollama\" or \"openai\", not \"" + shorten(api) + "\"");
        }
    }

    private void urls(String url) {
        if (url == null) {
            return;
        }
        List<String> urls = VisionSettings.splitUrls(url);
        if (urls.isEmpty()) {
            problems.add("vision.url must hold at least one http:// or https:// URL");
            return;
        }
        for (String one : urls) {
            if (!ServerAddress.isServerUrl(one)) {
                problems.add("vision.url \"" + shorten(one) + "\" is not an http:// or https:// URL with a host");
                return;
            }
        }
        changes.put(VisionSettings.URL, String.join(",", urls));
    }

    private void tags(SettingsDocument.Tags tags) {
        range("tags.max", VisionSettings.MAX_TAGS, tags.max(), 1, MAX_TAGS);
        if (tags.language() != null) {
            String language = tags.language().strip();
            if (!LANGUAGE.matcher(language).matches()) {
                problems.add("tags.language must be a language name of 1 to 40 letters (e.g. \"German\")");
            } else {
                changes.put(VisionSettings.LANGUAGE, language);
            }
        }
        if (tags.synonyms() != null) {
            synonyms(tags.synonyms());
        }
    }

    private void synonyms(Map<String, String> synonyms) {
        if (synonyms.size() > MAX_SYNONYMS) {
            problems.add("tags.synonyms may hold at most " + MAX_SYNONYMS + " entries");
            return;
        }
        Map<String, String> normalised = new LinkedHashMap<>();
        for (var entry : synonyms.entrySet()) {
            String from = TagNormalizer.normalize(entry.getKey());
            String to = TagNormalizer.normalize(entry.getValue());
            if (from.isEmpty() || to.isEmpty() || from.length() > 64 || to.length() > 64
                    || (from + to).contains(",") || (from + to).contains("=")) {
                problems.add("tags.synonyms entries map one tag to another (1 to 64 characters, no ',' or '='): \""
                        + shorten(entry.getKey()) + "\"");
                return;
            }
            normalised.put(from, to);
        }
        String text = normalised.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        if (text.length() > Setting.MAX_TEXT_LENGTH) {
            problems.add("tags.synonyms is too long");
            return;
        }
        changes.put(VisionSettings.SYNONYMS, text);
    }

    private void sidecars(SettingsDocument.Sidecars sidecars) {
        if (sidecars.enabled() != null) {
            changes.put(SidecarSettings.ENABLED, sidecars.enabled().toString());
        }
        if (sidecars.dir() != null) {
            String dir = sidecars.dir().strip();
            if (dir.isEmpty()) {
                changes.put(SidecarSettings.DIR, null);
            } else if (dir.length() > 4096 || dir.chars().anyMatch(Character::isISOControl) || !isAbsolute(dir)) {
                problems.add("sidecars.dir must be an absolute directory path");
            } else {
                changes.put(SidecarSettings.DIR, Path.of(dir).normalize().toString());
            }
        }
    }

    private void schedule(SettingsDocument.Schedule schedule) {
        if (schedule.window() == null) {
            return;
        }
        try {
            // Stored even when empty: "always" must be able to override a window in the configuration.
            changes.put(VisionSettings.SCHEDULE_WINDOW, ProcessingWindow.parse(schedule.window()).map(Object::toString).orElse(""));
        } catch (IllegalArgumentException invalid) {
            problems.add("schedule.window: " + invalid.getMessage());
        }
    }

    private static boolean isAbsolute(String dir) {
        try {
            return Path.of(dir).isAbsolute();
        } catch (RuntimeException invalid) {
            return false;
        }
    }

    private void range(String field, String key, Integer value, int min, int max) {
        if (value == null) {
            return;
        }
        if (value < min || value > max) {
            problems.add(field + " must be between " + min + " and " + max + ", not " + value);
        } else {
            changes.put(key, value.toString());
        }
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= 80 ? flat : flat.substring(0, 80) + "…";
    }
}
