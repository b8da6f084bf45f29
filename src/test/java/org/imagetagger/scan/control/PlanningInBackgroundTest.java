package org.imagetagger.scan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlanningInBackgroundTest {

    private final PlanningInBackground planning = new PlanningInBackground();

    @BeforeEach
    void executor() {
        planning.executor = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() {
        planning.executor.shutdownNow();
    }

    @Test
    void returnsAfterTheFirstPageAndTheTaggingWaitsUntilTheRestIsQueued() throws Exception {
        CountDownLatch rest = new CountDownLatch(1);
        Optional<String> status = planning.start(1, pages -> {
            pages.queued();
            await(rest);
            pages.queued();
            return "QUEUED 220";
        });
        assertEquals(Optional.empty(), status, "still planning after its first page");
        assertTrue(planning.waitForMore(1));
        assertTrue(planning.waitForMore(1));
        rest.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (planning.waitForMore(1)) {
            assertTrue(System.nanoTime() < deadline, "the planning ended");
        }
        assertFalse(planning.waitForMore(1), "nothing runs once it ended");
    }

    @Test
    void aPlanningThatEndsBeforeItsFirstPageGivesItsStatusOrItsException() {
        assertEquals(Optional.of("QUEUED 0"), planning.start(2, pages -> "QUEUED 0"));
        assertFalse(planning.waitForMore(2));
        ScanPlanner.UnscannableFolderException refused = new ScanPlanner.UnscannableFolderException("folder /x is a link");
        assertEquals(refused, assertThrows(ScanPlanner.UnscannableFolderException.class, () -> planning.start(3, pages -> {
            throw refused;
        })));
    }

    @Test
    void aFailureAfterTheFirstPageReachesTheTagging() throws Exception {
        CountDownLatch fail = new CountDownLatch(1);
        planning.start(4, pages -> {
            pages.queued();
            await(fail);
            throw new IllegalStateException("cannot queue the files of scan 4: connection lost");
        });
        fail.countDown();
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (planning.waitForMore(4) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        });
        assertEquals("cannot queue the files of scan 4: connection lost", failure.getMessage());
    }

    @Test
    void endingTheExecutionCancelsThePlanningAndWaitsForIt() {
        AtomicBoolean stoppedAtItsNextFile = new AtomicBoolean();
        planning.start(5, pages -> {
            pages.queued();
            while (!pages.cancelled()) {
                Thread.onSpinWait();
            }
            stoppedAtItsNextFile.set(true);
            throw new CancellationException("cancelled");
        });
        planning.end(5);
        assertTrue(stoppedAtItsNextFile.get(), "end() returned only after the planning stopped");
        assertFalse(planning.waitForMore(5));
        planning.end(5);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
