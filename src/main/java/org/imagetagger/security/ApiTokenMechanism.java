package org.imagetagger.security;

import org.imagetagger.platform.Jsons;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.imagetagger.platform.DatabaseAvailability;
import org.imagetagger.platform.SecurityHeaders;

/**
 * Bearer-token authentication for everything web.xml protects (/api/*). Without a configured token every
 * caller gets both roles, so the API stays open as before. A read-only token is refused on writes here, so
 * the client gets the JSON error body rather than the container's error page. Without an Authorization
 * header, the browser-session cookie of {@link BrowserSessions} may read thumbnails, files and job events.
 */
@ApplicationScoped
public class ApiTokenMechanism implements HttpAuthenticationMechanism {

    private static final System.Logger LOG = System.getLogger(ApiTokenMechanism.class.getName());
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String SESSION_PATH = "/api/session";

    /** The token every /api call must present as {@code Authorization: Bearer <token>}; empty: no authentication. */
    @Inject
    @ConfigProperty(name = "tagger.auth.token")
    Optional<String> token;

    /** A second token that may only read (GET); empty: none. */
    @Inject
    @ConfigProperty(name = "tagger.auth.read-token")
    Optional<String> readToken;

    @Inject
    BrowserSessions sessions;

    @Inject
    DatabaseAvailability database;

    @Inject
    RevokedSessions revoked;

    private ApiTokens tokens;

    @PostConstruct
    void init() {
        tokens = new ApiTokens(token, readToken);
        LOG.log(Level.INFO, tokens.required() ? "the API requires a bearer token" : "the API is open: tagger.auth.token is not set");
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (!context.isProtected()) {
            return context.doNothing();
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // Sessions are checked against the database: without it, say what is missing rather than "unauthorised".
        if (!database.ready()) {
            return refuse(response, 503, database.problem());
        }
        ApiTokens.Access access = tokens.check(request.getHeader("Authorization"));
        return switch (access) {
            case FULL -> context.notifyContainerAboutLogin("api", access.roles());
            // Logging in (and out) of the UI is no change to the catalog: the read-only token may do it.
            case READ_ONLY -> READ_METHODS.contains(request.getMethod()) || SESSION_PATH.equals(path)
                    ? context.notifyContainerAboutLogin("api-read", access.roles())
                    : refuse(response, 403, "the read-only token cannot change anything");
            case MISSING -> hasSession(request, path)
                    ? context.notifyContainerAboutLogin("browser", ApiTokens.Access.READ_ONLY.roles())
                    : refuse(response, 401, "this API needs an Authorization: Bearer <token> header");
            case INVALID -> refuse(response, 401, "the bearer token is not valid");
        };
    }

    /** A thumbnail, file or event-stream read with the cookie that {@code POST /api/session} handed out. */
    private boolean hasSession(HttpServletRequest request, String path) {
        if (!BrowserSessions.coversRequest(request.getMethod(), path) || request.getCookies() == null) {
            return false;
        }
        for (Cookie cookie : request.getCookies()) {
            if (BrowserSessions.COOKIE.equals(cookie.getName()) && sessions.valid(cookie.getValue())
                    && !revoked.isRevoked(cookie.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, int status, String message) {
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"image-tagger\"");
        }
        response.setStatus(status);
        // Answered before any servlet filter runs: the hardening headers are set here.
        SecurityHeaders.apply(response);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String body = Jsons.createObjectBuilder().add("error", message).add("status", status).build().toString();
        try {
            response.getWriter().write(body);
            // Committed, so the container cannot swap our JSON for its HTML error page.
            response.flushBuffer();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "client went away before the {0} answer: {1}", status, e.toString());
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
