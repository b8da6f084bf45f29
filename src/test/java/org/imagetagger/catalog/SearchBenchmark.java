package org.imagetagger.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.imagetagger.support.Api;
import org.imagetagger.support.FakeVisionServer;
import org.imagetagger.support.TestDatabase;
import org.imagetagger.support.TestDeployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * BENCHMARK (docs/BENCHMARKS.md, issues 5 and 19): search at 100,000 catalogued images inserted with SQL, through the
 * HTTP API and as SQL. Run by {@code mvn -Pbench verify -Dit.test=SearchBenchmark}, not by the test command: it
 * measures, and its minutes are better spent elsewhere in every build.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SearchBenchmark {

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
                                        description, search_text, version, taken_at)
                    SELECT 9000000 + g, 9000000, '/bench/100k/d' || (g % 100) || '/img' || g || '.jpg', '/bench/100k/d' || (g % 100),
                           'img' || g || '.jpg', 1000, now(), 'TAGGED', 1, d, d || ' benchtag' || (g % 200) || ' benchtag' || (g % 37), 0,
                           TIMESTAMP '2020-01-01 00:00:00' + g * INTERVAL '1 minute'
                    FROM (SELECT g, 'A ' || (ARRAY['red','green','blue','yellow','white'])[1 + g % 5] || ' picture of a '
                                 || (ARRAY['dog','cat','car','tree','beach','house','boat'])[1 + g % 7] AS d
                          FROM generate_series(0, 99999) g) rows""");
            // Triggers off while 200,000 rows go in (the tag-id array trigger would update each image twice); the
            // array is then filled in one statement, as V30's migration does.
            sql.execute("SET session_replication_role = replica");
            sql.execute("INSERT INTO image_tags (image_id, tag_id) SELECT 9000000 + g, 9000000 + g % 200 FROM generate_series(0, 99999) g");
            sql.execute("INSERT INTO image_tags (image_id, tag_id) SELECT 9000000 + g, 9000000 + g % 37 FROM generate_series(0, 99999) g"
                    + " WHERE g % 37 <> g % 200");
            sql.execute("SET session_replication_role = DEFAULT");
            sql.execute("UPDATE images i SET tag_ids = ARRAY(SELECT t.tag_id FROM image_tags t WHERE t.image_id = i.id)"
                    + " WHERE i.folder_id = 9000000");
            sql.execute("VACUUM ANALYZE images");
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
            compareTagFilterSql(colours, animals);
            compareNameMatchingSql(colours, animals);
            compareDeepPages();
        } finally {
            try (Connection db = TestDatabase.connect(); Statement sql = db.createStatement()) {
                sql.execute("DELETE FROM folders WHERE id = 9000000");
                sql.execute("DELETE FROM tags WHERE id BETWEEN 9000000 AND 9000199");
            }
        }
    }

    /**
     * Before and after in one run, in the database alone: the count and page queries as ImageSearch sent them
     * before V30 (a join per tag, by name) and as it sends them now (the tag-id array), alternately.
     */
    private static void compareTagFilterSql(String[] colours, String[] animals) throws SQLException {
        String joins = "SELECT %s FROM images i WHERE tagger_text_match(search_text, ?)"
                + " AND EXISTS (SELECT 1 FROM image_tags a JOIN tags t ON t.id = a.tag_id WHERE a.image_id = i.id AND t.name = ?)"
                + " AND EXISTS (SELECT 1 FROM image_tags a JOIN tags t ON t.id = a.tag_id WHERE a.image_id = i.id AND t.name = ?)%s";
        String array = "SELECT %s FROM images i WHERE tagger_text_match(search_text, ?)"
                + " AND tag_ids @> ARRAY(SELECT id FROM tags WHERE name IN (?, ?))%s";
        String page = " ORDER BY tagger_text_rank(search_text, ?) DESC, i.id DESC LIMIT 50";
        java.util.Random random = new java.util.Random(11);
        long[][] micros = new long[2][100];
        try (Connection db = TestDatabase.connect()) {
            for (int i = -20; i < 100; i++) {
                int g = random.nextInt(100_000);
                String text = colours[g % 5] + " " + animals[g % 7];
                String[] tags = {"benchtag" + g % 200, "benchtag" + g % 37};
                for (int variant = 0; variant < 2; variant++) {
                    String sql = variant == 0 ? joins : array;
                    long start = System.nanoTime();
                    long total = count(db, String.format(sql, "count(*)", ""), text, tags);
                    long rows = count(db, String.format(sql, "i.id", page), text, tags, text);
                    if (i >= 0) {
                        micros[variant][i] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
                    }
                    assertTrue(total >= 1 && rows == Math.min(total, 50), "variant " + variant + " finds image " + g);
                }
            }
        }
        java.util.Arrays.sort(micros[0]);
        java.util.Arrays.sort(micros[1]);
        System.out.printf("BENCHMARK SQL count + page, text + 2 tags over 100,000 images: joins p50 %.1f ms, p95 %.1f ms;"
                        + " tag-id array p50 %.1f ms, p95 %.1f ms; p95 ratio %.1fx%n",
                micros[0][50] / 1000.0, micros[0][94] / 1000.0, micros[1][50] / 1000.0, micros[1][94] / 1000.0,
                (double) micros[0][94] / Math.max(1, micros[1][94]));
    }

    /**
     * Issue 19 over HTTP, alternately: a page about 55,000 images deep (newest first) read by offset
     * ({@code page=916&size=60}) and by keyset (the timeline's cursor of January 2020, the same depth).
     */
    private void compareDeepPages() {
        var months = api.get("api/images/timeline?folderId=9000000").json().asJsonArray();
        JsonObject january = months.getJsonObject(months.size() - 1);
        assertEquals(List.of(2020, 1), List.of(january.getInt("year"), january.getInt("month")));
        long[][] millis = new long[2][40];
        for (int i = -5; i < 40; i++) {
            for (int variant = 0; variant < 2; variant++) {
                String query = "api/images?folderId=9000000&sort=newest&size=60&"
                        + (variant == 0 ? "page=916" : "after=" + january.getString("cursor"));
                long start = System.nanoTime();
                JsonObject page = api.get(query).object();
                if (i >= 0) {
                    millis[variant][i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }
                assertEquals(60, page.getJsonArray("items").size(), query);
            }
        }
        java.util.Arrays.sort(millis[0]);
        java.util.Arrays.sort(millis[1]);
        System.out.printf("BENCHMARK a page 55,000 deep of 100,000 images over HTTP: offset p50 %d ms, p95 %d ms; keyset (after=) p50 %d ms, p95 %d ms%n",
                millis[0][20], millis[0][37], millis[1][20], millis[1][37]);
        assertTrue(millis[1][37] < 1000, "keyset p95 " + millis[1][37] + " ms: the timeline index is not used");
    }

    /**
     * Issue 19, in the database alone and alternately: the page query of text + 2 tags as before (full text only)
     * and with the name matching ImageSearch adds (each word also as a part or typo of names, V80's trigram index).
     */
    private static void compareNameMatchingSql(String[] colours, String[] animals) throws SQLException {
        String names = "tagger_name_match(file_name, directory, camera_make, camera_model, lens, ?, ?)";
        String[] variants = {
            "SELECT i.id FROM images i WHERE tagger_text_match(search_text, ?) AND tag_ids @> ARRAY(SELECT id FROM tags WHERE name IN (?, ?))"
                    + " ORDER BY tagger_text_rank(search_text, ?) DESC, i.id DESC LIMIT 50",
            "SELECT i.id FROM images i WHERE (tagger_text_match(search_text, ?) OR (" + names + " AND " + names + "))"
                    + " AND tag_ids @> ARRAY(SELECT id FROM tags WHERE name IN (?, ?)) ORDER BY tagger_text_rank(search_text, ?) DESC, i.id DESC LIMIT 50"};
        java.util.Random random = new java.util.Random(13);
        long[][] micros = new long[2][100];
        try (Connection db = TestDatabase.connect()) {
            for (int i = -20; i < 100; i++) {
                int g = random.nextInt(100_000);
                String colour = colours[g % 5];
                String animal = animals[g % 7];
                String text = colour + " " + animal;
                for (int variant = 0; variant < 2; variant++) {
                    List<String> values = variant == 0
                            ? List.of(text, "benchtag" + g % 200, "benchtag" + g % 37, text)
                            : List.of(text, "%" + colour + "%", colour, "%" + animal + "%", animal, "benchtag" + g % 200, "benchtag" + g % 37, text);
                    long start = System.nanoTime();
                    int rows = 0;
                    try (java.sql.PreparedStatement statement = db.prepareStatement(variants[variant])) {
                        for (int n = 0; n < values.size(); n++) {
                            statement.setString(n + 1, values.get(n));
                        }
                        try (ResultSet result = statement.executeQuery()) {
                            while (result.next()) {
                                rows++;
                            }
                        }
                    }
                    if (i >= 0) {
                        micros[variant][i] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
                    }
                    assertTrue(rows >= 1, "variant " + variant + " finds image " + g);
                }
            }
        }
        java.util.Arrays.sort(micros[0]);
        java.util.Arrays.sort(micros[1]);
        System.out.printf("BENCHMARK SQL page, text + 2 tags over 100,000 images: full text only p50 %.1f ms, p95 %.1f ms;"
                        + " with name matching (issue 19) p50 %.1f ms, p95 %.1f ms; p95 ratio %.2fx%n",
                micros[0][50] / 1000.0, micros[0][94] / 1000.0, micros[1][50] / 1000.0, micros[1][94] / 1000.0,
                (double) micros[1][94] / Math.max(1, micros[0][94]));
    }

    private static long count(Connection db, String sql, String text, String[] tags, String... more) throws SQLException {
        try (java.sql.PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, text);
            statement.setString(2, tags[0]);
            statement.setString(3, tags[1]);
            for (int n = 0; n < more.length; n++) {
                statement.setString(4 + n, more[n]);
            }
            long rows = 0;
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows = sql.startsWith("SELECT count") ? result.getLong(1) : rows + 1;
                }
            }
            return rows;
        }
    }
}
