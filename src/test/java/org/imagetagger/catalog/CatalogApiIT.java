package org.imagetagger.catalog;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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

/** Full-text search on PostgreSQL, thumbnails and live job events. */
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

    /** BENCHMARK: text + two tags over 100,000 catalogued images, through the HTTP API (docs/BENCHMARKS.md). */
    @Test
    void searchWithTextAndTwoTagsStaysFastAtOneHundredThousandImages() throws Exception {
        String[] animals = {"dog", "cat", "car", "tree", "beach", "house", "boat"};
        String[] colours = {"red", "green", "blue", "yellow", "white"};
        try (Connection db = TestDatabase.connect(); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO folders (id, path, include_subfolders, active, added_at) VALUES (9000000, '/bench/100k', true, false, now())");
            sql.execute("INSERT INTO tags (id, name) SELECT 9000000 + g, 'benchtag' || g FROM generate_series(0, 199) g");
            sql.execute("""
                    INSERT INTO images (id, folder_id, path, directory, file_name, size_bytes, modified_at, status, attempts,
                                        description, search_text, version)
                    SELECT 9000000 + g, 9000000, '/bench/100k/d' || (g % 100) || '/img' || g || '.jpg', '/bench/100k/d' || (g % 100),
                           'img' || g || '.jpg', 1000, now(), 'TAGGED', 1, d, d || ' benchtag' || (g % 200) || ' benchtag' || (g % 37), 0
                    FROM (SELECT g, 'A ' || (ARRAY['red','green','blue','yellow','white'])[1 + g % 5] || ' picture of a '
                                 || (ARRAY['dog','cat','car','tree','beach','house','boat'])[1 + g % 7] AS d
                          FROM generate_series(0, 99999) g) rows""");
            sql.execute("INSERT INTO image_tags (image_id, tag_id) SELECT 9000000 + g, 9000000 + g % 200 FROM generate_series(0, 99999) g");
            sql.execute("INSERT INTO image_tags (image_id, tag_id) SELECT 9000000 + g, 9000000 + g % 37 FROM generate_series(0, 99999) g"
                    + " WHERE g % 37 <> g % 200");
            sql.execute("ANALYZE");
        }
        try {
            java.util.Random random = new java.util.Random(7);
            long[] millis = new long[120];
            for (int i = 0; i < millis.length; i++) {
                int g = random.nextInt(100_000);
                String query = "api/images?q=" + colours[g % 5] + "%20" + animals[g % 7] + "&tag=benchtag" + g % 200 + "&tag=benchtag" + g % 37;
                long start = System.nanoTime();
                JsonObject page = api.get(query).object();
                millis[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(page.getInt("total") >= 1, query + " finds image " + g);
            }
            long[] measured = java.util.Arrays.copyOfRange(millis, 20, millis.length);
            java.util.Arrays.sort(measured);
            long p50 = measured[measured.length / 2];
            long p95 = measured[(int) Math.ceil(measured.length * 0.95) - 1];
            System.out.printf("BENCHMARK search text + 2 tags over 100,000 images: p50 %d ms, p95 %d ms (%d queries)%n", p50, p95, measured.length);
            assertTrue(p95 < 1000, "p95 " + p95 + " ms: an index is not used");
        } finally {
            try (Connection db = TestDatabase.connect(); Statement sql = db.createStatement()) {
                sql.execute("DELETE FROM folders WHERE id = 9000000");
                sql.execute("DELETE FROM tags WHERE id BETWEEN 9000000 AND 9000199");
            }
        }
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

    @Test
    void jobEventsStreamProgressUntilTheExecutionEnds() throws Exception {
        Path folder = TestFolders.create("events");
        for (int i = 0; i < 12; i++) {
            TestImages.writeJpeg(folder.resolve("e" + i + ".jpg"), 64 + i, 64, Color.ORANGE);
        }
        long folderId = api.addFolder(folder);
        vision.setLatency(Duration.ofMillis(150));
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
        assertEquals(12, events.get(events.size() - 1).getJsonObject("progress").getInt("done"));
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
