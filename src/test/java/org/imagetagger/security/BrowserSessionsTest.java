package org.imagetagger.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BrowserSessionsTest {

    private final Instant now = Instant.parse("2026-11-24T20:00:00Z");

    @Test
    void aCookieIsValidOnlyOnTheServerThatSignedItUntilItExpires() {
        BrowserSessions sessions = new BrowserSessions(Clock.fixed(now, ZoneOffset.UTC));
        String cookie = sessions.issue();
        assertTrue(sessions.valid(cookie));
        assertFalse(new BrowserSessions(Clock.fixed(now, ZoneOffset.UTC)).valid(cookie), "another key (a restarted server)");

        BrowserSessions later = sessionsAt(sessions, now.plus(BrowserSessions.LIFETIME).plusSeconds(1));
        assertFalse(later.valid(cookie), "expired");
        assertTrue(sessionsAt(sessions, now.plus(BrowserSessions.LIFETIME).minusSeconds(1)).valid(cookie));
    }

    @Test
    void aTamperedOrMalformedCookieIsRefused() {
        BrowserSessions sessions = new BrowserSessions(Clock.fixed(now, ZoneOffset.UTC));
        String cookie = sessions.issue();
        String expires = cookie.substring(0, cookie.indexOf('.'));
        String signature = cookie.substring(cookie.indexOf('.') + 1);
        assertFalse(sessions.valid((Long.parseLong(expires) + 86_400) + "." + signature), "a later expiry with the old signature");
        assertFalse(sessions.valid(expires + "." + signature.substring(1) + (signature.charAt(0) == 'A' ? 'B' : 'A')));
        for (String bad : new String[] {null, "", ".", "abc", expires, expires + ".", "x." + signature, "99999999999999999999." + signature}) {
            assertFalse(sessions.valid(bad), String.valueOf(bad));
        }
    }

    @Test
    void theCookieCoversOnlyReadsOfThumbnailsFilesAndJobEvents() {
        assertTrue(BrowserSessions.coversRequest("GET", "/api/images/42/thumbnail"));
        assertTrue(BrowserSessions.coversRequest("GET", "/api/images/42/file"));
        assertTrue(BrowserSessions.coversRequest("GET", "/api/images/42/preview"));
        assertTrue(BrowserSessions.coversRequest("GET", "/api/jobs/events"));
        assertTrue(BrowserSessions.coversRequest("HEAD", "/api/images/42/thumbnail"));
        assertFalse(BrowserSessions.coversRequest("POST", "/api/images/42/thumbnail"));
        assertFalse(BrowserSessions.coversRequest("DELETE", "/api/images/42/file"));
        for (String path : new String[] {"/api/images", "/api/images/42", "/api/folders", "/api/jobs/7", "/api/images/42/tags",
                "/api/images/42/file/../../folders", "/api/images/x/file", "/api/stats"}) {
            assertFalse(BrowserSessions.coversRequest("GET", path), path);
        }
    }

    /** The same key, read at another time. */
    private static BrowserSessions sessionsAt(BrowserSessions signer, Instant at) {
        return signer.at(Clock.fixed(at, ZoneOffset.UTC));
    }
}
