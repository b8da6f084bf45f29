package org.imagetagger.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
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
 * Issue 18: what a hostile tester did to a running instance (full and read-only token, one allowed root), each
 * attack repeated here and shown to fail. SecurityIT holds the listening-socket check and the older defences.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileClientIT {

    private static final String FULL = "full-token-of-the-hostile-test";
    private static final String READ = "read-only-token-of-the-hostile-test";
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
        root = Files.createTempDirectory(base, "hostile-root-").toRealPath();
        outside = Files.createTempDirectory(base, "hostile-outside-").toRealPath();
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

    private long onlyImage(long folderId) {
        JsonObject page = as(FULL).get("api/images?folderId=" + folderId).object();
        assertEquals(1, page.getInt("total"), page.toString());
        return page.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue();
    }

    /**
     * A photo swapped between itself and a link to a file outside the roots, thousands of times, while the
     * read-only token asks for it and for thumbnails of every size: never a byte from outside, never a body
     * longer or shorter than its Content-Length, and no thumbnail from outside stays cached afterwards.
     */
    @Test
    void aPhotoSwappedForALinkInALoopNeverServesOrCachesAByteFromOutside() throws Exception {
        Path folder = Files.createTempDirectory(root, "race-");
        Path photo = TestImages.writeJpeg(folder.resolve("race.jpg"), 160, 120, Color.RED);
        byte[] inside = Files.readAllBytes(photo);
        Path secret = TestImages.writeJpeg(outside.resolve("secret.jpg"), 160, 120, Color.GREEN);
        byte[] outsideBytes = Files.readAllBytes(secret);
        long folderId = as(FULL).addFolder(folder);
        as(FULL).scanToCompletion(folderId, "new");
        long id = onlyImage(folderId);

        // Hidden names: the watcher ignores them, so the swap itself starts no scan.
        Path original = Files.copy(photo, folder.resolve(".original"));
        Path link = folder.resolve(".link");
        Path copy = folder.resolve(".copy");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Exception> swapFailure = new AtomicReference<>();
        Thread swapper = new Thread(() -> {
            try {
                while (!stop.get()) {
                    Files.deleteIfExists(link);
                    Files.createSymbolicLink(link, secret);
                    Files.move(link, photo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    Files.copy(original, copy, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(copy, photo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                swapFailure.set(e);
            }
        }, "swapper");
        swapper.start();
        int files = 0;
        int fileRefusals = 0;
        int thumbnails = 0;
        try {
            Api reader = as(READ);
            for (int i = 0; i < 2000; i++) {
                HttpResponse<byte[]> file = reader.getBytes("api/images/" + id + "/file");
                if (file.statusCode() == 200) {
                    assertEquals(String.valueOf(file.body().length), file.headers().firstValue("Content-Length").orElse(null),
                            "the body has exactly the announced length");
                    assertArrayEquals(inside, file.body(), "request " + i + " served other bytes");
                    files++;
                } else {
                    assertEquals(404, file.statusCode());
                    assertFalse(new String(file.body()).contains("root:"), new String(file.body()));
                    fileRefusals++;
                }
            }
            for (int size = 64; size <= 1024; size += 2) {
                HttpResponse<byte[]> thumbnail = reader.getBytes("api/images/" + id + "/thumbnail?size=" + size);
                if (thumbnail.statusCode() == 200) {
                    assertRed(thumbnail.body(), "thumbnail of size " + size);
                    thumbnails++;
                } else {
                    assertEquals(404, thumbnail.statusCode());
                }
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        assertEquals(null, swapFailure.get());
        assertTrue(files > 0 && fileRefusals > 0, "the race was met: " + files + " served, " + fileRefusals + " refused");
        assertTrue(thumbnails > 0, "some thumbnails were made during the race");

        // After the race (the photo is itself again), every size comes from the cache or is made now: all red.
        Files.copy(original, photo, StandardCopyOption.REPLACE_EXISTING);
        for (int size = 64; size <= 1024; size += 7) {
            HttpResponse<byte[]> thumbnail = as(READ).getBytes("api/images/" + id + "/thumbnail?size=" + size);
            assertEquals(200, thumbnail.statusCode(), "size " + size);
            assertRed(thumbnail.body(), "thumbnail of size " + size + " after the race");
        }
        assertArrayEquals(inside, as(READ).getBytes("api/images/" + id + "/file").body());
        assertFalse(java.util.Arrays.equals(inside, outsideBytes));
    }

    /**
     * A registered folder replaced by a link to a directory outside the roots: neither a scan nor the watcher reads
     * it; the scan ends FAILED saying why, the folder's images stay as they were and nothing from outside appears.
     */
    @Test
    void aRegisteredFolderSwappedForALinkOutOfTheRootsIsNeitherScannedNorWatched() throws Exception {
        Path folder = Files.createTempDirectory(root, "swapped-folder-");
        TestImages.writeJpeg(folder.resolve("mine.jpg"), 100, 60, Color.RED);
        Path elsewhere = Files.createDirectories(outside.resolve("elsewhere-" + System.nanoTime()));
        TestImages.writeJpeg(elsewhere.resolve("private-1.jpg"), 100, 60, Color.GREEN);
        TestImages.writeJpeg(elsewhere.resolve("private-2.jpg"), 100, 60, Color.GREEN);
        Api api = as(FULL);
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");
        long mine = onlyImage(folderId);
        int chats = vision.chatRequests();

        Files.move(folder, folder.resolveSibling(folder.getFileName() + "-moved"));
        Files.createSymbolicLink(folder, elsewhere);
        JsonObject execution = api.awaitEnd(api.scan(folderId, "new"), java.time.Duration.ofMinutes(1));
        assertEquals("FAILED", execution.getString("status"), execution.toString());
        assertTrue(execution.getString("exitStatus").contains("was not scanned"), execution.toString());
        assertEquals("FAILED", api.awaitEnd(api.scan(folderId, "all"), java.time.Duration.ofMinutes(1)).getString("status"));

        // The watcher stops watching it (it checks every few seconds) and a file written there starts nothing.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (api.get("api/folders/" + folderId).object().getBoolean("watching") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertFalse(api.get("api/folders/" + folderId).object().getBoolean("watching"), "a swapped folder is not watched");
        TestImages.writeJpeg(elsewhere.resolve("private-3.jpg"), 100, 60, Color.GREEN);
        Thread.sleep(4000);
        JsonObject page = api.get("api/images?folderId=" + folderId).object();
        assertEquals(1, page.getInt("total"), "nothing from outside was catalogued: " + page);
        JsonObject image = api.get("api/images/" + mine).object();
        assertEquals("TAGGED", image.getString("status"), "the folder's own image is left as it was: " + image);
        assertEquals(404, api.getBytes("api/images/" + mine + "/file").statusCode(), "a file under the link is not served");
        assertEquals(chats, vision.chatRequests(), "no file from outside went to the model");
    }

    /**
     * 20,000 event-stream connections opened and dropped at once, with no job running: the server's open files stay
     * flat (streams are capped, 503 beyond, and a dropped client is noticed by the heartbeat), and it keeps answering.
     */
    @Test
    void fiveThousandEventStreamsOpenedAndDroppedLeaveOpenFilesFlat() throws Exception {
        ServerProcess server = ServerProcess.listeningOn(deployment.getPort());
        int before = server.openFiles();
        int maxSeen = before;
        int accepted = 0;
        int refused = 0;
        byte[] request = ("GET /api/jobs/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + READ + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        // A leak of one file per stream would reach +5,000, far above the +200 allowed; 20,000 (the hostile tester's
        // count) only took four times as long to say the same.
        for (int i = 0; i < 5_000; i++) {
            try (Socket socket = new Socket("127.0.0.1", deployment.getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request);
                String status = statusLine(socket.getInputStream());
                if (status.contains(" 200")) {
                    accepted++;
                } else {
                    assertTrue(status.contains(" 503"), "connection " + i + ": " + status);
                    refused++;
                }
            }
            if (i % 1000 == 0) {
                maxSeen = Math.max(maxSeen, server.openFiles());
            }
        }
        maxSeen = Math.max(maxSeen, server.openFiles());
        assertTrue(accepted >= 8, "streams were opened: " + accepted + " accepted, " + refused + " refused");
        assertTrue(maxSeen < before + 200, "open files went from " + before + " up to " + maxSeen);
        long start = System.nanoTime();
        assertEquals(200, as(READ).get("api/stats").status());
        assertEquals(200, as(null).get("health/ready").status());
        assertTrue(System.nanoTime() - start < java.time.Duration.ofSeconds(5).toNanos(), "the server still answers at once");

        // The dropped streams are noticed within a couple of heartbeats: a new client gets a stream again.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            try (Socket socket = new Socket("127.0.0.1", deployment.getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request);
                status = Integer.parseInt(statusLine(socket.getInputStream()).split(" ")[1]);
            }
            if (status != 200) {
                Thread.sleep(500);
            }
        }
        assertEquals(200, status, "a stream is available again once the dropped ones were noticed");
        assertTrue(server.openFiles() < before + 100, "open files after: " + server.openFiles() + ", before: " + before);
    }

    @Test
    void oneClientGetsAFewStreamsAndA503WithTheErrorBodyBeyond() throws Exception {
        java.util.List<Socket> open = new java.util.ArrayList<>();
        byte[] request = ("GET /api/jobs/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + READ + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try {
            String last = "";
            for (int i = 0; i < 20 && !last.contains(" 503"); i++) {
                Socket socket = new Socket("127.0.0.1", deployment.getPort());
                open.add(socket);
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request);
                last = statusLine(socket.getInputStream());
            }
            assertTrue(last.contains(" 503"), "the streams of one client are capped: " + last);
            assertTrue(open.size() > 1 && open.size() <= 9, open.size() + " streams");
            assertError(503, as(READ).get("api/jobs/events"), "one stream too many");
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }

    private static String statusLine(java.io.InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().strip();
    }

    /** NUL, bytes that are not UTF-8, page × size past an int, an absurd Content-Length: 400 or 413, never 500. */
    @Test
    void badInputIsA400Or413WithTheErrorBody() throws Exception {
        Api api = as(FULL);
        for (String query : java.util.List.of("q=a%00b", "tag=a%00b", "anyTag=a%00b", "notTag=a%00b", "q=%FF%FE",
                "tag=%C3", "page=2147483647&size=200", "page=10737419&size=200", "page=21474837&size=100")) {
            assertError(400, api.get("api/images?" + query), query);
        }
        assertError(400, api.get("api/tags?prefix=a%00"), "a NUL in the tag prefix");
        assertError(400, api.put("api/images/1/tags", "{\"tags\":[\"a\\u0000b\"]}"), "a NUL in a manual tag");
        assertError(400, api.post("api/folders", "{\"path\":\"" + root + "/a\\u0000b\"}"), "a NUL in a folder path");
        assertEquals(200, api.get("api/images?page=10737417&size=200").status(), "the last page that fits");

        try (Socket socket = new Socket("127.0.0.1", deployment.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/folders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + FULL + "\r\nContent-Length: 1000000000000\r\n\r\n{\"path\":\"/tmp\"}")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = statusLine(socket.getInputStream());
            assertTrue(status.contains(" 413"), "Content-Length 10^12: " + status);
        }
    }

    @Test
    void aTagFilterThatCannotMatchMatchesNothing() throws IOException {
        Path folder = Files.createTempDirectory(root, "filters-");
        TestImages.writeJpeg(folder.resolve("f.jpg"), 100, 60, Color.BLUE);
        long folderId = as(FULL).addFolder(folder);
        as(FULL).scanToCompletion(folderId, "new");
        String base = "api/images?folderId=" + folderId + "&";
        assertEquals(1, as(READ).get(base + "size=10").object().getInt("total"));
        for (String filter : java.util.List.of("tag=!!!", "tag=" + "a".repeat(65), "anyTag=!!!", "tag=%20%20")) {
            JsonObject page = as(READ).get(base + filter).object();
            assertEquals(filter.equals("tag=%20%20") ? 1 : 0, page.getInt("total"), filter + ": " + page);
        }
        assertEquals(1, as(READ).get(base + "notTag=!!!").object().getInt("total"), "an impossible notTag excludes nothing");
    }

    /** The token check answers before any filter runs; the container's own 404s and the API's 400s are errors too. */
    @Test
    void errorsCarryTheBrowserHardeningHeadersToo() {
        Map<String, Reply> errors = new java.util.LinkedHashMap<>();
        errors.put("401", as(null).get("api/stats"));
        errors.put("401 wrong", as("wrong").get("api/stats"));
        errors.put("403", as(READ).post("api/folders", "{\"path\":\"/tmp\"}"));
        errors.put("404 WEB-INF", as(null).get("WEB-INF/web.xml"));
        errors.put("404 page", as(null).get("no/such/page"));
        errors.put("404 api", as(FULL).get("api/images/987654"));
        errors.put("400", as(FULL).get("api/images?size=abc"));
        errors.put("400 filter", as(FULL).get("api/images?q=%00"));
        errors.forEach((what, reply) -> {
            var headers = reply.response().headers();
            assertTrue(headers.firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"),
                    what + ": " + headers.map());
            assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(null), what);
            assertEquals("no-referrer", headers.firstValue("Referrer-Policy").orElse(null), what);
            assertFalse(reply.body().contains("Exception"), what + ": " + reply.body());
        });
    }

    @Test
    void aCrossSiteRequestIsRefusedEvenWithAValidToken() {
        Reply crossSite = send("POST", "api/folders", "{\"path\":\"" + root + "\"}", FULL,
                Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"));
        assertError(403, crossSite, "a cross-site POST");
        String origin = "http://" + deployment.getHost() + ":" + deployment.getPort();
        Reply sameOrigin = send("POST", "api/folders", "{\"path\":\"" + root + "/none\"}", FULL,
                Map.of("Origin", origin, "Sec-Fetch-Site", "same-origin"));
        assertError(400, sameOrigin, "the UI's own request reaches the resource");
    }

    private Reply send(String method, String path, String json, String token, Map<String, String> headers) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(deployment.toString().replaceAll("/+$", "") + "/" + path))
                    .header("Content-Type", "application/json").method(method, json == null
                            ? java.net.http.HttpRequest.BodyPublishers.noBody() : java.net.http.HttpRequest.BodyPublishers.ofString(json));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void signingOutRevokesTheCookieOnTheServer() throws Exception {
        Path folder = Files.createTempDirectory(root, "signout-");
        TestImages.writeJpeg(folder.resolve("s.jpg"), 103, 67, Color.MAGENTA);
        long folderId = as(FULL).addFolder(folder);
        as(FULL).scanToCompletion(folderId, "new");
        long id = onlyImage(folderId);
        Reply session = as(READ).post("api/session", "");
        String cookie = session.response().headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String thumbnail = "api/images/" + id + "/thumbnail?size=64";
        assertEquals(200, send("GET", thumbnail, cookie).statusCode());
        Reply out = send("DELETE", "api/session", null, READ, Map.of("Cookie", cookie));
        assertEquals(204, out.status(), out.body());
        assertEquals(401, send("GET", thumbnail, cookie).statusCode(), "the cookie kept after signing out is refused");
    }

    private HttpResponse<byte[]> send(String method, String path, String cookie) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(deployment.toString().replaceAll("/+$", "") + "/" + path))
                .header("Cookie", cookie).method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void registrationOutsideTheRootsSaysNotAllowedWhetherThePathExistsOrNot() throws IOException {
        Path linkInside = Files.createTempDirectory(root, "probe-");
        Files.createSymbolicLink(linkInside.resolve("out"), outside);
        for (String path : java.util.List.of(outside.toString(), outside + "/no-such-dir", "/etc", "/no/such/dir",
                linkInside + "/out", linkInside + "/out/no-such-dir", root + "/../" + outside.getFileName())) {
            Reply reply = as(FULL).post("api/folders", "{\"path\":\"" + path + "\"}");
            assertError(400, reply, path);
            assertTrue(reply.object().getString("error").contains("not allowed"), path + ": " + reply.body());
            assertFalse(reply.object().getString("error").contains("exist"), path + ": " + reply.body());
        }
    }

    @Test
    void theConnectionTestTellsTheStatusButNotThePage() throws Exception {
        com.sun.net.httpserver.HttpServer page = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        page.createContext("/", exchange -> {
            byte[] body = "<html>router admin password: hunter2</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        page.start();
        try {
            Reply reply = as(FULL).post("api/settings/vision/test",
                    "{\"url\":\"http://127.0.0.1:" + page.getAddress().getPort() + "\"}");
            assertEquals(200, reply.status(), reply.body());
            assertFalse(reply.body().contains("hunter2"), reply.body());
            assertFalse(reply.body().contains("Exception"), reply.body());
            assertTrue(reply.object().getString("error").contains("401"), reply.body());
        } finally {
            page.stop(0);
        }
    }

    private static void assertRed(byte[] jpeg, String what) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        int rgb = image.getRGB(image.getWidth() / 2, image.getHeight() / 2);
        int red = (rgb >> 16) & 0xff;
        int green = (rgb >> 8) & 0xff;
        assertTrue(red > 200 && green < 80, what + " is not the red photo: " + Integer.toHexString(rgb));
    }

    static void assertError(int status, Reply reply, String what) {
        assertEquals(status, reply.status(), what + ": " + reply.body());
        JsonObject body = reply.object();
        assertEquals(status, body.getInt("status"), what + ": " + reply.body());
        assertFalse(body.getString("error").isBlank(), what);
        assertFalse(reply.body().contains("Exception") || reply.body().contains("\tat "), what + " leaks a class: " + reply.body());
    }
}
