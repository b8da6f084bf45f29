package org.imagetagger.security;

import org.imagetagger.platform.Jsons;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.imagetagger.platform.SecurityHeaders;

/**
 * Refuses a request that changes something when a browser says it comes from another site, token or not: without
 * a token (a trusted LAN) any web page the user visits could otherwise start scans with a cross-site form. A browser
 * sends {@code Sec-Fetch-Site} (and {@code Origin} on every cross-origin POST, PUT, PATCH, DELETE); scripts and
 * command-line clients send neither and are not affected. The UI calls the API from its own origin.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class CrossSiteRequestFilter extends HttpFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> SAME_SITE_FETCHES = Set.of("same-origin", "none");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!SAFE_METHODS.contains(request.getMethod()) && isCrossSite(request.getHeader("Sec-Fetch-Site"),
                request.getHeader("Origin"), request.getHeader("Host"))) {
            response.setStatus(403);
            SecurityHeaders.apply(response);
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(Jsons.createObjectBuilder()
                    .add("error", "cross-site requests may not change anything").add("status", 403).build().toString());
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Cross-site when the browser says so, or when the Origin names another host and port than the one the request
     * was sent to (the scheme is not compared: a TLS proxy in front changes it). No header at all: not a browser.
     */
    static boolean isCrossSite(String fetchSite, String origin, String host) {
        if (fetchSite != null && !SAME_SITE_FETCHES.contains(fetchSite.strip().toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (origin == null) {
            return false;
        }
        if (host == null || origin.equals("null")) {
            return true;
        }
        try {
            URI uri = URI.create(origin.strip());
            if (uri.getHost() == null) {
                return true;
            }
            String authority = uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            String target = host.strip().toLowerCase(Locale.ROOT);
            return !(authority.equals(target) || authority.equals(withoutDefaultPort(target, uri.getScheme())));
        } catch (IllegalArgumentException malformed) {
            return true;
        }
    }

    private static String withoutDefaultPort(String host, String scheme) {
        String defaultPort = "https".equalsIgnoreCase(scheme) ? ":443" : ":80";
        return host.endsWith(defaultPort) ? host.substring(0, host.length() - defaultPort.length()) : host;
    }
}
