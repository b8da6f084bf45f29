package org.imagetagger.tagging.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How to reach the vision model, from MicroProfile Config (keys of CONTRACT §2). */
@ApplicationScoped
public class VisionSettings {

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

    public VisionServer.Api api() {
        return switch (api.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "openai" -> VisionServer.Api.OPENAI;
            case "ollama" -> VisionServer.Api.OLLAMA;
            default -> throw new IllegalStateException("tagger.vision.api must be ollama or openai, not " + api);
        };
    }

    public List<String> urls() {
        return Arrays.stream(url.split(",")).map(String::strip).filter(u -> !u.isEmpty())
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).toList();
    }

    public String model() {
        return model;
    }

    public int concurrency() {
        return Math.max(1, concurrency);
    }

    public Duration timeout() {
        return Duration.ofSeconds(Math.max(1, timeoutSeconds));
    }

    public int maxDimension() {
        return maxDimension;
    }

    public String prompt() {
        return prompt.filter(p -> !p.isBlank()).orElseGet(() -> Prompts.forMaxTags(maxTags));
    }

    public int parseAttempts() {
        return Math.max(1, parseAttempts);
    }

    public Duration retryDelay() {
        return Duration.ofMillis(Math.max(1, retryDelayMillis));
    }

    public int maxTags() {
        return maxTags;
    }
}
