-- Portable SQL: runs on PostgreSQL and on the embedded H2 database.
-- Browser sessions signed out before they expire, for every instance (security/RevokedSessions): the SHA-256 of
-- the cookie, never the cookie, and when it would have expired (epoch seconds).
CREATE TABLE revoked_sessions (
    cookie_digest  VARCHAR(64) PRIMARY KEY,
    expires_at     BIGINT NOT NULL
);
