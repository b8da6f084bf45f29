package org.imagetagger.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.awt.Color;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.imagetagger.support.Api;
import org.imagetagger.support.FakeVisionServer;
import org.imagetagger.support.StandaloneServer;
import org.imagetagger.support.TestDatabase;
import org.imagetagger.support.TestDeployments;
import org.imagetagger.support.TestFolders;
import org.imagetagger.support.TestImages;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** kill -9 in the middle of a scan: the execution shows FAILED after the next start and resumes on restart. */
class CrashRecoveryIT {

    private static final int IMAGES = 40;
    private static final int CHUNK = 10;
    private static FakeVisionServer vision;
    private static String dbUrl;

    @BeforeAll
    static void start() {
        vision = new FakeVisionServer();
        vision.start();
        dbUrl = TestDatabase.createExtra("crash");
    }

    @AfterAll
    static void stop() {
        vision.stop();
        TestDatabase.dropExtra("crash");
    }

    /**
     * The race of issue 13: a scan killed at a third, the server started again (same instance name) with its
     * watcher's catch-up scan of the folder, and a restart of the crashed execution asked for at once. The
     * interrupted scan is taken over by the new server without a restart, the catch-up and the restart are
     * refused while it runs, and nothing beyond what the dead server held is sent twice.
     */
    @Test
    void aScanKilledMidwayIsFinishedAfterTheRestartWithoutDoublingByTheCatchUpScanOrARestart() throws Exception {
        Path folder = TestFolders.create("crash");
        for (int i = 0; i < IMAGES; i++) {
            TestImages.writeJpeg(folder.resolve(String.format("c%02d.jpg", i)), 64 + i, 64, i % 2 == 0 ? Color.RED : Color.BLUE);
        }
        WebArchive war = TestDeployments.war(Map.of("tagger.vision.url", vision.url()));
        Map<String, String> sameName = Map.of("TAGGER_INSTANCE_NAME", "crash-test");
        vision.setLatency(Duration.ofMillis(150));

        long executionId;
        try (StandaloneServer first = StandaloneServer.start(war, dbUrl, "first", "-Xmx384m", sameName)) {
            Api api = new Api(first.url());
            executionId = api.scan(api.addFolder(folder), "new");
            api.awaitProgress(executionId, CHUNK);
            first.kill();
        }
        int committed = taggedCount();
        assertTrue(committed >= CHUNK && committed < IMAGES, committed + " images committed before the kill");

        try (StandaloneServer second = StandaloneServer.start(war, dbUrl, "second", "-Xmx384m", sameName)) {
            Api api = new Api(second.url());
            Api.Reply restart = api.post("api/jobs/" + executionId + "/restart", "");
            assertEquals(409, restart.status(), "the scan is already being finished: " + restart.body());

            JsonObject interrupted = api.get("api/jobs/" + executionId).object();
            for (int i = 0; i < 60 && !"FAILED".equals(interrupted.getString("status")); i++) {
                Thread.sleep(250);
                interrupted = api.get("api/jobs/" + executionId).object();
            }
            assertEquals("FAILED", interrupted.getString("status"), interrupted.toString());
            assertTrue(interrupted.getString("exitStatus").contains("server running this execution stopped"), interrupted.getString("exitStatus"));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (taggedCount() < IMAGES || api.get("api/stats").object().getInt("runningJobs") > 0) {
                assertTrue(System.nanoTime() < deadline, "the interrupted scan is finished without a restart: " + taggedCount() + " tagged");
                Thread.sleep(200);
            }
        }
        assertEquals(IMAGES, taggedCount());
        // README "Running several instances": what the dead server held (its chunk and its read-ahead) at most.
        int held = CHUNK + 2 * 2 + Math.min(4, Runtime.getRuntime().availableProcessors());
        assertTrue(vision.chatRequests() <= IMAGES + held,
                "at most one chunk and the read-ahead are sent again: " + vision.chatRequests() + " requests for " + IMAGES + " images");
        try (Connection db = DriverManager.getConnection(dbUrl, "postgres", ""); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*) FROM images i WHERE status <> 'TAGGED' OR description IS NULL"
                     + " OR NOT EXISTS (SELECT 1 FROM image_tags t WHERE t.image_id = i.id)")) {
            rows.next();
            assertEquals(0, rows.getInt(1), "no image is left pending or half-written");
        }
    }

    private static int taggedCount() throws Exception {
        try (Connection db = DriverManager.getConnection(dbUrl, "postgres", ""); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*) FROM images WHERE status = 'TAGGED'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
