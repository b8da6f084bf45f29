package org.imagetagger.scan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.imagetagger.scan.entity.ClaimedFile;
import org.imagetagger.scan.entity.FileFacts;
import org.imagetagger.scan.entity.ImageOutcome;
import org.imagetagger.tagging.entity.VisionUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnalysisReadAheadTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void handsOnInReadOrderWhileUpToTheWindowRunsAtOnce() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch windowFull = new CountDownLatch(3);
        AnalysisReadAhead readAhead = new AnalysisReadAhead(executor, item -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            windowFull.countDown();
            await(windowFull);
            running.decrementAndGet();
            return outcome(item);
        }, 3);
        Iterator<ClaimedFile> items = items(10);

        List<Path> handedOn = new ArrayList<>();
        PendingAnalysis next;
        while ((next = readAhead.next(items)) != null) {
            handedOn.add(next.await().claim().path());
        }

        assertEquals(IntStream.range(0, 10).mapToObj(i -> Path.of("f" + i)).toList(), handedOn);
        assertEquals(3, mostAtOnce.get(), "three analyses ran at once, never more");
    }

    @Test
    void theAnalysisExceptionReachesTheProcessorAsIs() {
        AnalysisReadAhead readAhead = new AnalysisReadAhead(executor, item -> {
            throw new VisionUnavailableException("server down");
        }, 2);
        VisionUnavailableException e = assertThrows(VisionUnavailableException.class, () -> readAhead.next(items(3)).await());
        assertEquals("server down", e.getMessage());
    }

    @Test
    void cancelStopsWhatWasStartedAhead() throws Exception {
        CountDownLatch allStarted = new CountDownLatch(4);
        CountDownLatch interrupted = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        AnalysisReadAhead readAhead = new AnalysisReadAhead(executor, item -> {
            allStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return outcome(item);
        }, 4);
        PendingAnalysis handedOn = readAhead.next(items(10));
        assertTrue(allStarted.await(5, TimeUnit.SECONDS));
        readAhead.cancel();
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the three analyses not handed on were interrupted");
        release.countDown();
        assertEquals(Path.of("f0"), handedOn.await().claim().path(), "the one handed on still finishes");
        assertNull(readAhead.next(List.<ClaimedFile>of().iterator()));
    }

    private static Iterator<ClaimedFile> items(int count) {
        return IntStream.range(0, count).mapToObj(i -> new ClaimedFile(1, i, 1, Path.of("."), Path.of("f" + i), false)).iterator();
    }

    private static ImageOutcome outcome(ClaimedFile file) {
        return new ImageOutcome.Failed(new FileFacts(1, file.path(), 0, null, null), "test");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
