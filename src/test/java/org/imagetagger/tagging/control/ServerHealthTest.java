package org.imagetagger.tagging.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServerHealthTest {

    private final AtomicLong now = new AtomicLong();
    private final ServerHealth health = new ServerHealth(3, Duration.ofSeconds(10), now::get);

    @Test
    void staysInRotationUntilTheThirdFailureInARow() {
        health.failed();
        health.failed();
        health.succeeded();
        health.failed();
        health.failed();
        assertTrue(health.admits());
        health.failed();
        assertFalse(health.inRotation());
        assertFalse(health.admits());
    }

    @Test
    void afterThePauseOneTrialDecidesWhetherTheServerComesBack() {
        failThreeTimes();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertTrue(health.admits(), "the trial request");
        assertFalse(health.admits(), "only one trial at a time");
        health.succeeded();
        assertTrue(health.inRotation());
        assertTrue(health.admits());
    }

    @Test
    void aFailedTrialPausesTheServerAgain() {
        failThreeTimes();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertTrue(health.admits());
        health.failed();
        assertFalse(health.admits());
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertFalse(health.admits(), "paused for the full time again");
    }

    private void failThreeTimes() {
        health.failed();
        health.failed();
        health.failed();
    }
}
