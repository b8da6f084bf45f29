package org.imagetagger.tagging.entity;

/**
 * What produced an answer: the model, the fingerprint of model, prompt and profile (equal fingerprints: the
 * same question), and the server's own timing where it reports one (Ollama's {@code total_duration} in
 * milliseconds, its {@code eval_count}; OpenAI's {@code usage.completion_tokens}), else null.
 */
public record TaggedWith(String model, String fingerprint, Long serverMillis, Integer evalCount) {
}
