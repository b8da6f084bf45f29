package org.imagetagger.tagging.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the model requests of this instance wait for, in words, while the vision server fails: "vision server
 * http://gpu:11434 unreachable: Connection refused", retry 3 of 6 in 8 s. Cleared by the next answer.
 */
@ApplicationScoped
public class VisionWaits {

    /** A wait older than this (no request since) is not shown: nothing waits any more. */
    private static final Duration FORGET_AFTER = Duration.ofSeconds(30);

    /**
     * @param reason the last failure, in words
     * @param retry which retry comes next (1-based), of {@code retries}
     * @param retryAt when it is sent
     */
    public record Wait(String reason, int retry, int retries, Instant retryAt) {

        public long secondsLeft(Instant now) {
            return Math.max(0, (Duration.between(now, retryAt).toMillis() + 999) / 1000);
        }
    }

    private volatile String lastFailure;
    private volatile Wait current;

    void failed(String reason) {
        lastFailure = reason;
    }

    void retrying(int retry, int retries, Duration pause, Instant now) {
        String reason = lastFailure != null ? lastFailure : "the vision server did not answer in time";
        current = new Wait(reason, retry, retries, now.plus(pause));
    }

    void answered() {
        current = null;
        lastFailure = null;
    }

    public Optional<Wait> current(Instant now) {
        Wait wait = current;
        if (wait == null || wait.retryAt().plus(FORGET_AFTER).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }
}
