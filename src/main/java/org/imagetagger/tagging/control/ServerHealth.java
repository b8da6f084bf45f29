package org.imagetagger.tagging.control;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The circuit breaker of one vision server. MicroProfile Fault Tolerance keeps one breaker per method, so
 * it cannot take a single server of several out of rotation; this one can. After {@code threshold}
 * failures in a row the server gets no requests for {@code pause}; then one trial request decides whether
 * it comes back.
 */
public class ServerHealth {

    private final int threshold;
    private final long pauseNanos;
    private final LongSupplier clock;
    private int failuresInARow;
    private long closedUntil;
    private boolean trialInFlight;

    public ServerHealth(int threshold, Duration pause, LongSupplier nanoClock) {
        this.threshold = threshold;
        this.pauseNanos = pause.toNanos();
        this.clock = nanoClock;
    }

    /** Whether a request may go to this server now; a paused server lets exactly one trial through. */
    public synchronized boolean admits() {
        if (failuresInARow < threshold) {
            return true;
        }
        if (trialInFlight || clock.getAsLong() < closedUntil) {
            return false;
        }
        trialInFlight = true;
        return true;
    }

    public synchronized void succeeded() {
        failuresInARow = 0;
        trialInFlight = false;
    }

    public synchronized void failed() {
        failuresInARow++;
        trialInFlight = false;
        if (failuresInARow >= threshold) {
            closedUntil = clock.getAsLong() + pauseNanos;
        }
    }

    /** Failures in a row so far; the pool prefers servers with fewer. */
    public synchronized int failuresInARow() {
        return failuresInARow;
    }

    public synchronized boolean inRotation() {
        return failuresInARow < threshold;
    }
}
