package org.imagetagger.tagging.control;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential pause with full jitter between the attempts of one call. MicroProfile Fault Tolerance's
 * {@code @Retry} only knows a constant delay, so each attempt waits here before it starts.
 */
public class Backoff {

    private final Duration first;
    private final Duration cap;
    private int attempts;

    public Backoff(Duration first, Duration cap) {
        this.first = first;
        this.cap = cap;
    }

    /** Nothing before the first attempt; then up to first, 2×first, 4×first... never more than cap. */
    public Duration next() {
        int retry = attempts++;
        if (retry == 0) {
            return Duration.ZERO;
        }
        long ceiling = Math.min(cap.toMillis(), first.toMillis() << Math.min(retry - 1, 20));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    public void pause() {
        sleep(next());
    }

    /** How many retries {@link #next} has paused for so far (the first attempt is no retry). */
    public int retries() {
        return Math.max(0, attempts - 1);
    }

    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
