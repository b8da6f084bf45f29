package org.imagetagger.tagging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VisionWaitsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T06:00:00Z");

    @Test
    void aRetrySaysTheLastFailureInWordsWhichRetryItIsAndWhen() {
        VisionWaits waits = new VisionWaits();
        waits.failed("vision server http://gpu:11434 unreachable: Connection refused");
        waits.retrying(3, 6, Duration.ofMillis(7_400), NOW);
        VisionWaits.Wait wait = waits.current(NOW).orElseThrow();
        assertEquals("vision server http://gpu:11434 unreachable: Connection refused", wait.reason());
        assertEquals(3, wait.retry());
        assertEquals(6, wait.retries());
        assertEquals(8, wait.secondsLeft(NOW), "rounded up");
        assertEquals(0, wait.secondsLeft(NOW.plusSeconds(30)));
    }

    @Test
    void anAnswerEndsTheWaitAndAnOldWaitIsForgotten() {
        VisionWaits waits = new VisionWaits();
        waits.retrying(1, 6, Duration.ofSeconds(1), NOW);
        assertEquals("the vision server did not answer in time", waits.current(NOW).orElseThrow().reason());
        assertTrue(waits.current(NOW.plus(Duration.ofMinutes(1))).isEmpty(), "nothing has waited for minutes");
        waits.answered();
        assertTrue(waits.current(NOW).isEmpty());
    }

    @Test
    void timeoutsAndOpenBreakersAreNamedInWordsNotClassNames() {
        String timeout = VisionService.inWords(new org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException());
        assertEquals("no answer within the timeout (tagger.vision.timeout-seconds)", timeout);
        assertTrue(!VisionService.inWords(new org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException())
                .contains("Exception"));
    }
}
