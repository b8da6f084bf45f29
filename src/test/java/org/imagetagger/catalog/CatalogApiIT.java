package org.imagetagger.catalog;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.imagetagger.support.Api;
import org.imagetagger.support.FakeVisionServer;
import org.imagetagger.support.TestDatabase;
import org.imagetagger.support.TestDeployments;
import org.imagetagger.support.TestFolders;
import org.imagetagger.support.TestImages;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Full-text search on PostgreSQL, thumbnails and live job events; videos, HEIC and AVIF, range requests, the
 * processing window and the pause.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CatalogApiIT {

    private static FakeVisionServer vision;

    @ArquillianResource
    URL deployment;

    private Api api;

    @Deployment(testable = false)
    static WebArchive deployment() {
        vision = new FakeVisionServer();
        vision.start();
        return TestDeployments.war(Map.of("tagger.vision.url", vision.url()));
    }

    @BeforeEach
    void connect() {
        api = new Api(deployment);
        vision.reset();
    }

    /**
     * Issue 18: with no token configured, a page on another site could start scans with a cross-site form. A browser
     * names the site it comes from; plain HTTP clients (this test's Api, curl) send no Origin and still work.
     */
    @Test
    void withoutATokenACrossSiteFormPostIsRefusedAndPlainClientsStillWork() throws Exception {
        long folderId = api.addFolder(TestFolders.create("cross-site"));
        int jobs = api.get("api/jobs?limit=1000").json().asJsonArray().size();
        java.net.URI scan = java.net.URI.create(deployment.toString().replaceAll("/+$", "") + "/api/folders/" + folderId + "/scan");
        java.net.http.HttpResponse<String> form = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(scan)
                        .header("Content-Type", "text/plain").header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"mode\":\"all\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, form.statusCode(), form.body());
        assertTrue(form.body().contains("cross-site"), form.body());
        assertEquals(jobs, api.get("api/jobs?limit=1000").json().asJsonArray().size(), "no scan was started");
        api.scanToCompletion(folderId, "new");
    }

    @Test
    void fullTextSearchUnderstandsWordsStemsExclusionsAndFileNames() throws Exception {
        Path folder = TestFolders.create("fts");
        TestImages.writeJpeg(folder.resolve("sunset_beach.jpg"), 80, 60, Color.RED);
        TestImages.writeJpeg(folder.resolve("poppy.jpg"), 80, 60, Color.RED);
        TestImages.writeJpeg(folder.resolve("ocean.jpg"), 80, 60, Color.BLUE);
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");

        assertAll(
                () -> assertEquals(2, total(folderId, "red")),
                () -> assertEquals(3, total(folderId, "images"), "stemming: 'images' finds 'image'"),
                () -> assertEquals(1, total(folderId, "image -red")),
                () -> assertEquals(1, total(folderId, "beach"), "words of the file name"),
                () -> assertEquals(1, total(folderId, "\"red test\" sunset")),
                () -> assertEquals(0, total(folderId, "giraffe")),
                () -> assertEquals(1, api.get("api/images?folderId=" + folderId + "&q=blue&sort=relevance").object().getInt("total")));
    }

    @Test
    void textSearchUsesTheGinIndex() throws Exception {
        try (Connection db = TestDatabase.connect(); Statement sql = db.createStatement()) {
            sql.execute("SET enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = sql.executeQuery(
                    "EXPLAIN SELECT id FROM images WHERE tagger_text_match(search_text, 'red -blue') = TRUE")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            assertTrue(plan.toString().contains("images_text_idx"), plan.toString());
        }
    }

    @Test
    void tagFiltersUseTheGinIndexOfTagIds() throws Exception {
        try (Connection db = TestDatabase.connect(); Statement sql = db.createStatement()) {
            sql.execute("SET enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = sql.executeQuery("EXPLAIN SELECT id FROM images WHERE tag_ids @> '{20,40}' AND NOT (tag_ids && '{60}')")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            assertTrue(plan.toString().contains("images_tag_ids_idx"), plan.toString());
        }
    }

    @Test
    void filtersByTakenDateAndByTagsAllAnyAndNone() throws Exception {
        Path folder = TestFolders.create("taken");
        TestImages.writeJpegWithExif(folder.resolve("a.jpg"), "Canon", "A", null, LocalDateTime.parse("2023-12-31T23:30:00"), 1, Double.NaN, Double.NaN);
        TestImages.writeJpegWithExif(folder.resolve("b.jpg"), "Canon", "B", null, LocalDateTime.parse("2024-01-01T08:00:00"), 1, Double.NaN, Double.NaN);
        TestImages.writeJpegWithExif(folder.resolve("c.jpg"), "Canon", "C", null, LocalDateTime.parse("2024-06-15T12:00:00"), 1, Double.NaN, Double.NaN);
        TestImages.writeJpeg(folder.resolve("d.jpg"), 71, 53, Color.ORANGE);
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");
        long a = idOf(folderId, "a.jpg");
        long b = idOf(folderId, "b.jpg");
        long c = idOf(folderId, "c.jpg");
        long d = idOf(folderId, "d.jpg");

        assertAll(
                () -> assertEquals(Set.of(b, c), ids(folderId, "takenFrom=2024-01-01")),
                () -> assertEquals(Set.of(a), ids(folderId, "takenTo=2023-12-31"), "a date includes its whole day"),
                () -> assertEquals(Set.of(b), ids(folderId, "takenFrom=2024-01-01&takenTo=2024-01-01")),
                () -> assertEquals(Set.of(c), ids(folderId, "takenFrom=2024-01-01T09:00:00Z")),
                () -> assertEquals(Set.of(a, b, c), ids(folderId, "takenTo=2024-06-15T12:00:00"), "a time is included"),
                () -> assertEquals(Set.of(b), ids(folderId, "takenFrom=2024-01-01T08:00&takenTo=2024-01-01T08:00")),
                () -> assertEquals(Set.of(a, b, c, d), ids(folderId, "takenFrom=&takenTo=")),
                () -> assertEquals(Set.of(), ids(folderId, "takenFrom=2030-01-01")));
        for (String bad : List.of("takenFrom=2024-13-01", "takenTo=yesterday", "takenFrom=2024-02-30",
                "takenFrom=2024-06-02&takenTo=2024-06-01", "takenFrom=1718000000")) {
            Api.Reply reply = api.get("api/images?folderId=" + folderId + "&" + bad);
            assertEquals(400, reply.status(), bad + ": " + reply.body());
            assertEquals(400, reply.object().getInt("status"), bad);
            assertTrue(reply.object().getString("error").startsWith("taken"), reply.body());
        }

        assertEquals(200, api.put("api/images/" + a + "/tags", "{\"tags\":[\"alpha\",\"beta\"]}").status());
        assertEquals(200, api.put("api/images/" + b + "/tags", "{\"tags\":[\"alpha\"]}").status());
        assertEquals(200, api.put("api/images/" + c + "/tags", "{\"tags\":[\"beta\",\"gamma\"]}").status());
        assertEquals(200, api.put("api/images/" + d + "/tags", "{\"tags\":[]}").status());
        assertAll(
                () -> assertEquals(Set.of(a), ids(folderId, "tag=alpha&tag=beta")),
                () -> assertEquals(Set.of(a, b), ids(folderId, "tag=alpha")),
                () -> assertEquals(Set.of(a, b, c), ids(folderId, "anyTag=alpha&anyTag=gamma")),
                () -> assertEquals(Set.of(c, d), ids(folderId, "notTag=alpha")),
                () -> assertEquals(Set.of(d), ids(folderId, "notTag=alpha&notTag=beta")),
                () -> assertEquals(Set.of(b), ids(folderId, "tag=alpha&notTag=beta")),
                () -> assertEquals(Set.of(), ids(folderId, "tag=alpha&tag=no-such-tag")),
                () -> assertEquals(Set.of(), ids(folderId, "anyTag=no-such-tag")),
                () -> assertEquals(Set.of(c), ids(folderId, "anyTag=no-such-tag&anyTag=gamma")),
                () -> assertEquals(Set.of(a, b, c, d), ids(folderId, "notTag=no-such-tag")),
                () -> assertEquals(Set.of(b), ids(folderId, "tag=alpha&takenFrom=2024-01-01")),
                () -> assertEquals(Set.of(a), ids(folderId, "q=image&tag=beta&takenTo=2024-01-01")));

        // The tag-id array follows every change of image_tags: removed, added and cascaded deletes.
        assertEquals(200, api.put("api/images/" + a + "/tags", "{\"tags\":[\"beta\",\"delta\"]}").status());
        assertEquals(Set.of(), ids(folderId, "tag=alpha&tag=beta"));
        assertEquals(Set.of(a), ids(folderId, "tag=delta&tag=beta"));
        try (Connection db = TestDatabase.connect(); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*) FROM images i WHERE i.folder_id = " + folderId
                     + " AND ARRAY(SELECT x FROM unnest(i.tag_ids) x ORDER BY x)"
                     + " IS DISTINCT FROM ARRAY(SELECT t.tag_id FROM image_tags t WHERE t.image_id = i.id ORDER BY t.tag_id)")) {
            rows.next();
            assertEquals(0, rows.getInt(1), "images whose tag_ids differ from image_tags");
        }
    }

    private java.util.Set<Long> ids(long folderId, String filter) {
        Api.Reply reply = api.get("api/images?size=200&folderId=" + folderId + "&" + filter);
        assertEquals(200, reply.status(), filter + ": " + reply.body());
        java.util.Set<Long> found = new java.util.HashSet<>();
        reply.object().getJsonArray("items").forEach(item -> found.add(item.asJsonObject().getJsonNumber("id").longValue()));
        assertEquals(found.size(), reply.object().getInt("total"), filter + ": " + reply.body());
        return found;
    }

    @Test
    void thumbnailsAreSizedOrientedCachedAndNeverDecodeABomb() throws Exception {
        Path folder = TestFolders.create("thumbs");
        TestImages.writeJpeg(folder.resolve("wide.jpg"), 400, 200, Color.GREEN);
        TestImages.writeJpegWithExif(folder.resolve("rotated.jpg"), "Nikon", "Z6", null, LocalDateTime.of(2023, 1, 2, 3, 4, 5), 6, Double.NaN, Double.NaN);
        TestImages.writeBombPng(folder.resolve("bomb.png"), 100_000, 100_000);
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");
        long wide = idOf(folderId, "wide.jpg");

        HttpResponse<byte[]> small = fetch("api/images/" + wide + "/thumbnail?size=100", null);
        assertEquals(200, small.statusCode());
        assertEquals("image/jpeg", small.headers().firstValue("Content-Type").orElse(""));
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(small.body()));
        assertEquals(100, picture.getWidth());
        assertEquals(50, picture.getHeight());
        String etag = small.headers().firstValue("ETag").orElseThrow();
        assertTrue(small.headers().firstValue("Cache-Control").orElse("").contains("max-age"));
        assertEquals(304, fetch("api/images/" + wide + "/thumbnail?size=100", etag).statusCode());

        BufferedImage huge = ImageIO.read(new ByteArrayInputStream(fetch("api/images/" + wide + "/thumbnail?size=5000", null).body()));
        assertEquals(400, huge.getWidth(), "clamped to 1024 and never enlarged");

        BufferedImage rotated = ImageIO.read(new ByteArrayInputStream(
                fetch("api/images/" + idOf(folderId, "rotated.jpg") + "/thumbnail?size=64", null).body()));
        assertEquals(48, rotated.getWidth(), "EXIF orientation 6 turns 64×48 upright");
        assertEquals(64, rotated.getHeight());

        HttpResponse<byte[]> bomb = fetch("api/images/" + idOf(folderId, "bomb.png") + "/thumbnail", null);
        assertEquals(404, bomb.statusCode());
        assertTrue(new String(bomb.body()).contains("megapixels"), new String(bomb.body()));
        assertEquals(404, fetch("api/images/987654321/thumbnail", null).statusCode());
    }

    /** Issue 19: with the vision server down, a folder shows its photos (PENDING, with EXIF) and counts at once. */
    @Test
    void aScanCataloguesEveryFileAsPendingBeforeTheModelAndTheTaggingPassFillsTheSameRows() throws Exception {
        Path folder = TestFolders.create("catalogue-first");
        TestImages.writeJpegWithExif(folder.resolve("IMG_0001.jpg"), "Canon", "Canon EOS 5D", "EF 24-70mm", LocalDateTime.of(2019, 7, 14, 9, 30), 1, Double.NaN, Double.NaN);
        TestImages.writeJpegWithExif(folder.resolve("IMG_0002.jpg"), "NIKON CORPORATION", "NIKON D750", null, LocalDateTime.of(2021, 3, 2, 18, 0), 6, Double.NaN, Double.NaN);
        TestImages.writeJpeg(folder.resolve("plain.jpg"), 120, 80, Color.GREEN);
        long folderId = api.addFolder(folder);
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(deployment + "api/jobs/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<String> catalogEvent = CompletableFuture.supplyAsync(() -> firstCatalogEvent(stream.body().iterator(), folderId));
        int pendingBefore = api.get("api/stats").object().getInt("pending");
        vision.failNext(100_000, 503);

        // The watcher may have started the folder's catch-up scan already (409 names it): that one is as good.
        Api.Reply started = api.post("api/folders/" + folderId + "/scan", "{\"mode\":\"new\"}");
        assertTrue(started.status() == 202 || started.status() == 409, started.body());
        long executionId = started.object().getJsonNumber("executionId").longValue();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (api.get("api/images?folderId=" + folderId).object().getInt("total") < 3) {
                assertTrue(System.nanoTime() < deadline, "the files are catalogued while the model is unreachable");
                Thread.sleep(100);
            }
            JsonObject canon = api.get("api/images?folderId=" + folderId + "&q=canon").object().getJsonArray("items").getJsonObject(0);
            assertAll(
                    () -> assertEquals("PENDING", canon.getString("status")),
                    () -> assertEquals(64, canon.getInt("width"), "the size from the header"),
                    () -> assertEquals("2019-07-14T09:30:00Z", canon.getString("takenAt")),
                    () -> assertEquals(3, folderView(folderId).getInt("imageCount")),
                    () -> assertTrue(api.get("api/stats").object().getInt("pending") >= pendingBefore + 3),
                    () -> assertEquals(200, fetch("api/images/" + canon.getJsonNumber("id").longValue() + "/thumbnail?size=128", null).statusCode(),
                            "a PENDING image has its thumbnail"),
                    () -> assertTrue(catalogEvent.get(20, TimeUnit.SECONDS).contains("\"folderId\":" + folderId), "a catalog event names the folder"));
        } finally {
            stream.body().close();
            api.post("api/jobs/" + executionId + "/stop", "");
            api.awaitEnd(executionId, Duration.ofMinutes(2));
            vision.reset();
        }
        long canonId = idOf(folderId, "IMG_0001.jpg");

        // Mode new after a failed scan: a PENDING row never counts as catalogued and unchanged. The circuit breaker the
        // failures opened closes after its delay, which differs between servers: until then a scan fails at once.
        long breakerDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                api.scanToCompletion(folderId, "new");
                break;
            } catch (AssertionError breakerStillOpen) {
                if (System.nanoTime() > breakerDeadline || !String.valueOf(breakerStillOpen.getMessage()).contains("circuit breaker")) {
                    throw breakerStillOpen;
                }
                Thread.sleep(1000);
            }
        }

        JsonObject tagged = api.get("api/images/" + canonId).object();
        assertEquals("TAGGED", tagged.getString("status"), "the same row, now described");
        assertFalse(tagged.getString("description").isBlank());
        assertEquals(3, api.get("api/images?folderId=" + folderId + "&status=TAGGED").object().getInt("total"));
        assertEquals(3, api.get("api/images?folderId=" + folderId).object().getInt("total"), "no second row for a file");
    }

    private JsonObject folderView(long folderId) {
        for (JsonValue folder : api.get("api/folders").json().asJsonArray()) {
            if (folder.asJsonObject().getJsonNumber("id").longValue() == folderId) {
                return folder.asJsonObject();
            }
        }
        throw new AssertionError("no folder " + folderId);
    }

    /** The data of the first {@code catalog} event that names the folder. */
    private static String firstCatalogEvent(Iterator<String> lines, long folderId) {
        String event = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:") && "catalog".equals(event) && line.contains("\"folderId\":" + folderId)) {
                return line.substring(5).strip();
            }
        }
        return "";
    }

    /** Issue 19: parts of file and folder names, camera make and model, lens, typos, years and months. */
    @Test
    void searchFindsPartsOfNamesTyposCamerasFoldersAndYears() throws Exception {
        Path folder = TestFolders.create("vacation");
        Path beach = java.nio.file.Files.createDirectories(folder.resolve("beach-trip"));
        TestImages.writeJpegWithExif(beach.resolve("IMG_20190714_sunrise.jpg"), "Canon", "Canon EOS 5D Mark IV", "EF 24-70mm f/2.8L",
                LocalDateTime.of(2019, 7, 14, 6, 10), 1, Double.NaN, Double.NaN);
        TestImages.writeJpegWithExif(folder.resolve("DSC_0042.jpg"), "NIKON CORPORATION", "NIKON D750", null,
                LocalDateTime.of(2021, 3, 2, 18, 0), 1, Double.NaN, Double.NaN);
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");

        assertAll(
                () -> assertEquals(1, total(folderId, "sunri"), "part of a file name"),
                () -> assertEquals(1, total(folderId, "dsc_00"), "part of a file name with an underscore"),
                () -> assertEquals(1, total(folderId, "Canon"), "camera make"),
                () -> assertEquals(1, total(folderId, "d750"), "camera model"),
                () -> assertEquals(1, total(folderId, "24-70mm"), "lens"),
                () -> assertEquals(1, total(folderId, "beach-trip"), "folder name"),
                () -> assertEquals(1, total(folderId, "beach"), "part of a folder name"),
                () -> assertEquals(2, total(folderId, "vacaton"), "a typo of the folder's name"),
                () -> assertEquals(1, total(folderId, "cannon"), "a typo of the camera make"),
                () -> assertEquals(1, total(folderId, "2019"), "a year"),
                () -> assertEquals(1, total(folderId, "2021-03"), "a month"),
                () -> assertEquals(0, total(folderId, "2021-04"), "another month"),
                () -> assertEquals(0, total(folderId, "2020"), "a year with no photo: no neighbour years"),
                () -> assertEquals(2, total(folderId, "2019 2021"), "either year"),
                () -> assertEquals(1, total(folderId, "nikon 2021"), "words and a year"),
                () -> assertEquals(0, total(folderId, "canon 2021"), "words and a year of another photo"),
                () -> assertEquals(0, total(folderId, "giraffe")),
                () -> assertEquals(2, total(folderId, "gray"), "the full-text search still finds the description"));
    }

    /** Issue 19: months of the timeline, keyset pages through all of it, and a jump to a month. */
    @Test
    void theTimelineCountsMonthsAndKeysetPagesWalkEveryImageOnceAndJumpToAMonth() throws Exception {
        Path folder = TestFolders.create("timeline");
        LocalDateTime[] taken = {LocalDateTime.of(2018, 1, 5, 10, 0), LocalDateTime.of(2018, 1, 20, 10, 0), LocalDateTime.of(2019, 7, 1, 8, 0),
                LocalDateTime.of(2019, 7, 31, 23, 0), LocalDateTime.of(2019, 7, 31, 23, 0), LocalDateTime.of(2020, 12, 24, 18, 0)};
        for (int i = 0; i < taken.length; i++) {
            TestImages.writeJpegWithExif(folder.resolve("t" + i + ".jpg"), "Canon", "T" + i, null, taken[i], 1, Double.NaN, Double.NaN);
        }
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");

        var months = api.get("api/images/timeline?folderId=" + folderId).json().asJsonArray();
        assertEquals(3, months.size(), months.toString());
        assertEquals(2020, months.getJsonObject(0).getInt("year"), "newest first");
        JsonObject july = months.getJsonObject(1);
        assertEquals(List.of(2019, 7, 3), List.of(july.getInt("year"), july.getInt("month"), july.getInt("count")));

        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = api.get("api/images?folderId=" + folderId + "&sort=newest&size=2" + (cursor == null ? "" : "&after=" + cursor)).object();
            assertEquals(taken.length, page.getInt("total"));
            page.getJsonArray("items").forEach(item -> walked.add(item.asJsonObject().getString("takenAt")));
            cursor = page.containsKey("nextCursor") && !page.isNull("nextCursor") ? page.getString("nextCursor") : null;
        } while (cursor != null);
        assertEquals(List.of("2020-12-24T18:00:00Z", "2019-07-31T23:00:00Z", "2019-07-31T23:00:00Z", "2019-07-01T08:00:00Z",
                "2018-01-20T10:00:00Z", "2018-01-05T10:00:00Z"), walked.subList(0, taken.length), "every image once, newest first");

        JsonObject jumped = api.get("api/images?folderId=" + folderId + "&size=2&after=" + july.getString("cursor")).object();
        assertEquals("2019-07-31T23:00:00Z", jumped.getJsonArray("items").getJsonObject(0).getString("takenAt"), "the month's newest first");
        assertEquals("2018-01-20T10:00:00Z", api.get("api/images?folderId=" + folderId + "&sort=newest&size=2&page=2").object()
                .getJsonArray("items").getJsonObject(0).getString("takenAt"), "page still works");
        assertEquals(400, api.get("api/images?folderId=" + folderId + "&after=nonsense").status());
        var oldest = api.get("api/images/timeline?folderId=" + folderId + "&sort=oldest").json().asJsonArray();
        assertEquals(2018, oldest.getJsonObject(0).getInt("year"));
        JsonObject fromJuly = api.get("api/images?folderId=" + folderId + "&sort=oldest&size=1&after=" + oldest.getJsonObject(1).getString("cursor")).object();
        assertEquals("2019-07-01T08:00:00Z", fromJuly.getJsonArray("items").getJsonObject(0).getString("takenAt"));
    }

    @Test
    void jobEventsStreamProgressUntilTheExecutionEnds() throws Exception {
        Path folder = TestFolders.create("events");
        int images = 30;
        for (int i = 0; i < images; i++) {
            TestImages.writeJpeg(folder.resolve("e" + i + ".jpg"), 64 + i, 64, Color.ORANGE);
        }
        long folderId = api.addFolder(folder);
        // Three chunks of 10, about 1.5 s apart at the default concurrency of 2: the stream looks twice a second.
        vision.setLatency(Duration.ofMillis(300));
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(deployment + "api/jobs/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));

        long executionId = api.scan(folderId, "new");
        List<JsonObject> events = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> collect(stream.body().iterator(), executionId, events));
        try {
            reading.get(1, TimeUnit.MINUTES);
        } finally {
            stream.body().close();
        }
        assertTrue(events.size() >= 3, "progress came in several events: " + events.size());
        assertEquals("COMPLETED", events.get(events.size() - 1).getString("status"));
        assertEquals(images, events.get(events.size() - 1).getJsonObject("progress").getInt("done"));
    }

    /** Reads the stream until the execution's COMPLETED event, keeping that execution's job events. */
    private static void collect(Iterator<String> lines, long executionId, List<JsonObject> events) {
        String event = null;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:") && "job".equals(event)) {
                JsonObject job = Json.createReader(new StringReader(line.substring(5).strip())).readObject();
                if (job.getJsonNumber("executionId").longValue() == executionId) {
                    events.add(job);
                    if ("COMPLETED".equals(job.getString("status"))) {
                        return;
                    }
                }
            }
        }
    }

    @Test
    void videosHeicAvifAndRawAreTaggedWithThumbnailsAndAVideoReachesTheModelAsOneMontage() throws Exception {
        Path folder = TestFolders.create("media");
        TestImages.writeVideo(folder.resolve("clip.mp4"), 320, 240, 3);
        TestImages.writeHeic(folder.resolve("IMG_0001.HEIC"), 230, 150, Color.GREEN);
        TestImages.writeAvif(folder.resolve("flower.avif"), 210, 140, Color.BLUE);
        TestImages.writeRawWithPreview(folder.resolve("DSC_0001.NEF"), 240, 160, Color.YELLOW);
        TestImages.writeText(folder.resolve("broken.mov"), "not a video at all");
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");

        assertEquals(4, vision.chatRequests(), "one request per picture and one for the whole video");
        List<FakeVisionServer.ImageSize> sent = vision.receivedImageSizes();
        // 3×3 frames of 338×253 (the 1024 px limit shared by 3 columns) with 4 px between them
        assertTrue(sent.stream().anyMatch(size -> size.width() > 1000 && size.width() <= 1024
                && Math.abs(size.height() - (3 * 253 + 8)) <= 3), "a 3x3 montage was sent: " + sent);

        JsonObject clip = api.get("api/images/" + idOf(folderId, "clip.mp4")).object();
        assertAll(
                () -> assertEquals("TAGGED", clip.getString("status")),
                () -> assertEquals("video", clip.getString("kind")),
                () -> assertEquals(3.0, clip.getJsonNumber("durationSeconds").doubleValue(), 0.2),
                () -> assertEquals(320, clip.getInt("width")),
                () -> assertEquals(240, clip.getInt("height")),
                () -> assertTrue(clip.getString("takenAt").startsWith("2024-05-01"), clip.toString()));
        for (String name : List.of("IMG_0001.HEIC", "flower.avif", "DSC_0001.NEF")) {
            JsonObject photo = api.get("api/images/" + idOf(folderId, name)).object();
            assertEquals("TAGGED", photo.getString("status"), photo.toString());
            assertEquals("photo", photo.getString("kind"));
        }
        assertTrue(api.get("api/images/" + idOf(folderId, "flower.avif")).object().getString("description").contains("blue"));
        JsonObject broken = api.get("api/images/" + idOf(folderId, "broken.mov")).object();
        assertEquals("FAILED", broken.getString("status"));
        assertTrue(broken.getString("error").startsWith("corrupt or unsupported video: "), broken.getString("error"));
        assertFalse(broken.getString("error").contains(folder.toString()), "the reason does not repeat the path");

        for (String name : List.of("clip.mp4", "IMG_0001.HEIC", "flower.avif", "DSC_0001.NEF")) {
            HttpResponse<byte[]> thumbnail = fetch("api/images/" + idOf(folderId, name) + "/thumbnail?size=128", null);
            assertEquals(200, thumbnail.statusCode(), name);
            assertEquals("image/jpeg", thumbnail.headers().firstValue("Content-Type").orElse(""));
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
            assertEquals(128, Math.max(picture.getWidth(), picture.getHeight()), name);
        }
        JsonObject media = api.get("api/media").object();
        assertTrue(media.getJsonArray("kinds").stream().map(JsonValue::asJsonObject)
                .allMatch(kind -> kind.getBoolean("available")), media.toString());
    }

    @Test
    void theFileOfAVideoAnswersRangeRequestsSoBrowsersCanSeek() throws Exception {
        Path folder = TestFolders.create("ranges");
        Path clip = TestImages.writeVideo(folder.resolve("seek.webm"), 160, 120, 2);
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");
        long id = idOf(folderId, "seek.webm");
        byte[] content = java.nio.file.Files.readAllBytes(clip);

        HttpResponse<byte[]> whole = fetchRange("api/images/" + id + "/file", null);
        assertEquals(200, whole.statusCode());
        assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElse(""));
        assertEquals("video/webm", whole.headers().firstValue("Content-Type").orElse(""));
        assertEquals(content.length, whole.body().length);

        HttpResponse<byte[]> part = fetchRange("api/images/" + id + "/file", "bytes=100-199");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 100-199/" + content.length, part.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 100, 200), part.body());

        HttpResponse<byte[]> tail = fetchRange("api/images/" + id + "/file", "bytes=-10");
        assertEquals(206, tail.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(content, content.length - 10, content.length), tail.body());

        HttpResponse<byte[]> beyond = fetchRange("api/images/" + id + "/file", "bytes=" + content.length + "-");
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */" + content.length, beyond.headers().firstValue("Content-Range").orElse(""));
        assertEquals(416, Json.createReader(new StringReader(new String(beyond.body()))).readObject().getInt("status"));
    }

    @Test
    void outsideTheProcessingWindowAScanSendsNothingAndGoesOnWhenTheWindowIsChanged() throws Exception {
        Path folder = TestFolders.create("window");
        TestImages.writeJpeg(folder.resolve("night-1.jpg"), 173, 91, Color.RED);
        TestImages.writeJpeg(folder.resolve("night-2.jpg"), 174, 91, Color.BLUE);
        long folderId = api.addFolder(folder);
        // A minute of the day that is hours away on the server's clock (the server runs on this machine).
        LocalTime opens = LocalTime.now().plusHours(3).withSecond(0).withNano(0);
        String window = opens + "-" + opens.plusMinutes(1);
        try {
            assertEquals(400, api.put("api/settings", "{\"schedule\":{\"window\":\"25:00-06:00\"}}").status());
            Api.Reply set = api.put("api/settings", "{\"schedule\":{\"window\":\"" + window + "\"}}");
            assertEquals(200, set.status(), set.body());
            assertEquals(window, set.object().getJsonObject("schedule").getString("window"));

            long executionId = api.scan(folderId, "new");
            JsonObject schedule = awaitWaitingRequests();
            Thread.sleep(3000);
            assertEquals(0, vision.chatRequests(), "no request is sent outside the window");
            assertEquals("STARTED", api.get("api/jobs/" + executionId).object().getString("status"));
            assertFalse(schedule.getBoolean("open"));
            assertEquals(window, schedule.getString("window"));
            assertEquals(opens.toString(), LocalDateTime.parse(schedule.getString("opensAtLocal")).toLocalTime().toString());
            assertTrue(schedule.getString("opensAt").endsWith("Z"));

            LocalTime now = LocalTime.now().withSecond(0).withNano(0);
            assertEquals(200, api.put("api/settings", "{\"schedule\":{\"window\":\"" + now + "-" + now.minusMinutes(1) + "\"}}").status());
            JsonObject execution = api.awaitEnd(executionId, Duration.ofMinutes(1));
            assertEquals("COMPLETED", execution.getString("status"), execution.toString());
            assertEquals(2, vision.chatRequests());
            assertTrue(api.get("api/vision/schedule").object().getBoolean("open"));
        } finally {
            api.put("api/settings", "{\"schedule\":{\"window\":\"\"}}");
        }
    }

    @Test
    void pauseHoldsEveryModelRequestUntilResumed() throws Exception {
        Path folder = TestFolders.create("pause");
        TestImages.writeJpeg(folder.resolve("held.jpg"), 175, 92, Color.GREEN);
        long folderId = api.addFolder(folder);
        try {
            JsonObject paused = api.post("api/vision/pause", "").object();
            assertTrue(paused.getBoolean("paused"));
            assertFalse(paused.getBoolean("open"));
            long executionId = api.scan(folderId, "new");
            awaitWaitingRequests();
            Thread.sleep(2000);
            assertEquals(0, vision.chatRequests());
            assertTrue(api.get("api/settings").object().getJsonArray("overridden").toString().contains("tagger.schedule.paused"));

            JsonObject resumed = api.post("api/vision/resume", "").object();
            assertFalse(resumed.getBoolean("paused"));
            assertEquals("COMPLETED", api.awaitEnd(executionId, Duration.ofMinutes(1)).getString("status"));
            assertEquals(1, vision.chatRequests());
        } finally {
            api.post("api/vision/resume", "");
        }
    }

    private JsonObject awaitWaitingRequests() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject schedule = api.get("api/vision/schedule").object();
            if (schedule.getInt("waitingRequests") > 0) {
                return schedule;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no request waits: " + api.get("api/vision/schedule").body());
    }

    /** Issue 19: the viewer shows a JPEG of screen size, made once and cached with an ETag, not the 12-megapixel original. */
    @Test
    void thePreviewOfALargePortraitIsAScreenSizedJpegWithAnETag() throws Exception {
        Path folder = TestFolders.create("preview");
        TestImages.writeJpeg(folder.resolve("portrait.jpg"), 3000, 4000, new Color(30, 120, 200));
        TestImages.writeJpeg(folder.resolve("small.jpg"), 300, 171, Color.ORANGE);
        Process exif = new ProcessBuilder("exiftool", "-q", "-overwrite_original", "-FNumber=2.8", "-ExposureTime=1/250",
                "-ISO=200", "-FocalLength=35", "-FocalLengthIn35mmFormat=52", folder.resolve("small.jpg").toString())
                .inheritIO().start();
        assertEquals(0, exif.waitFor(), "exiftool wrote the exposure");
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");
        JsonObject exposure = api.get("api/images/" + idOf(folderId, "small.jpg")).object().getJsonObject("exposure");
        assertEquals(2.8, exposure.getJsonNumber("aperture").doubleValue());
        assertEquals("1/250 s", exposure.getString("shutter"));
        assertEquals(200, exposure.getInt("iso"));
        assertEquals(35.0, exposure.getJsonNumber("focalLength").doubleValue());
        assertEquals(52, exposure.getInt("focalLength35"));

        HttpResponse<byte[]> preview = fetch("api/images/" + idOf(folderId, "portrait.jpg") + "/preview", null);
        assertEquals(200, preview.statusCode());
        assertEquals("image/jpeg", preview.headers().firstValue("Content-Type").orElse(""));
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(preview.body()));
        assertEquals(List.of(1536, 2048), List.of(picture.getWidth(), picture.getHeight()));
        String etag = preview.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, fetch("api/images/" + idOf(folderId, "portrait.jpg") + "/preview", etag).statusCode());

        BufferedImage small = ImageIO.read(new ByteArrayInputStream(fetch("api/images/" + idOf(folderId, "small.jpg") + "/preview", null).body()));
        assertEquals(300, small.getWidth(), "never enlarged");
        assertEquals(404, fetch("api/images/987654321/preview", null).statusCode());
    }

    /**
     * Issue 19: a hand edit marks only the added tags as the person's; a kept model tag stays the model's (the next
     * re-tag may replace it); a removed model tag stays removed over re-tags, until the person adds it again.
     */
    @Test
    void aHandEditKeepsWhoSetEachTagAndARemovedModelTagStaysRemovedOverARetag() throws IOException {
        Path folder = TestFolders.create("provenance");
        TestImages.writeJpeg(folder.resolve("lake.jpg"), 123, 77, Color.BLUE);
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");
        long id = idOf(folderId, "lake.jpg");
        assertEquals(List.of("blue", "fake"), sortedStrings(api.get("api/images/" + id).object(), "tags"));

        Api.Reply edit = api.put("api/images/" + id + "/tags", "{\"tags\":[\"blue\",\"lake\"]}");
        assertEquals(200, edit.status(), edit.body());
        JsonObject edited = edit.object();
        assertEquals(List.of("blue", "lake"), sortedStrings(edited, "tags"));
        assertEquals(List.of("lake"), sortedStrings(edited, "manualTags"), "only the added tag is the person's");
        assertEquals(List.of("fake"), sortedStrings(edited, "rejectedTags"));

        Api.Reply retag = api.post("api/images/" + id + "/retag", "{}");
        assertEquals(202, retag.status(), retag.body());
        JsonObject ended = api.awaitEnd(retag.object().getJsonNumber("executionId").longValue(), Duration.ofSeconds(60));
        assertEquals("COMPLETED", ended.getString("status"), ended.toString());
        assertEquals("Re-tag one photo: lake.jpg", ended.getString("description"));
        JsonObject after = api.get("api/images/" + id).object();
        assertEquals(List.of("blue", "lake"), sortedStrings(after, "tags"), "the model's fake stays removed: " + after);
        assertEquals(List.of("lake"), sortedStrings(after, "manualTags"));
        assertEquals(List.of("fake"), sortedStrings(after, "rejectedTags"));

        JsonObject back = api.put("api/images/" + id + "/tags", "{\"tags\":[\"blue\",\"lake\",\"fake\"]}").object();
        assertEquals(List.of("fake", "lake"), sortedStrings(back, "manualTags"), "put back by hand, it is the person's");
        assertEquals(List.of(), sortedStrings(back, "rejectedTags"));
    }

    /** Issue 19: one job per click; the second re-tag of a photo while the first runs names the running execution. */
    @Test
    void aSecondRetagWhileTheFirstRunsIsRefusedWithTheRunningExecutionAndAFinishedOneIsNotRestartable() throws IOException {
        Path folder = TestFolders.create("retag-twice");
        TestImages.writeJpeg(folder.resolve("twice.jpg"), 131, 79, Color.GREEN);
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");
        long id = idOf(folderId, "twice.jpg");
        vision.setLatency(Duration.ofSeconds(3));
        Api.Reply first = api.post("api/images/" + id + "/retag", "{}");
        assertEquals(202, first.status(), first.body());
        long running = first.object().getJsonNumber("executionId").longValue();
        assertEquals("Re-tag one photo: twice.jpg", first.object().getString("description"));

        Api.Reply second = api.post("api/images/" + id + "/retag", "{}");
        assertEquals(409, second.status(), second.body());
        assertEquals(running, second.object().getJsonNumber("executionId").longValue());
        assertTrue(second.object().getString("error").contains("execution " + running), second.body());
        assertEquals(409, second.object().getInt("status"));

        JsonObject ended = api.awaitEnd(running, Duration.ofSeconds(60));
        assertEquals("COMPLETED", ended.getString("status"), ended.toString());
        assertFalse(ended.getBoolean("restartable"), "a completed execution offers no restart");
    }

    /** Issue 19: "Retry failed" when every failed image has used up its attempts says so instead of running an empty job. */
    @Test
    void retryFailedPastTheAttemptLimitIsRefusedWithTheCountAndTheLimit() throws IOException {
        Path folder = TestFolders.create("retry-limit");
        TestImages.writeText(folder.resolve("not-a-photo.jpg"), "this is no JPEG");
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");
        long id = idOf(folderId, "not-a-photo.jpg");
        for (int attempt = 2; api.get("api/images/" + id).object().getInt("attempts") < 3; attempt++) {
            assertTrue(attempt <= 3, "two retries reach the limit of 3 attempts");
            JsonObject retry = api.scanToCompletion(folderId, "failed");
            assertEquals("Retry failed images", retry.getString("description"));
        }
        Api.Reply refused = api.post("api/folders/" + folderId + "/scan", "{\"mode\":\"failed\"}");
        assertEquals(409, refused.status(), refused.body());
        JsonObject body = refused.object();
        assertEquals(1, body.getInt("failed"));
        assertEquals(3, body.getInt("maxAttempts"));
        assertTrue(body.getString("error").contains("tried 3 times"), body.toString());
    }

    private static List<String> sortedStrings(JsonObject object, String key) {
        return object.getJsonArray(key).getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).sorted().toList();
    }

    private HttpResponse<byte[]> fetchRange(String path, String range) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(deployment + path));
        if (range != null) {
            request.header("Range", range);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private long total(long folderId, String query) {
        String q = java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8);
        return api.get("api/images?folderId=" + folderId + "&q=" + q).object().getInt("total");
    }

    private long idOf(long folderId, String fileName) {
        for (var item : api.get("api/images?folderId=" + folderId + "&size=200").object().getJsonArray("items")) {
            if (item.asJsonObject().getString("path").endsWith("/" + fileName)) {
                return item.asJsonObject().getJsonNumber("id").longValue();
            }
        }
        throw new AssertionError(fileName + " is not catalogued");
    }

    private HttpResponse<byte[]> fetch(String path, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(deployment + path));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
