package org.imagetagger.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.imagetagger.cluster.control.ClusterSecrets;

/**
 * The browser's stand-in for the bearer token where a browser cannot send a header: {@code <img>} and
 * {@code EventSource}. After the UI presents the token once ({@code POST /api/session}), it gets an HttpOnly,
 * SameSite=Strict cookie whose value is an expiry time signed with HMAC-SHA256 under a key that every instance on
 * the database shares ({@link ClusterSecrets}), so a cookie from one instance works on the others. The cookie only reads, and
 * only the three kinds of resource that need it: thumbnails, image files and the job event stream.
 */
@ApplicationScoped
public class BrowserSessions {

    public static final String COOKIE = "tagger_session";
    static final Duration LIFETIME = Duration.ofHours(12);
    /** Exactly what {@code <img>} and {@code EventSource} load; every other call still needs the header. */
    private static final Pattern COOKIE_PATHS = Pattern.compile("/api/(images/\\d+/(thumbnail|preview|file)|jobs/events)");
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;
    private final Clock clock;

    @Inject
    ClusterSecrets secrets;

    public BrowserSessions() {
        this(Clock.systemUTC());
    }

    BrowserSessions(Clock clock) {
        this(clock, new byte[32]);
        new SecureRandom().nextBytes(key);
    }

    private BrowserSessions(Clock clock, byte[] key) {
        this.clock = clock;
        this.key = key;
    }

    @PostConstruct
    void useSharedKey() {
        System.arraycopy(secrets.secret("browser-session-key", key.length), 0, key, 0, key.length);
    }

    /** The same key on another clock (tests of expiry). */
    BrowserSessions at(Clock other) {
        return new BrowserSessions(other, key);
    }

    /** A new cookie value, valid for {@link #LIFETIME}. */
    public String issue() {
        long expires = clock.instant().plus(LIFETIME).getEpochSecond();
        return expires + "." + sign(expires);
    }

    /** Whether a cookie value was issued by this server and has not expired; the signature is compared in constant time. */
    public boolean valid(String value) {
        if (value == null) {
            return false;
        }
        int dot = value.indexOf('.');
        if (dot <= 0 || dot > 19) {
            return false;
        }
        long expires;
        try {
            expires = Long.parseLong(value.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        byte[] presented = value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        boolean signed = MessageDigest.isEqual(presented, sign(expires).getBytes(StandardCharsets.US_ASCII));
        return signed && Instant.ofEpochSecond(expires).isAfter(clock.instant());
    }

    /** Whether a request may be authenticated by the cookie at all: a read of a thumbnail, a file or the events. */
    public static boolean coversRequest(String method, String path) {
        return ("GET".equals(method) || "HEAD".equals(method)) && COOKIE_PATHS.matcher(path).matches();
    }

    private String sign(long expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            byte[] signature = mac.doFinal(("session." + expires).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }
}
