package org.imagetagger.tagging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProcessingGateTest {

    private static final ZoneId ZONE = ZoneOffset.ofHours(1);

    /** A clock the test moves. */
    private static final class SetClock extends Clock {
        private volatile Instant now;

        SetClock(LocalDateTime local) {
            set(local);
        }

        void set(LocalDateTime local) {
            now = local.atZone(ZONE).toInstant();
        }

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final SetClock clock = new SetClock(LocalDateTime.of(2026, 12, 1, 12, 0));
    private final AtomicReference<String> window = new AtomicReference<>("");
    private final AtomicBoolean paused = new AtomicBoolean();
    private final ProcessingGate gate = new ProcessingGate(clock, window::get, paused::get, Duration.ofMillis(10));

    @Test
    void withoutWindowOrPauseItIsAlwaysOpen() throws Exception {
        assertTrue(gate.state().open());
        gate.awaitOpen();
        assertNull(gate.state().opensAt());
    }

    @Test
    void outsideTheNightWindowItSaysWhenItOpensAcrossMidnight() {
        window.set("22:00-06:00");
        ProcessingGate.State noon = gate.state();
        assertFalse(noon.open());
        assertEquals(LocalDateTime.of(2026, 12, 1, 22, 0), noon.opensAt());
        clock.set(LocalDateTime.of(2026, 12, 2, 1, 30));
        ProcessingGate.State night = gate.state();
        assertTrue(night.open());
        assertEquals(LocalDateTime.of(2026, 12, 2, 6, 0), night.closesAt());
    }

    @Test
    void aWaitingRequestGoesOnWhenTheClockReachesTheWindow() throws Exception {
        window.set("22:00-06:00");
        CompletableFuture<Void> request = CompletableFuture.runAsync(this::awaitOpen);
        waitUntilWaiting(1);
        assertFalse(request.isDone());
        clock.set(LocalDateTime.of(2026, 12, 1, 23, 59));
        request.get(5, TimeUnit.SECONDS);
        assertEquals(0, gate.state().waiting());
    }

    @Test
    void aWaitingRequestGoesOnWhenTheWindowIsChanged() throws Exception {
        window.set("01:00-02:00");
        CompletableFuture<Void> request = CompletableFuture.runAsync(this::awaitOpen);
        waitUntilWaiting(1);
        window.set("11:00-13:00");
        request.get(5, TimeUnit.SECONDS);
    }

    @Test
    void pauseHoldsRequestsInsideTheWindowUntilResumed() throws Exception {
        window.set("11:00-13:00");
        paused.set(true);
        assertFalse(gate.state().open());
        assertNull(gate.state().opensAt(), "a pause has no end time");
        CompletableFuture<Void> request = CompletableFuture.runAsync(this::awaitOpen);
        waitUntilWaiting(1);
        paused.set(false);
        gate.changed();
        request.get(5, TimeUnit.SECONDS);
    }

    @Test
    void anInvalidConfiguredWindowKeepsItClosedAndSaysWhy() {
        window.set("nights");
        ProcessingGate.State state = gate.state();
        assertFalse(state.open());
        assertTrue(state.problem().contains("tagger.schedule.window"), state.problem());
    }

    @Test
    void anInterruptedWaitEnds() throws Exception {
        window.set("01:00-02:00");
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                gate.awaitOpen();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        waiter.start();
        waitUntilWaiting(1);
        waiter.interrupt();
        waiter.join(5000);
        assertTrue(interrupted.get());
    }

    private void awaitOpen() {
        try {
            gate.awaitOpen();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void waitUntilWaiting(int n) throws InterruptedException {
        for (int i = 0; i < 500 && gate.state().waiting() < n; i++) {
            Thread.sleep(10);
        }
        assertEquals(n, gate.state().waiting());
    }
}
