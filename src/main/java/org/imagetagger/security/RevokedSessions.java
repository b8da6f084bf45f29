package org.imagetagger.security;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Browser-session cookies signed out before they expire ({@code DELETE /api/session}): refused from then on, even
 * if someone kept a copy, by every instance on the database. The sign-out is recorded in {@code revoked_sessions}
 * (the cookie's SHA-256, never the cookie, and its expiry) and in this server's memory; a cookie this server has not
 * seen revoked is looked up there. Entries go once the cookie would have expired anyway (its value starts with its
 * expiry time); the memory is capped all the same.
 */
@ApplicationScoped
public class RevokedSessions {

    private static final System.Logger LOG = System.getLogger(RevokedSessions.class.getName());
    static final int MAX_ENTRIES = 100_000;

    @Resource(lookup = "jdbc/tagger")
    DataSource dataSource;

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
        if (dataSource != null) {
            try (Connection connection = dataSource.getConnection()) {
                try (PreparedStatement forget = connection.prepareStatement("DELETE FROM revoked_sessions WHERE expires_at <= ?")) {
                    forget.setLong(1, clock.instant().getEpochSecond());
                    forget.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO revoked_sessions (cookie_digest, expires_at) VALUES (?, ?)")) {
                    insert.setString(1, digest(value));
                    insert.setLong(2, expires);
                    insert.executeUpdate();
                }
            } catch (SQLException e) {
                // Signed out twice: already recorded. Anything else: this instance still refuses it.
                LOG.log(Level.DEBUG, "recording a sign-out: {0}", e.toString());
            }
        }
    }

    public boolean isRevoked(String value) {
        if (value == null) {
            return false;
        }
        if (revoked.containsKey(value)) {
            return true;
        }
        if (dataSource == null) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM revoked_sessions WHERE cookie_digest = ?")) {
            query.setString(1, digest(value));
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            // Fail closed: a cookie whose sign-out cannot be checked is not accepted.
            LOG.log(Level.WARNING, "cannot check signed-out sessions: {0}", e.toString());
            return true;
        }
    }

    private void prune() {
        long now = clock.instant().getEpochSecond();
        revoked.values().removeIf(expires -> expires <= now);
    }

    private static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
