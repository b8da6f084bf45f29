package org.imagetagger.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SharedLimitTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final SharedLimit limit = new SharedLimit("vision", 4, wakeUps::incrementAndGet, nanos::get);

    @Test
    void usesOnlyTheSlotsItHoldsAndAsksForSlotsWhenItHoldsNone() {
        assertFalse(limit.tryAcquire());
        assertEquals(1, wakeUps.get(), "a miss with no slot at all wakes the rebalancing at once");
        limit.holds(2);
        assertTrue(limit.tryAcquire());
        assertTrue(limit.tryAcquire());
        assertFalse(limit.tryAcquire());
        assertEquals(2, limit.inUse());
    }

    @Test
    void aWaitingRequestGoesOnWhenSlotsArrive() throws Exception {
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                limit.acquire();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertFalse(waiting.isDone());
        limit.holds(1);
        waiting.get(5, TimeUnit.SECONDS);
        assertEquals(1, limit.inUse());
    }

    @Test
    void givesBackOnlySlotsNotInUse() {
        limit.holds(4);
        limit.tryAcquire();
        limit.tryAcquire();
        limit.tryAcquire();
        assertEquals(1, limit.shrinkTo(1), "three in use: only the free one goes back now");
        assertEquals(3, limit.held());
        limit.release();
        limit.release();
        assertEquals(2, limit.shrinkTo(1), "the rest once their requests ended");
        assertEquals(1, limit.held());
    }

    @Test
    void isWantedWhileUsedAndForAFewSecondsAfter() {
        assertFalse(limit.wanted());
        limit.holds(1);
        limit.tryAcquire();
        assertTrue(limit.wanted());
        limit.release();
        nanos.addAndGet(SharedLimit.IDLE_NANOS - 1);
        assertTrue(limit.wanted());
        nanos.addAndGet(2);
        assertFalse(limit.wanted());
    }

    @Test
    void fairSharesAddUpToTheTotalAndDifferByOneAtMost() {
        List<String> members = List.of("a#1", "b#2", "c#3");
        assertEquals(List.of(3, 3, 2), members.stream().map(m -> FairShare.of(8, members, m)).toList());
        assertEquals(List.of(1, 1, 0), members.stream().map(m -> FairShare.of(2, members, m)).toList());
        assertEquals(0, FairShare.of(8, members, "d#4"), "a member that wants nothing gets nothing");
        assertEquals(8, FairShare.of(8, List.of("a#1"), "a#1"), "alone it holds them all");
    }
}
