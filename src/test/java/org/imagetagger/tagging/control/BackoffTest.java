package org.imagetagger.tagging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void firstAttemptStartsAtOnceThenPausesGrowUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        assertEquals(Duration.ZERO, backoff.next());
        long[][] bounds = {{50, 100}, {100, 200}, {200, 400}, {400, 800}, {500, 1000}, {500, 1000}};
        for (long[] bound : bounds) {
            long pause = backoff.next().toMillis();
            assertTrue(pause >= bound[0] && pause <= bound[1], pause + " within " + bound[0] + ".." + bound[1]);
        }
    }
}
