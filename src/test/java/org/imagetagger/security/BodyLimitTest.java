package org.imagetagger.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.imagetagger.platform.ApiException;
import org.junit.jupiter.api.Test;

class BodyLimitTest {

    @Test
    void aBodyUpToTheCapIsKeptWhole() throws IOException {
        byte[] body = new byte[BodyLimit.MAX_BYTES];
        body[body.length - 1] = 7;
        assertArrayEquals(body, BodyLimit.capped(new ByteArrayInputStream(body)));
    }

    @Test
    void oneByteMoreIsRefusedWith413() {
        ApiException refused = assertThrows(ApiException.class,
                () -> BodyLimit.capped(new ByteArrayInputStream(new byte[BodyLimit.MAX_BYTES + 1])));
        assertEquals(413, refused.status().getStatusCode());
    }
}
