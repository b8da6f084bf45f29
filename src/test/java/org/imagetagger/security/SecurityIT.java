package org.imagetagger.security;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.imagetagger.support.Api;
import org.imagetagger.support.Api.Reply;
import org.imagetagger.support.FakeVisionServer;
import org.imagetagger.support.ServerProcess;
import org.imagetagger.support.TestDeployments;
import org.imagetagger.support.TestImages;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 8 through the HTTP API, on a server configured with a full and a read-only token and one allowed
 * root: who may call what, which files can be reached, limits, headers, health, metrics and OpenAPI.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {

    private static final String FULL = "full-token-for-the-test";
    private static final String READ = "read-only-token-for-the-test";
    private static FakeVisionServer vision;
    private static Path root;
    private static Path outside;

    @ArquillianResource
    URL deployment;

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        vision = new FakeVisionServer();
        vision.start();
        Path base = Files.createDirectories(Path.of("target", "it-images").toAbsolutePath());
        root = Files.createTempDirectory(base, "allowed-root-").toRealPath();
        outside = Files.createTempDirectory(base, "outside-").toRealPath();
        return TestDeployments.war(Map.of(
                "tagger.vision.url", vision.url(),
                "tagger.vision.timeout-seconds", "3",
                "tagger.auth.token", FULL,
                "tagger.auth.read-token", READ,
                "tagger.folders.roots", root.toString()));
    }

    private Api as(String token) {
        return new Api(deployment, token);
    }

    /**
     * Issue 18: Payara Micro's Hazelcast member listened on *:6900 without credentials, even with --nocluster. The
     * server process (found by its HTTP port) may listen on that port only.
     */
    @Test
    void theServerListensOnItsHttpPortAndOnNothingElse() {
        ServerProcess server = ServerProcess.listeningOn(deployment.getPort());
        assertEquals(java.util.Set.of(deployment.getPort()), server.listeningPorts(),
                "sockets of process " + server.pid() + ": " + server.listening());
    }

    @Test
    void everyApiCallNeedsAValidTokenAndTheReadOnlyTokenOnlyReads() {
        List<String> reads = List.of("api/stats", "api/folders", "api/images", "api/jobs", "api/tags");
        for (String token : new String[] {null, "wrong-token", FULL + "x"}) {
            for (String path : reads) {
                assertError(401, as(token).get(path), "GET " + path + " with token " + token);
            }
            assertError(401, as(token).post("api/folders", "{\"path\":\"/tmp\"}"), "POST with token " + token);
            assertError(401, as(token).put("api/images/1/tags", "{\"tags\":[\"x\"]}"), "PUT with token " + token);
            assertError(401, as(token).delete("api/folders/1"), "DELETE with token " + token);
        }
        assertEquals("Bearer realm=\"image-tagger\"",
                as(null).get("api/stats").response().headers().firstValue("WWW-Authenticate").orElse(null));

        for (String path : reads) {
            assertEquals(200, as(READ).get(path).status(), "GET " + path + " with the read-only token");
            assertEquals(200, as(FULL).get(path).status(), "GET " + path + " with the full token");
        }
        assertError(403, as(READ).post("api/folders", "{\"path\":\"" + root + "\"}"), "POST with the read-only token");
        assertError(403, as(READ).patch("api/folders/1", "{\"active\":false}"), "PATCH with the read-only token");
        assertError(403, as(READ).put("api/images/1/tags", "{\"tags\":[\"x\"]}"), "PUT with the read-only token");
        assertError(403, as(READ).delete("api/folders/1"), "DELETE with the read-only token");
        assertError(403, as(READ).post("api/jobs/1/stop", ""), "stopping a job with the read-only token");

        // Past authentication, the full token reaches the resources: their own answers, not 401/403.
        assertError(404, as(FULL).delete("api/folders/987654"), "DELETE of an unknown folder");
        assertError(404, as(FULL).put("api/images/987654/tags", "{\"tags\":[\"x\"]}"), "PUT on an unknown image");
        assertError(400, as(FULL).post("api/folders", "{\"path\":\"/definitely/not/here\"}"), "POST of a missing folder");
    }

    @Test
    void theUiTradesItsTokenForACookieThatOnlyLoadsThumbnailsFilesAndJobEvents() throws Exception {
        Path folder = Files.createTempDirectory(root, "session-");
        TestImages.writeJpeg(folder.resolve("session.jpg"), 131, 77, Color.ORANGE);
        long folderId = as(FULL).addFolder(folder);
        as(FULL).scanToCompletion(folderId, "new");
        long id = as(FULL).get("api/images?folderId=" + folderId).object().getJsonArray("items")
                .getJsonObject(0).getJsonNumber("id").longValue();

        assertError(401, as(null).post("api/session", ""), "a session without a token");
        assertError(401, as("wrong-token").post("api/session", ""), "a session with a wrong token");
        Reply readOnly = as(READ).post("api/session", "");
        assertEquals(200, readOnly.status(), "the read-only token may open a session: " + readOnly.body());
        Reply full = as(FULL).post("api/session", "");
        assertEquals(200, full.status(), full.body());
        String setCookie = full.response().headers().firstValue("Set-Cookie").orElseThrow();
        assertAll(
                () -> assertTrue(setCookie.startsWith("tagger_session="), setCookie),
                () -> assertTrue(setCookie.contains("HttpOnly"), setCookie),
                () -> assertTrue(setCookie.contains("SameSite=Strict"), setCookie),
                () -> assertTrue(setCookie.contains("Path=/api"), setCookie),
                () -> assertFalse(setCookie.contains(FULL), setCookie));
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<byte[]> thumbnail = withCookie("api/images/" + id + "/thumbnail?size=64", cookie);
        assertEquals(200, thumbnail.statusCode());
        assertEquals("image/jpeg", thumbnail.headers().firstValue("Content-Type").orElse(null));
        assertEquals(200, withCookie("api/images/" + id + "/preview", cookie).statusCode(), "the viewer's rendition, like a thumbnail");
        // Issue 19: the page asks what the session may do, to show only the buttons that work.
        assertEquals("read-only", readOnly.object().getString("access"));
        assertFalse(readOnly.object().getBoolean("canWrite"));
        assertEquals("full", full.object().getString("access"));
        assertEquals(false, as(READ).get("api/session").object().getBoolean("canWrite"));
        assertEquals(true, as(FULL).get("api/session").object().getBoolean("canWrite"));
        HttpResponse<byte[]> file = withCookie("api/images/" + id + "/file", cookie);
        assertEquals(200, file.statusCode());
        assertArrayEquals(Files.readAllBytes(folder.resolve("session.jpg")), file.body());
        String readOnlyCookie = readOnly.response().headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertEquals(200, withCookie("api/images/" + id + "/file", readOnlyCookie).statusCode());
        try (var events = streamWithCookie("api/jobs/events", cookie)) {
            assertEquals(200, events.statusCode());
            assertTrue(events.contentType().startsWith("text/event-stream"), events.contentType());
        }

        // Everything else still needs the header; a forged or missing cookie gets nothing.
        for (String path : List.of("api/images", "api/images/" + id, "api/stats", "api/folders", "api/tags", "api/session")) {
            assertEquals(401, withCookie(path, cookie).statusCode(), "GET " + path + " with only the cookie");
        }
        String forged = cookie.substring(0, cookie.length() - 2) + (cookie.endsWith("AA") ? "BB" : "AA");
        String later = cookie.replaceFirst("=(\\d+)\\.", "=9$1.");
        for (String bad : List.of(forged, later, "tagger_session=", "tagger_session=1.x")) {
            assertEquals(401, withCookie("api/images/" + id + "/thumbnail?size=64", bad).statusCode(), bad);
            assertEquals(401, withCookie("api/images/" + id + "/file", bad).statusCode(), bad);
        }
        Reply writeWithCookie = sendWithCookie("POST", "api/folders/" + folderId + "/scan", cookie);
        assertError(401, writeWithCookie, "a write with only the cookie");
        Reply deleteWithCookie = sendWithCookie("DELETE", "api/folders/" + folderId, cookie);
        assertError(401, deleteWithCookie, "a delete with only the cookie");

        Reply closed = as(READ).delete("api/session");
        assertEquals(204, closed.status(), closed.body());
        assertTrue(closed.response().headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
    }

    private HttpResponse<byte[]> withCookie(String path, String cookie) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private Reply sendWithCookie(String method, String path, String cookie) throws Exception {
        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path))
                .header("Cookie", cookie).header("Content-Type", "application/json")
                .method(method, "DELETE".equals(method) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response);
    }

    /** The head of an endless response: status and content type, then the stream is closed. */
    private record Stream(int statusCode, String contentType, java.io.InputStream body) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    private Stream streamWithCookie(String path, String cookie) throws Exception {
        HttpResponse<java.io.InputStream> response = java.net.http.HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri(path)).header("Cookie", cookie).header("Accept", "text/event-stream")
                        .timeout(java.time.Duration.ofSeconds(15)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        return new Stream(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private java.net.URI uri(String path) {
        return java.net.URI.create(deployment.toString().replaceAll("/+$", "") + "/" + path);
    }

    @Test
    void healthIsOpenAndReadyReportsDatabaseAndVision() throws java.io.IOException {
        Api anonymous = as(null);
        Reply live = anonymous.get("health/live");
        assertEquals(200, live.status(), live.body());
        assertEquals("UP", live.object().getString("status"));
        Reply ready = anonymous.get("health/ready");
        assertEquals(200, ready.status(), ready.body());
        assertEquals("UP", ready.object().getString("status"));
        Map<String, JsonObject> checks = new java.util.HashMap<>();
        ready.object().getJsonArray("checks").getValuesAs(JsonObject.class).forEach(c -> checks.put(c.getString("name"), c));
        assertEquals("UP", checks.get("database").getString("status"), ready.body());
        assertEquals(latestMigration(), checks.get("database").getJsonObject("data").getString("schemaVersion"), ready.body());
        assertEquals(vision.url(), checks.get("vision").getJsonObject("data").getString("servers"), ready.body());
    }

    @Test
    void pagesCarryBrowserHardeningHeadersAndNoServerBanner() {
        Reply page = as(null).get("");
        assertEquals(200, page.status());
        HttpResponse<String> response = page.response();
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertAll(
                () -> assertTrue(csp.contains("frame-ancestors 'none'"), csp),
                () -> assertTrue(csp.contains("script-src 'self'"), csp),
                () -> assertFalse(csp.contains("unsafe-inline"), csp),
                () -> assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null)),
                () -> assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(null)));
        for (Reply reply : List.of(page, as(FULL).get("api/stats"), as(null).get("api/stats"), as(null).get("no/such/page"))) {
            assertFalse(reply.response().headers().firstValue("X-Powered-By").isPresent(), reply.response().headers().toString());
            assertFalse(reply.response().headers().firstValue("Server").isPresent(), reply.response().headers().toString());
        }
        Reply missing = as(null).get("no/such/page");
        assertError(404, missing, "an unknown page");
        assertFalse(missing.body().contains("Payara"), missing.body());
    }

    @Test
    void filesAreServedOnlyByCataloguedIdAndLinksOutOfTheRootAreNeitherScannedNorServed() throws IOException {
        Api api = as(FULL);
        Path folder = Files.createTempDirectory(root, "photos-");
        TestImages.writeJpeg(folder.resolve("inside.jpg"), 120, 80, Color.RED);
        TestImages.writeJpeg(folder.resolve("swapped.jpg"), 120, 80, Color.BLUE);
        Path secret = TestImages.writeJpeg(outside.resolve("secret.jpg"), 90, 90, Color.GREEN);
        Files.createSymbolicLink(folder.resolve("escape.jpg"), secret);
        Files.createSymbolicLink(folder.resolve("escape-dir"), outside);

        long folderId = api.addFolder(folder);
        JsonObject execution = api.scanToCompletion(folderId, "new");
        assertEquals(2, Api.metric(execution, "READ_COUNT"), "the links out of the folder are not scanned: " + execution);
        JsonObject page = api.get("api/images?folderId=" + folderId + "&sort=path").object();
        assertEquals(2, page.getInt("total"), page.toString());
        long inside = page.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue();
        long swapped = page.getJsonArray("items").getJsonObject(1).getJsonNumber("id").longValue();

        HttpResponse<byte[]> file = api.getBytes("api/images/" + inside + "/file");
        assertEquals(200, file.statusCode());
        assertEquals("image/jpeg", file.headers().firstValue("Content-Type").orElse(null));
        assertArrayEquals(Files.readAllBytes(folder.resolve("inside.jpg")), file.body());
        assertEquals(200, as(READ).getBytes("api/images/" + inside + "/file").statusCode(), "reading a file is a read");
        assertEquals(401, as(null).getBytes("api/images/" + inside + "/file").statusCode());

        Files.delete(folder.resolve("swapped.jpg"));
        Files.createSymbolicLink(folder.resolve("swapped.jpg"), secret);
        assertError(404, api.get("api/images/" + swapped + "/file"), "a catalogued file swapped for a link out of the folder");
        Files.delete(folder.resolve("swapped.jpg"));
        assertError(404, api.get("api/images/" + swapped + "/file"), "a catalogued file that is gone");

        for (String path : List.of("api/images/..%2f..%2f..%2fetc%2fpasswd/file", "api/images/%2e%2e%2f%2e%2e%2fetc%2fpasswd/file",
                "api/images/%2e%2e/file", "api/images/%2Fetc%2Fpasswd/file", "api/images/" + inside + "/file/..%2f..%2f",
                "api/images/" + inside + "%2f..%2f..%2f/file", "api/images/987654/file", "api/images/-1/file",
                "api/images/../../../../etc/passwd", "api/images/" + inside + "/../../../etc/passwd")) {
            assertRefused(api.raw("GET", path, HttpRequest.BodyPublishers.noBody()), path);
        }
        assertError(400, api.post("api/folders", "{\"path\":\"" + outside + "\"}"), "a folder outside the roots");
        assertError(400, api.post("api/folders", "{\"path\":\"" + folder.resolve("escape-dir") + "\"}"), "a link out of the roots");
        assertError(400, api.post("api/folders", "{\"path\":\"" + root + "/../" + outside.getFileName() + "\"}"), "a .. out of the roots");
        assertError(400, api.post("api/folders", "{\"path\":\"photos\"}"), "a relative path");

        // The watcher saw swapped.jpg deleted and the link created in the watched folder (it polls every 50 ms).
        List<String> metrics = awaitMetric("tagger_watch_events_total{", "kind=\"deleted\"");
        assertAll(
                () -> assertTrue(hasMetric(metrics, "tagger_watch_events_total{", "kind=\"created\""), "watcher events by kind: " + metrics),
                () -> assertTrue(hasMetric(metrics, "tagger_images_tagged_total{", "mp_scope=\"application\""), "tagged counter"),
                () -> assertTrue(hasMetric(metrics, "tagger_images_failed_total{", "mp_scope=\"application\""), "failed counter"),
                () -> assertTrue(hasMetric(metrics, "tagger_vision_requests_seconds_count{", "server=\"" + vision.url() + "\""),
                        "vision timer by server: " + metrics),
                () -> assertTrue(hasMetric(metrics, "tagger_vision_requests_in_flight{", "mp_scope"), "in-flight gauge"),
                () -> assertTrue(hasMetric(metrics, "tagger_jobs_ended_total{", "status=\"COMPLETED\""), "jobs by status"),
                () -> assertTrue(hasMetric(metrics, "ft_circuitbreaker_state_total{", "VisionCall.chat"), "circuit breaker state"));
    }

    private List<String> awaitMetric(String prefix, String label) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (true) {
            List<String> metrics = as(null).get("metrics").body().lines().toList();
            if (hasMetric(metrics, prefix, label) || System.nanoTime() > deadline) {
                assertTrue(hasMetric(metrics, prefix, label), prefix + label + " in " + metrics);
                return metrics;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static boolean hasMetric(List<String> lines, String prefix, String label) {
        return lines.stream().anyMatch(line -> line.startsWith(prefix) && line.contains(label));
    }

    @Test
    void bodiesAreCappedUnknownFieldsIgnoredAndInvalidValuesRefusedWithTheErrorBody() throws IOException {
        Api api = as(FULL);
        String big = "{\"path\":\"" + "a".repeat(70 * 1024) + "\"}";
        assertError(413, api.post("api/folders", big), "a 70 KB body");
        Reply chunked = api.raw("POST", "api/folders",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())));
        assertError(413, chunked, "a 70 KB chunked body");

        Path folder = Files.createTempDirectory(root, "extra-fields-");
        Reply extra = api.post("api/folders", "{\"path\":\"" + folder + "\",\"colour\":\"blue\",\"nested\":{\"a\":[1,2]}}");
        assertEquals(201, extra.status(), extra.body());

        assertError(400, api.post("api/folders", "{\"path\":"), "malformed JSON");
        assertError(400, api.post("api/folders", "[\"" + folder + "\"]"), "an array instead of an object");
        assertError(400, api.get("api/images?size=0"), "size 0");
        assertError(400, api.get("api/images?status=BOGUS"), "an unknown status");
        assertError(400, api.get("api/images?page=-1"), "a negative page");
        assertError(400, api.get("api/images?size=abc"), "a size that is not a number");
        assertError(400, api.get("api/images?folderId=1.5"), "a folder id that is not a whole number");
        assertError(404, api.get("api/no-such-resource"), "an unknown resource");
        assertEquals(200, api.get("api/images?size=100000").object().getInt("size"), "size is clamped, not refused");
    }

    @Test
    void openApiDescribesTheApi() {
        Reply openapi = as(null).get("openapi");
        assertEquals(200, openapi.status(), openapi.body());
        for (String path : List.of("/api/folders:", "/api/folders/{id}/scan:", "/api/images:", "/api/images/{id}/file:",
                "/api/images/{id}/tags:", "/api/jobs/{executionId}/restart:", "/api/tags:", "/api/stats:")) {
            assertTrue(openapi.body().contains(path), path + " in " + openapi.body());
        }
    }

    /**
     * A path trick is answered 404 or 400 and serves nothing. Paths that climb above the server root are
     * refused by the HTTP listener itself, before any application, with a bare 400 and no body.
     */
    private static void assertRefused(Reply reply, String what) {
        assertTrue(reply.status() == 404 || reply.status() == 400, what + " answered " + reply.status() + ": " + reply.body());
        assertFalse(reply.body().contains("root:") || reply.body().contains("Payara"), what + ": " + reply.body());
        if (!reply.body().isEmpty()) {
            assertError(reply.status(), reply, what);
        }
    }

    private static void assertError(int status, Reply reply, String what) {
        assertEquals(status, reply.status(), what + ": " + reply.body());
        JsonObject body = reply.object();
        assertEquals(status, body.getInt("status"), what + ": " + reply.body());
        assertFalse(body.getString("error").isBlank(), what);
        assertFalse(reply.body().contains("Exception") || reply.body().contains("\tat "), what + " leaks a stack trace: " + reply.body());
    }

    /** The highest version among the PostgreSQL server's migrations (common and postgresql folders). */
    private static String latestMigration() throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src", "main", "resources", "db", "migration"))) {
            return String.valueOf(files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max().orElseThrow());
        }
    }
}
