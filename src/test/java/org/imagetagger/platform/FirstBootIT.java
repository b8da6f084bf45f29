package org.imagetagger.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.imagetagger.support.Api;
import org.imagetagger.support.StandaloneServer;
import org.imagetagger.support.TestDatabase;
import org.imagetagger.support.TestDeployments;
import org.junit.jupiter.api.Test;

/**
 * Starts that go wrong, as compose and Kubernetes users meet them: the database comes up after the server, and a
 * configuration value that can never work. (Payara; on WildFly, Hibernate needs the database while deploying: not run there.)
 */
class FirstBootIT {

    @Test
    void aDatabaseCreatedAfterTheServerStartedIsUsedWithoutARestart() throws Exception {
        String dbUrl = TestDatabase.createExtra("late");
        TestDatabase.dropExtra("late");
        try (StandaloneServer server = StandaloneServer.startWithoutDatabase(TestDeployments.war(Map.of()), dbUrl, "late", Map.of())) {
            Api api = new Api(server.url());
            Api.Reply stats = api.get("api/stats");
            assertEquals(503, stats.status(), stats.body());
            String error = stats.object().getString("error");
            assertTrue(error.contains("_late") && error.contains("does not exist"), "names the database and the problem: " + error);
            Api.Reply ready = api.get("health/ready");
            assertEquals(503, ready.status(), ready.body());
            assertTrue(ready.body().contains("does not exist"), "health says why: " + ready.body());
            assertEquals(200, api.get("health/live").status());
            assertEquals(200, api.get("").status(), "the UI is served");

            TestDatabase.createExtra("late");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (api.get("api/stats").status() != 200 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            Api.Reply after = api.get("api/stats");
            assertEquals(200, after.status(), after.body());
            JsonObject health = api.get("health/ready").object();
            assertEquals("UP", health.getString("status"), health.toString());
            assertEquals(201, api.post("api/folders", "{\"path\":\"" + java.nio.file.Files.createTempDirectory("late").toString().replace("\\", "/")
                    + "\"}").status(), "writes work too");
        } finally {
            TestDatabase.dropExtra("late");
        }
    }

    @Test
    void aValueThatCanNeverWorkStopsTheServerNamingTheKey() throws Exception {
        String dbUrl = TestDatabase.createExtra("invalid");
        try {
            int status = StandaloneServer.runUntilExit(TestDeployments.war(Map.of()), dbUrl, "invalid",
                    Map.of("TAGGER_VISION_CONCURRENCY", "lots"), Duration.ofMinutes(3));
            assertEquals(78, status, "exits with EX_CONFIG, not as if it were ready");
            String log = java.nio.file.Files.readString(java.nio.file.Path.of("target", "standalone", "invalid", "server.log"));
            assertTrue(log.contains("tagger.vision.concurrency (TAGGER_VISION_CONCURRENCY) = \"lots\""), "the log names the key");
        } finally {
            TestDatabase.dropExtra("invalid");
        }
    }
}
