package org.imagetagger.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The error page of everything the container answers itself (unknown paths, refused URLs, unexpected
 * failures outside JAX-RS): the API's JSON error body instead of an HTML page naming the server.
 */
@WebServlet("/error-page")
public class ErrorPage extends HttpServlet {

    private static final Map<Integer, String> REASONS = Map.of(400, "Bad Request", 401, "Unauthorized",
            403, "Forbidden", 404, "Not Found", 405, "Method Not Allowed", 413, "Payload Too Large",
            415, "Unsupported Media Type", 500, "Internal Server Error", 503, "Service Unavailable");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        response.setStatus(status);
        SecurityHeaders.apply(response);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String reason = REASONS.getOrDefault(status, "HTTP " + status);
        response.getWriter().write(Jsons.createObjectBuilder().add("error", reason).add("status", status).build().toString());
    }
}
