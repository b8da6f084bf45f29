package org.imagetagger.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Folder watching on Payara Micro and PostgreSQL with the fake vision server (0 ms latency). Every image
 * has a size of its own (height 333, a fresh width), so the fake server's received sizes tell how often
 * each one was sent. Files are placed as copy tools do: written under a hidden name, then renamed.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FolderWatchingIT {

    private static final System.Logger LOG = System.getLogger(FolderWatchingIT.class.getName());
    private static final int HEIGHT = 333;
    private static final long SETTLE_MILLIS = 1000;
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final Color[] COLOURS = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW, Color.WHITE, Color.BLACK};
    private static final AtomicInteger nextWidth = new AtomicInteger(501);
    private static FakeVisionServer vision;

    @ArquillianResource
    URL deployment;

    private Api api;

    @Deployment(testable = false)
    static WebArchive deployment() {
        vision = new FakeVisionServer();
        vision.start();
        return TestDeployments.war(Map.of(
                "tagger.vision.url", vision.url(),
                "tagger.vision.concurrency", "4",
                "tagger.vision.timeout-seconds", "10",
                "tagger.watch.settle-millis", String.valueOf(SETTLE_MILLIS)));
    }

    @BeforeEach
    void connect() {
        api = new Api(deployment);
        vision.reset();
    }

    @Test
    void aBurstOf200FilesIsTaggedOnceEachByAFewExecutions() throws Exception {
        Path folder = newFolder("burst");
        long folderId = watchedFolder(folder);
        List<Integer> widths = new ArrayList<>();
        Path staging = Files.createTempDirectory(folder.getParent(), "staging-");
        List<Path> prepared = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int width = nextWidth.getAndIncrement();
            widths.add(width);
            prepared.add(TestImages.writeJpeg(staging.resolve(String.format("burst-%03d.jpg", i)), width, HEIGHT, COLOURS[i % COLOURS.length]));
        }

        for (Path file : prepared) {
            placeBytes(folder.resolve(file.getFileName()), Files.readAllBytes(file));
        }
        long placed = System.nanoTime();
        await("all 200 images searchable as TAGGED", () -> taggedInApi(folderId) == 200);
        long millis = Duration.ofNanos(System.nanoTime() - placed).toMillis();

        for (int width : widths) {
            assertEquals(1, requestsFor(width), "image " + width + "x" + HEIGHT + " is sent exactly once");
        }
        long executions = executionsOf(folderId);
        assertTrue(executions >= 1 && executions <= 40, "a burst is coalesced into a few executions, not " + executions);
        LOG.log(Level.INFO, "BENCHMARK burst: 200 files searchable {0} ms after the last was placed, {1} executions",
                millis, executions);
        assertEquals(Map.of("TAGGED", 200), statusCounts(folderId));
    }

    @Test
    void aFileWrittenSlowlyIsTaggedOnceAfterItIsComplete() throws Exception {
        Path folder = newFolder("slow");
        long folderId = watchedFolder(folder);
        int width = nextWidth.getAndIncrement();
        Path staging = Files.createTempDirectory(folder.getParent(), "slow-staging-");
        byte[] bytes = Files.readAllBytes(TestImages.writeJpeg(staging.resolve("whole.jpg"), width, HEIGHT, Color.ORANGE));
        Path target = folder.resolve("slowly.jpg");

        try (OutputStream out = Files.newOutputStream(target)) {
            int piece = bytes.length / 6 + 1;
            for (int offset = 0; offset < bytes.length; offset += piece) {
                out.write(bytes, offset, Math.min(piece, bytes.length - offset));
                out.flush();
                Thread.sleep(SETTLE_MILLIS / 4);
            }
        }

        await("the slowly written file is TAGGED", () -> "TAGGED".equals(statusOf(target)));
        Thread.sleep(SETTLE_MILLIS * 4);
        assertEquals(1, requestsFor(width), "sent once, complete");
        assertEquals(Map.of("TAGGED", 1), statusCounts(folderId), "never FAILED as a truncated file");
        assertEquals(bytes.length, imageAt(target).getJsonNumber("sizeBytes").longValue());
    }

    @Test
    void renameCopyModifyDeleteAndReturnNeedTheModelOnlyForNewContent() throws Exception {
        Path folder = newFolder("life");
        long folderId = watchedFolder(folder);
        int first = nextWidth.getAndIncrement();
        int second = nextWidth.getAndIncrement();
        Path staging = Files.createTempDirectory(folder.getParent(), "life-staging-");
        byte[] original = Files.readAllBytes(TestImages.writeJpeg(staging.resolve("a.jpg"), first, HEIGHT, Color.MAGENTA));
        byte[] edited = Files.readAllBytes(TestImages.writeJpeg(staging.resolve("b.jpg"), second, HEIGHT, Color.CYAN));

        Path a = placeBytes(folder.resolve("a.jpg"), original);
        await("a.jpg is TAGGED", () -> "TAGGED".equals(statusOf(a)));
        JsonObject tagged = imageAt(a);
        long id = tagged.getJsonNumber("id").longValue();
        String description = tagged.getString("description");
        assertEquals(200, api.put("api/images/" + id + "/tags", "{\"tags\":[\"keeper\",\"fake\"]}").status());

        Files.createDirectories(folder.resolve("sub"));
        Path moved = Files.move(a, folder.resolve("sub/moved.jpg"), StandardCopyOption.ATOMIC_MOVE);
        await("the renamed file keeps its row", () -> "TAGGED".equals(statusOf(moved)));
        JsonObject afterMove = imageAt(moved);
        assertEquals(id, afterMove.getJsonNumber("id").longValue(), "same row: " + afterMove);
        assertEquals(description, afterMove.getString("description"));
        assertTrue(afterMove.getJsonArray("tags").toString().contains("keeper"), afterMove.toString());
        assertEquals(null, statusOf(a), "no row is left at the old path");

        Path copy = Files.copy(moved, folder.resolve("copy.jpg"));
        await("the copy is TAGGED", () -> "TAGGED".equals(statusOf(copy)));
        JsonObject copied = imageAt(copy);
        assertTrue(copied.getJsonNumber("id").longValue() != id, "a copy is an image of its own");
        assertEquals(description, copied.getString("description"));
        assertEquals(afterMove.getJsonArray("tags"), copied.getJsonArray("tags"), "the copy has the same tags");
        assertEquals(1, requestsFor(first), "rename and copy sent nothing");

        long copyId = copied.getJsonNumber("id").longValue();
        assertEquals(200, api.put("api/images/" + copyId + "/tags", "{\"tags\":[\"mine\"]}").status());
        placeBytes(copy, edited);
        await("the modified copy is re-tagged", () -> imageAt(copy).getString("description").contains(second + "x" + HEIGHT));
        JsonObject retagged = imageAt(copy);
        assertEquals(copyId, retagged.getJsonNumber("id").longValue());
        assertTrue(retagged.getJsonArray("tags").toString().contains("mine"), "manual tags survive: " + retagged);
        assertTrue(retagged.getJsonArray("tags").toString().contains("fake"), "and the model's new tags: " + retagged);
        assertEquals(1, requestsFor(second));

        Files.delete(moved);
        await("the deleted file is MISSING", () -> "MISSING".equals(statusOf(moved)));

        placeBytes(moved, original);
        await("the returning file is TAGGED again", () -> "TAGGED".equals(statusOf(moved)));
        JsonObject back = imageAt(moved);
        assertEquals(id, back.getJsonNumber("id").longValue());
        assertTrue(back.getJsonArray("tags").toString().contains("keeper"), back.toString());
        assertEquals(1, requestsFor(first), "the original content was sent once in its whole life");
        assertEquals(Map.of("TAGGED", 2), statusCounts(folderId));
    }

    @Test
    void temporaryAndHiddenFilesAreIgnoredAndDeactivatingStopsWatching() throws Exception {
        Path folder = newFolder("off");
        long folderId = watchedFolder(folder);
        int ignored = nextWidth.getAndIncrement();
        int before = nextWidth.getAndIncrement();
        int after = nextWidth.getAndIncrement();
        Path staging = Files.createTempDirectory(folder.getParent(), "off-staging-");
        byte[] ignoredBytes = Files.readAllBytes(TestImages.writeJpeg(staging.resolve("i.jpg"), ignored, HEIGHT, Color.PINK));
        Files.write(folder.resolve("upload.jpg.part"), ignoredBytes);
        Files.write(folder.resolve("~lock.jpg"), ignoredBytes);
        Files.write(folder.resolve(".hidden.jpg"), ignoredBytes);
        Path first = placeBytes(folder.resolve("first.jpg"),
                Files.readAllBytes(TestImages.writeJpeg(staging.resolve("f.jpg"), before, HEIGHT, Color.GREEN)));
        await("first.jpg is TAGGED", () -> "TAGGED".equals(statusOf(first)));
        assertEquals(0, requestsFor(ignored), "temporary and hidden names are never sent");

        Api.Reply off = api.patch("api/folders/" + folderId, "{\"active\":false}");
        assertEquals(200, off.status(), off.body());
        assertFalse(off.object().getBoolean("watching"), off.body());
        Path late = placeBytes(folder.resolve("late.jpg"),
                Files.readAllBytes(TestImages.writeJpeg(staging.resolve("l.jpg"), after, HEIGHT, Color.GREEN)));
        Thread.sleep(SETTLE_MILLIS * 5);
        assertEquals(0, requestsFor(after), "an inactive folder is not watched");
        assertEquals(null, statusOf(late));
        assertEquals(Map.of("TAGGED", 1), statusCounts(folderId));
    }

    @Test
    void aFolderThatGoesAwayAndComesBackIsScannedForWhatArrivedMeanwhile() throws Exception {
        Path folder = newFolder("away");
        long folderId = watchedFolder(folder);
        int width = nextWidth.getAndIncrement();
        Path elsewhere = folder.resolveSibling(folder.getFileName() + "-unmounted");
        Files.move(folder, elsewhere, StandardCopyOption.ATOMIC_MOVE);
        await("the folder is reported as not watched", () -> !folder(folderId).getBoolean("watching"));

        TestImages.writeJpeg(elsewhere.resolve("meanwhile.jpg"), width, HEIGHT, Color.LIGHT_GRAY);
        Files.move(elsewhere, folder, StandardCopyOption.ATOMIC_MOVE);

        await("the file that arrived meanwhile is TAGGED", () -> "TAGGED".equals(statusOf(folder.resolve("meanwhile.jpg"))));
        assertTrue(folder(folderId).getBoolean("watching"));
        assertEquals(1, requestsFor(width));
    }

    /** BENCHMARKS.md: a `new` scan of 10,000 catalogued, unchanged files, timed by the batch runtime. */
    @Test
    void aNewScanOf10000UnchangedFilesReadsNoneOfThem() throws Exception {
        Path folder = newFolder("tenthousand");
        FileTime time = FileTime.from(Instant.parse("2024-05-01T10:00:00Z"));
        List<Path> files = new ArrayList<>();
        for (int d = 0; d < 100; d++) {
            Path dir = Files.createDirectories(folder.resolve(String.format("d%03d", d)));
            for (int f = 0; f < 100; f++) {
                Path file = Files.write(dir.resolve(String.format("img-%03d.jpg", f)), new byte[] {(byte) d, (byte) f});
                Files.setLastModifiedTime(file, time);
                files.add(file);
            }
        }
        Api.Reply added = api.post("api/folders", "{\"path\":\"" + folder + "\",\"active\":false}");
        assertEquals(201, added.status(), added.body());
        long folderId = added.object().getJsonNumber("id").longValue();
        catalogue(folderId, files, LocalDateTime.ofInstant(time.toInstant(), ZoneOffset.UTC));

        JsonObject scan = api.scanToCompletion(folderId, "new");

        assertEquals(0, Api.metric(scan, "READ_COUNT"), "no unchanged file is read");
        assertEquals(Map.of("TAGGED", 10_000), statusCounts(folderId), "none is taken for missing");
        long millis = Duration.between(Instant.parse(scan.getString("startTime")), Instant.parse(scan.getString("endTime"))).toMillis();
        LOG.log(Level.INFO, "BENCHMARK rescan: new scan of 10000 unchanged files took {0} ms (start to end of the execution)", millis);
        assertTrue(millis < 30_000, "far slower than the 3 s goal: " + millis + " ms");
    }

    private long watchedFolder(Path folder) {
        long folderId = api.addFolder(folder);
        assertTrue(folder(folderId).getBoolean("watching"), "an active folder is watched at once");
        return folderId;
    }

    private JsonObject folder(long folderId) {
        return api.get("api/folders/" + folderId).object();
    }

    /** Writes the bytes under a hidden name next to the target and renames them into place, as copy tools do. */
    private static Path placeBytes(Path target, byte[] bytes) throws IOException {
        Path hidden = target.resolveSibling("." + target.getFileName() + ".partial");
        Files.write(hidden, bytes);
        return Files.move(hidden, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static long requestsFor(int width) {
        return vision.receivedImageSizes().stream().filter(size -> size.width() == width && size.height() == HEIGHT).count();
    }

    private long taggedInApi(long folderId) {
        return api.get("api/images?folderId=" + folderId + "&status=TAGGED&size=1").object().getJsonNumber("total").longValue();
    }

    private long executionsOf(long folderId) {
        return api.get("api/jobs?limit=500").json().asJsonArray().stream()
                .map(JsonValue::asJsonObject)
                .filter(job -> String.valueOf(folderId).equals(job.getJsonObject("parameters").getString("folderId", "")))
                .count();
    }

    private JsonObject imageAt(Path file) throws SQLException {
        try (Connection db = TestDatabase.connect();
             PreparedStatement sql = db.prepareStatement("SELECT id FROM images WHERE path = ?")) {
            sql.setString(1, file.toString());
            try (ResultSet row = sql.executeQuery()) {
                assertTrue(row.next(), "no image at " + file);
                return api.get("api/images/" + row.getLong(1)).object();
            }
        }
    }

    private static String statusOf(Path file) throws SQLException {
        try (Connection db = TestDatabase.connect();
             PreparedStatement sql = db.prepareStatement("SELECT status FROM images WHERE path = ?")) {
            sql.setString(1, file.toString());
            try (ResultSet row = sql.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static Map<String, Integer> statusCounts(long folderId) throws SQLException {
        Map<String, Integer> counts = new java.util.HashMap<>();
        try (Connection db = TestDatabase.connect();
             PreparedStatement sql = db.prepareStatement("SELECT status, count(*) FROM images WHERE folder_id = ? GROUP BY status")) {
            sql.setLong(1, folderId);
            try (ResultSet rows = sql.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    /** Rows as an earlier scan would have left them, ids far above the sequence's. */
    private static void catalogue(long folderId, List<Path> files, LocalDateTime modified) throws SQLException {
        try (Connection db = TestDatabase.connect();
             PreparedStatement insert = db.prepareStatement("INSERT INTO images (id, folder_id, path, directory, file_name,"
                     + " size_bytes, modified_at, checksum, status, attempts, description, version)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'TAGGED', 1, 'seeded', 0)")) {
            db.setAutoCommit(false);
            long id = 900_000_000L + folderId * 20_000;
            for (Path file : files) {
                insert.setLong(1, id++);
                insert.setLong(2, folderId);
                insert.setString(3, file.toString());
                insert.setString(4, file.getParent().toString());
                insert.setString(5, file.getFileName().toString());
                insert.setLong(6, 2);
                insert.setTimestamp(7, Timestamp.valueOf(modified));
                insert.setString(8, "seeded-" + id);
                insert.addBatch();
            }
            insert.executeBatch();
            db.commit();
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE + ": " + what + " (" + vision.chatRequests()
                        + " model requests so far, sizes " + vision.receivedImageSizes() + ")");
            }
            Thread.sleep(100);
        }
    }

    private static Path newFolder(String name) throws IOException {
        return Files.createDirectories(TestFolders.create("watch-" + name).resolve("photos")).toRealPath();
    }
}
