package org.imagetagger.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.imagetagger.security.ApiTokens.Access;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

    private final ApiTokens tokens = new ApiTokens(Optional.of("full-secret"), Optional.of("read-secret"));

    @Test
    void withoutAConfiguredTokenEveryCallerHasFullAccess() {
        ApiTokens open = new ApiTokens(Optional.empty(), Optional.of("read-secret"));
        assertFalse(open.required());
        assertEquals(Access.FULL, open.check(null));
        assertEquals(Access.FULL, new ApiTokens(Optional.of("  "), Optional.empty()).check("Bearer x"));
    }

    @Test
    void theFullTokenGrantsBothRolesAndTheReadTokenOnlyReading() {
        assertTrue(tokens.required());
        assertEquals(Access.FULL, tokens.check("Bearer full-secret"));
        assertEquals(Access.FULL, tokens.check("bearer  full-secret "));
        assertEquals(Set.of("reader", "writer"), tokens.check("Bearer full-secret").roles());
        assertEquals(Access.READ_ONLY, tokens.check("Bearer read-secret"));
        assertEquals(Set.of("reader"), tokens.check("Bearer read-secret").roles());
    }

    @Test
    void aMissingOrMalformedHeaderIsMissingAndAnyOtherTokenInvalid() {
        assertEquals(Access.MISSING, tokens.check(null));
        assertEquals(Access.MISSING, tokens.check(""));
        assertEquals(Access.MISSING, tokens.check("Bearer "));
        assertEquals(Access.MISSING, tokens.check("Basic ZnVsbC1zZWNyZXQ="));
        assertEquals(Access.MISSING, tokens.check("full-secret"));
        assertEquals(Access.INVALID, tokens.check("Bearer full-secre"));
        assertEquals(Access.INVALID, tokens.check("Bearer full-secret2"));
        assertEquals(Access.INVALID, tokens.check("Bearer FULL-SECRET"));
        assertEquals(Set.of(), tokens.check("Bearer nope").roles());
    }

    @Test
    void withoutAReadTokenNothingIsReadOnly() {
        ApiTokens fullOnly = new ApiTokens(Optional.of("full-secret"), Optional.empty());
        assertEquals(Access.INVALID, fullOnly.check("Bearer read-secret"));
        assertEquals(Access.FULL, fullOnly.check("Bearer full-secret"));
    }
}
