package org.imagetagger.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.imagetagger.platform.ApiException;

/**
 * Refuses with 400 what no parameter or JSON body of the API may hold, before anything parses it: a NUL character
 * (PostgreSQL cannot store one; it used to end in a 500 with a long stack trace in the log) or bytes that are not
 * UTF-8, in the path, the query or the body. Runs after {@link BodyLimit}, so a body read here is small.
 */
@Provider
@PreMatching
@Priority(Priorities.USER + 1)
public class InvalidInputFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        var uri = request.getUriInfo().getRequestUri();
        if (!isCleanEscapedText(uri.getRawPath()) || !isCleanEscapedText(uri.getRawQuery())) {
            throw ApiException.badRequest("the address holds a NUL character or bytes that are not UTF-8");
        }
        if (request.hasEntity()) {
            byte[] body = BodyLimit.capped(request.getEntityStream());
            if (!isCleanJsonText(body)) {
                throw ApiException.badRequest("the request body holds a NUL character or bytes that are not UTF-8");
            }
            request.setEntityStream(new ByteArrayInputStream(body));
        }
    }

    /** A percent-encoded URI part whose decoded bytes are UTF-8 without NUL; null (no query) is clean. */
    static boolean isCleanEscapedText(String raw) {
        if (raw == null) {
            return true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high >= 0 && low >= 0) {
                    bytes.write(high * 16 + low);
                    i += 2;
                    continue;
                }
            }
            if (c > 0x7f) {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            } else {
                bytes.write(c);
            }
        }
        return isUtf8WithoutNul(bytes.toByteArray());
    }

    /** UTF-8 without NUL, and no JSON escape that means NUL ({@code \u0000}). */
    static boolean isCleanJsonText(byte[] body) {
        if (!isUtf8WithoutNul(body)) {
            return false;
        }
        for (int i = 0; i + 5 < body.length; i++) {
            if (body[i] == '\\' && (body[i + 1] == 'u' || body[i + 1] == 'U') && body[i + 2] == '0' && body[i + 3] == '0'
                    && body[i + 4] == '0' && body[i + 5] == '0' && escapes(body, i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the backslash at {@code at} starts an escape: an even number of backslashes precedes it. */
    private static boolean escapes(byte[] body, int at) {
        int backslashes = 0;
        for (int i = at - 1; i >= 0 && body[i] == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 0;
    }

    private static boolean isUtf8WithoutNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
