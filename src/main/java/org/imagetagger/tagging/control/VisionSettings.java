package org.imagetagger.tagging.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.imagetagger.platform.SettingOverrides;
import org.imagetagger.catalog.entity.TagNormalizer;

/**
 * How to reach the vision model and what to ask it: the single place the rest of the code reads these from.
 * Each getter returns the value stored through {@code PUT /api/settings} when there is one, else the
 * MicroProfile Config value (keys of CONTRACT §2), so a change applies to the next request without a restart.
 */
@ApplicationScoped
public class VisionSettings {

    public static final String API = "tagger.vision.api";
    public static final String URL = "tagger.vision.url";
    public static final String MODEL = "tagger.vision.model";
    public static final String CONCURRENCY = "tagger.vision.concurrency";
    public static final String TIMEOUT_SECONDS = "tagger.vision.timeout-seconds";
    public static final String MAX_DIMENSION = "tagger.vision.max-dimension";
    public static final String PROMPT = "tagger.vision.prompt";
    public static final String MAX_TAGS = "tagger.tags.max";
    public static final String LANGUAGE = "tagger.tags.language";
    public static final String SYNONYMS = "tagger.tags.synonyms";
    public static final String SCHEDULE_WINDOW = "tagger.schedule.window";
    public static final String EMBEDDING_MODEL = "tagger.embedding.model";

    @Inject
    SettingOverrides overrides;

    /** {@code ollama} or {@code openai}. */
    @Inject
    @ConfigProperty(name = "tagger.vision.api", defaultValue = "ollama")
    String api;

    /** Base URL; a comma-separated list spreads load over several servers. */
    @Inject
    @ConfigProperty(name = "tagger.vision.url", defaultValue = "http://127.0.0.1:11434")
    String url;

    /** Model name sent to the server. */
    @Inject
    @ConfigProperty(name = "tagger.vision.model", defaultValue = "qwen2.5vl")
    String model;

    /** Requests in flight at once, over all servers. */
    @Inject
    @ConfigProperty(name = "tagger.vision.concurrency", defaultValue = "2")
    int concurrency;

    /** Per request. */
    @Inject
    @ConfigProperty(name = "tagger.vision.timeout-seconds", defaultValue = "120")
    int timeoutSeconds;

    /** Longest side of the image sent. */
    @Inject
    @ConfigProperty(name = "tagger.vision.max-dimension", defaultValue = "1024")
    int maxDimension;

    /** The instruction sent with each image; empty for the built-in one. */
    @Inject
    @ConfigProperty(name = "tagger.vision.prompt")
    Optional<String> prompt;

    /** How often a reply that does not parse is asked again before the image is FAILED. */
    @Inject
    @ConfigProperty(name = "tagger.vision.parse-attempts", defaultValue = "3")
    int parseAttempts;

    /** First pause before retrying a failed request; later pauses double, up to 16 times this. */
    @Inject
    @ConfigProperty(name = "tagger.vision.retry-delay-millis", defaultValue = "500")
    long retryDelayMillis;

    /** Tags kept per image. */
    @Inject
    @ConfigProperty(name = "tagger.tags.max", defaultValue = "25")
    int maxTags;

    /** Language the description and tags are asked in (English names: German, French, ...). */
    @Inject
    @ConfigProperty(name = LANGUAGE, defaultValue = Prompts.DEFAULT_LANGUAGE)
    String language;

    /** Controlled vocabulary: {@code from=to} pairs, comma-separated, applied to the model's tags. */
    @Inject
    @ConfigProperty(name = SYNONYMS)
    Optional<String> synonyms;

    /** {@code HH:MM-HH:MM} in the server's time zone (may cross midnight): model requests are sent only inside it; empty: always. */
    @Inject
    @ConfigProperty(name = SCHEDULE_WINDOW)
    Optional<String> scheduleWindow;

    /** Text-embedding model on the vision servers for search by meaning; empty (or {@code off}) turns it off. */
    @Inject
    @ConfigProperty(name = EMBEDDING_MODEL, defaultValue = "nomic-embed-text")
    String embeddingModel;

    /**
     * The text-embedding model in force; empty when search by meaning is off. An empty environment variable means
     * "not set" to MicroProfile Config, so {@code off} or {@code none} turn it off there too.
     */
    public Optional<String> embeddingModel() {
        String chosen = text(EMBEDDING_MODEL, embeddingModel).strip();
        return chosen.isEmpty() || chosen.equalsIgnoreCase("off") || chosen.equalsIgnoreCase("none") ? Optional.empty() : Optional.of(chosen);
    }

    public VisionServer.Api api() {
        return parseApi(text(API, api));
    }

    public static VisionServer.Api parseApi(String name) {
        return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "openai" -> VisionServer.Api.OPENAI;
            case "ollama" -> VisionServer.Api.OLLAMA;
            default -> throw new IllegalStateException("tagger.vision.api must be ollama or openai, not " + name);
        };
    }

    public List<String> urls() {
        return splitUrls(text(URL, url));
    }

    public static List<String> splitUrls(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(u -> !u.isEmpty())
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).toList();
    }

    public String model() {
        return text(MODEL, model);
    }

    public int concurrency() {
        return Math.max(1, number(CONCURRENCY, concurrency));
    }

    public Duration timeout() {
        return Duration.ofSeconds(Math.max(1, number(TIMEOUT_SECONDS, timeoutSeconds)));
    }

    public int maxDimension() {
        return number(MAX_DIMENSION, maxDimension);
    }

    /** The custom prompt, or the built-in one for the tag count and language; a language line is added to a custom one. */
    public String prompt() {
        return customPrompt().map(p -> Prompts.withLanguage(p, language()))
                .orElseGet(() -> Prompts.builtIn(maxTags(), language()));
    }

    /**
     * The prompt as {@link #prompt()} but with a folder's own prompt and language where it has them (null: the
     * settings' ones).
     */
    public String prompt(String ownPrompt, String ownLanguage) {
        String chosenLanguage = ownLanguage == null || ownLanguage.isBlank() ? language() : ownLanguage.strip();
        return Optional.ofNullable(ownPrompt).filter(p -> !p.isBlank()).or(this::customPrompt)
                .map(p -> Prompts.withLanguage(p, chosenLanguage))
                .orElseGet(() -> Prompts.builtIn(maxTags(), chosenLanguage));
    }

    /** The prompt set in the configuration or the settings; empty when the built-in one applies. */
    public Optional<String> customPrompt() {
        return overrides.get(PROMPT).or(() -> prompt).filter(p -> !p.isBlank());
    }

    /** The processing window as text ({@link ProcessingWindow#parse}); empty or blank: requests at any time. */
    public String scheduleWindow() {
        return overrides.get(SCHEDULE_WINDOW).or(() -> scheduleWindow).orElse("").strip();
    }

    public int parseAttempts() {
        return Math.max(1, parseAttempts);
    }

    public Duration retryDelay() {
        return Duration.ofMillis(Math.max(1, retryDelayMillis));
    }

    public int maxTags() {
        return number(MAX_TAGS, maxTags);
    }

    public String language() {
        String chosen = text(LANGUAGE, language).strip();
        return chosen.isEmpty() ? Prompts.DEFAULT_LANGUAGE : chosen;
    }

    /** Tag to replace it with, both normalised; empty when no vocabulary is set. */
    public Map<String, String> synonyms() {
        return parseSynonyms(overrides.get(SYNONYMS).or(() -> synonyms).orElse(""));
    }

    /** {@code puppy=dog, kitten=cat} as a map of normalised tags; entries without '=' or with an empty side are left out. */
    public static Map<String, String> parseSynonyms(String pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : pairs.split(",")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                String from = TagNormalizer.normalize(pair.substring(0, equals));
                String to = TagNormalizer.normalize(pair.substring(equals + 1));
                if (!from.isEmpty() && !to.isEmpty()) {
                    map.put(from, to);
                }
            }
        }
        return map;
    }

    private String text(String key, String configured) {
        return overrides.get(key).orElse(configured);
    }

    private int number(String key, int configured) {
        try {
            return overrides.get(key).map(String::strip).map(Integer::parseInt).orElse(configured);
        } catch (NumberFormatException notANumber) {
            // Only validated values are stored; a row edited by hand must not stop the scans.
            return configured;
        }
    }
}
