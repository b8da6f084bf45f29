package org.imagetagger.settings.boundary;

import java.util.List;
import java.util.Map;

/**
 * Body of GET and PUT /api/settings (CONTRACT §3, extended). In a PUT every field is optional: a missing or
 * null one stays as it is; {@code prompt: ""} goes back to the built-in prompt, {@code dir: ""} to none.
 * {@code customPrompt} and {@code overridden} (the configuration keys the database overrides) are only answered.
 */
public record SettingsDocument(Vision vision, Tags tags, Sidecars sidecars, Schedule schedule, List<String> overridden, Embedding embedding) {

    /** {@code model}: the text-embedding model for search by meaning; {@code ""} turns it off. */
    public record Embedding(String model) {
    }

    public record Vision(String api, String url, String model, Integer concurrency, Integer timeoutSeconds,
                         Integer maxDimension, String prompt, Boolean customPrompt) {
    }

    public record Tags(Integer max, String language, Map<String, String> synonyms) {
    }

    public record Sidecars(Boolean enabled, String dir) {
    }

    /** {@code window}: {@code HH:MM-HH:MM} in the server's time zone, may cross midnight; {@code ""} means always. */
    public record Schedule(String window) {
    }
}
