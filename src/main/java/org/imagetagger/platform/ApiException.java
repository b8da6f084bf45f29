package org.imagetagger.platform;

import jakarta.ws.rs.core.Response;
import java.util.Map;

/** A request the API refuses, with the status and the human-readable reason the client gets. */
public class ApiException extends RuntimeException {

    private final Response.Status status;
    private final Map<String, Object> details;

    public ApiException(Response.Status status, String message) {
        this(status, message, Map.of());
    }

    public ApiException(Response.Status status, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.details = details;
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(Response.Status.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static ApiException badRequest(String message) {
        return new ApiException(Response.Status.BAD_REQUEST, message);
    }

    public Response.Status status() {
        return status;
    }

    public Map<String, Object> details() {
        return details;
    }
}
