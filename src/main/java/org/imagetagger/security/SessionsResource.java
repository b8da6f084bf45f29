package org.imagetagger.security;

import org.imagetagger.platform.Jsons;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The UI's login: a request that passed {@link ApiTokenMechanism} with its bearer token (full or read-only)
 * gets the browser-session cookie for thumbnails, files and the event stream.
 */
@Path("/session")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class SessionsResource {

    @Inject
    BrowserSessions sessions;

    @Inject
    RevokedSessions revoked;

    @Context
    UriInfo uri;

    @Context
    SecurityContext security;

    @POST
    @Operation(summary = "Exchange the bearer token for an HttpOnly cookie that lets <img> and EventSource read thumbnails, files and job events")
    public Response open() {
        String value = sessions.issue();
        long expires = Long.parseLong(value.substring(0, value.indexOf('.')));
        JsonObject body = Jsons.createObjectBuilder().add("expiresAt", Instant.ofEpochSecond(expires).toString())
                .add("access", access()).add("canWrite", canWrite()).build();
        return Response.ok(body).header("Set-Cookie", cookie(value, -1)).build();
    }

    @GET
    @Operation(summary = "What the caller's token may do: access full or read-only, so the UI shows only the buttons that work")
    public JsonObject current() {
        return Jsons.createObjectBuilder().add("access", access()).add("canWrite", canWrite()).build();
    }

    private boolean canWrite() {
        return security.isUserInRole(ApiTokens.WRITER);
    }

    private String access() {
        return canWrite() ? "full" : "read-only";
    }

    @DELETE
    @Operation(summary = "Sign out: the browser-session cookie sent with this request is revoked on the server and cleared")
    public Response close(@CookieParam(BrowserSessions.COOKIE) String current) {
        if (current != null && sessions.valid(current)) {
            revoked.revoke(current);
        }
        return Response.noContent().header("Set-Cookie", cookie("", 0)).build();
    }

    /** Built by hand: SameSite has no portable setter before Servlet 6 / JAX-RS 3.1 on every server. */
    private String cookie(String value, int maxAge) {
        StringBuilder cookie = new StringBuilder(BrowserSessions.COOKIE).append('=').append(value)
                .append("; Path=/api; HttpOnly; SameSite=Strict");
        if ("https".equalsIgnoreCase(uri.getRequestUri().getScheme())) {
            cookie.append("; Secure");
        }
        if (maxAge >= 0) {
            cookie.append("; Max-Age=").append(maxAge);
        }
        return cookie.toString();
    }
}
