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

    @Test
    void anExecutionKilledMidwayIsFailedAfterTheRestartAndResumesAfterItsLastCommittedChunk() throws Exception {
        Path folder = TestFolders.create("crash");
        for (int i = 0; i < IMAGES; i++) {
            TestImages.writeJpeg(folder.resolve(String.format("c%02d.jpg", i)), 64 + i, 64, i % 2 == 0 ? Color.RED : Color.BLUE);
        }
        // Without the watcher: its catch-up scan at the second start would race the restart this test measures.
        WebArchive war = TestDeployments.war(Map.of("tagger.vision.url", vision.url(), "tagger.watch.enabled", "false"));
        vision.setLatency(Duration.ofMillis(150));

        long executionId;
        try (StandaloneServer first = StandaloneServer.start(war, dbUrl, "first")) {
            Api api = new Api(first.url());
            executionId = api.scan(api.addFolder(folder), "new");
            api.awaitProgress(executionId, CHUNK);
            first.kill();
        }
        int sentBeforeCrash = vision.chatRequests();
        int committed = taggedCount();
        assertTrue(committed >= CHUNK && committed < IMAGES, committed + " images committed before the kill");

        try (StandaloneServer second = StandaloneServer.start(war, dbUrl, "second")) {
            Api api = new Api(second.url());
            JsonObject interrupted = api.get("api/jobs/" + executionId).object();
            assertEquals("FAILED", interrupted.getString("status"), interrupted.toString());
            assertTrue(interrupted.getString("exitStatus").contains("server stopped"), interrupted.getString("exitStatus"));

            Api.Reply restart = api.post("api/jobs/" + executionId + "/restart", "");
            assertEquals(202, restart.status(), restart.body());
            JsonObject resumed = api.awaitEnd(restart.object().getJsonNumber("executionId").longValue(), Duration.ofMinutes(2));

            assertEquals("COMPLETED", resumed.getString("status"), resumed.toString());
            assertEquals(IMAGES - committed, Api.metric(resumed, "READ_COUNT"), "the restart starts after the last commit");
        }
        assertEquals(IMAGES, taggedCount());
        // Twice the default concurrency (2) plus up to 4 files being decoded are analysed ahead of the checkpoint.
        int readAhead = 2 * 2 + Math.min(4, Runtime.getRuntime().availableProcessors());
        assertTrue(vision.chatRequests() <= IMAGES + CHUNK + readAhead,
                "at most one chunk and the read-ahead are sent again: " + vision.chatRequests() + " requests, " + sentBeforeCrash + " before the kill");
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
