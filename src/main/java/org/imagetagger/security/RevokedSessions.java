package org.imagetagger.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser-session cookies signed out before they expire ({@code DELETE /api/session}): refused from then on, even
 * if someone kept a copy. Kept in this server's memory until the cookie would have expired anyway (its value starts
 * with its expiry time, and only cookies this server signed are recorded, so the list stays as small as the number
 * of sign-outs within one cookie lifetime; capped all the same).
 */
@ApplicationScoped
public class RevokedSessions {

    static final int MAX_ENTRIES = 100_000;

    private final Map<String, Long> revoked = new ConcurrentHashMap<>();
    private final Clock clock;

    public RevokedSessions() {
        this(Clock.systemUTC());
    }

    RevokedSessions(Clock clock) {
        this.clock = clock;
    }

    /** @param value a cookie value {@link BrowserSessions#valid} accepted */
    public void revoke(String value) {
        long expires = Long.parseLong(value.substring(0, value.indexOf('.')));
        prune();
        if (revoked.size() < MAX_ENTRIES) {
            revoked.put(value, expires);
        }
    }

    public boolean isRevoked(String value) {
        return value != null && revoked.containsKey(value);
    }

    private void prune() {
        long now = clock.instant().getEpochSecond();
        revoked.values().removeIf(expires -> expires <= now);
    }
}
