package org.imagetagger.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.imagetagger.platform.ApiException;

/**
 * Caps request bodies: every body the API accepts is a small JSON document. A declared length over the cap
 * is refused before reading; a body without one (chunked) is read up to the cap and refused past it.
 */
@Provider
@PreMatching
public class BodyLimit implements ContainerRequestFilter {

    static final int MAX_BYTES = 64 * 1024;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        long length = declaredLength(request.getHeaderString("Content-Length"));
        if (length > MAX_BYTES) {
            throw tooLarge();
        }
        if (length < 0 && request.hasEntity()) {
            request.setEntityStream(new ByteArrayInputStream(capped(request.getEntityStream())));
        }
    }

    /**
     * The declared length, read as a long: 10^12 is too large (413), not an error of the server; -1 without one;
     * a value that is no number answers 400.
     */
    static long declaredLength(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String digits = header.strip();
        if (!digits.matches("\\d{1,30}")) {
            throw ApiException.badRequest("Content-Length is not a number");
        }
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    static byte[] capped(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    private static ApiException tooLarge() {
        return new ApiException(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "the request body is larger than " + MAX_BYTES / 1024 + " KB");
    }
}
