package org.imagetagger.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RevokedSessionsTest {

    /** A clock the test moves. */
    private static final class Moving extends Clock {
        Instant now;

        Moving(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aRevokedCookieStaysRefusedUntilItWouldHaveExpiredAnyway() {
        Moving clock = new Moving(Instant.parse("2026-12-01T00:00:00Z"));
        BrowserSessions sessions = new BrowserSessions(clock);
        RevokedSessions revoked = new RevokedSessions(clock);
        String signedOut = sessions.issue();
        String stillOpen = sessions.at(Clock.offset(clock, Duration.ofSeconds(1))).issue();
        revoked.revoke(signedOut);
        assertTrue(revoked.isRevoked(signedOut));
        assertFalse(revoked.isRevoked(stillOpen));
        assertFalse(revoked.isRevoked(null));

        clock.now = clock.now.plus(BrowserSessions.LIFETIME).plusSeconds(1);
        String next = sessions.issue();
        revoked.revoke(next);
        assertFalse(revoked.isRevoked(signedOut), "an expired entry is pruned: the signature check refuses it anyway");
        assertTrue(revoked.isRevoked(next));
    }
}
