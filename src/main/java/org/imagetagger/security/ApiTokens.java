package org.imagetagger.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;

/** Decides what an {@code Authorization} header grants, given the configured full and read-only tokens. */
public final class ApiTokens {

    public static final String READER = "reader";
    public static final String WRITER = "writer";

    /** What a request may do; {@link #roles()} are the roles web.xml's constraints ask for. */
    public enum Access {
        FULL(Set.of(READER, WRITER)), READ_ONLY(Set.of(READER)), MISSING(Set.of()), INVALID(Set.of());

        private final Set<String> roles;

        Access(Set<String> roles) {
            this.roles = roles;
        }

        public Set<String> roles() {
            return roles;
        }
    }

    private static final String BEARER = "bearer ";

    private final byte[] full;
    private final byte[] readOnly;

    /** Blank tokens count as not configured. */
    public ApiTokens(Optional<String> fullToken, Optional<String> readToken) {
        this.full = fullToken.map(String::strip).filter(t -> !t.isEmpty()).map(ApiTokens::digest).orElse(null);
        this.readOnly = readToken.map(String::strip).filter(t -> !t.isEmpty()).map(ApiTokens::digest).orElse(null);
    }

    public boolean required() {
        return full != null;
    }

    public Access check(String authorization) {
        if (!required()) {
            return Access.FULL;
        }
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Access.MISSING;
        }
        byte[] presented = digest(authorization.substring(BEARER.length()).strip());
        // Both comparisons always run, on equal-length digests, so timing says nothing about either token.
        boolean isFull = MessageDigest.isEqual(presented, full);
        boolean isReadOnly = readOnly != null && MessageDigest.isEqual(presented, readOnly);
        if (isFull) {
            return Access.FULL;
        }
        return isReadOnly ? Access.READ_ONLY : Access.INVALID;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
