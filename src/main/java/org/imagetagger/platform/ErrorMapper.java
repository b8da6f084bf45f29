package org.imagetagger.platform;

import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.stream.Collectors;

/** Every error of the API as {"error": "...", "status": n}; never a stack trace. */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final System.Logger LOG = System.getLogger(ErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        if (exception instanceof ApiException api) {
            return body(api.status().getStatusCode(), api.getMessage(), api.details());
        }
        if (exception instanceof ConstraintViolationException invalid) {
            return invalid(invalid);
        }
        if (isUnreadableBody(exception)) {
            return body(400, "the request body is not valid JSON of the expected shape", Map.of());
        }
        if (exception instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            // JAX-RS answers 404 when a path or query parameter does not convert (size=abc); that is a bad
            // value, not a missing resource. An unmatched path has no cause.
            if (status == 404 && web.getCause() != null) {
                return body(400, "a path or query parameter has a value of the wrong type", Map.of());
            }
            if (status >= 500) {
                LOG.log(Level.WARNING, "request failed", exception);
            }
            return body(status, clientMessage(web, status), Map.of());
        }
        LOG.log(Level.ERROR, "unexpected error", exception);
        // The log has the details; the client learns nothing about the code.
        return body(500, "internal error; the server log has the details", Map.of());
    }

    private static boolean isUnreadableBody(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonbException || cause instanceof JsonException) {
                return true;
            }
        }
        return false;
    }

    static Response invalid(ConstraintViolationException invalid) {
        String message = invalid.getConstraintViolations().stream()
                .map(ErrorMapper::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return body(400, message, Map.of());
    }

    private static String clientMessage(WebApplicationException web, int status) {
        if (status == 400 && web.getCause() != null) {
            return "the request body is not valid JSON of the expected shape";
        }
        Response.StatusType type = web.getResponse().getStatusInfo();
        return type.getReasonPhrase() == null ? "HTTP " + status : type.getReasonPhrase();
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
        return field + " " + violation.getMessage();
    }

    static Response body(int status, String message, Map<String, Object> details) {
        JsonObjectBuilder json = Jsons.createObjectBuilder().add("error", message).add("status", status);
        details.forEach((key, value) -> {
            if (value instanceof Number number) {
                json.add(key, number.longValue());
            } else {
                json.add(key, String.valueOf(value));
            }
        });
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(json.build()).build();
    }
}
