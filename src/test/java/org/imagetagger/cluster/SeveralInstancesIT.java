package org.imagetagger.cluster;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two instances of the packaged WAR, started as CONTRACT §1 starts it, on one database, with two vision servers
 * (CONTRACT §5). The methods share the two boots and run in order: the last one kills instance alpha.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralInstancesIT {

    private static final int IMAGES = 60;
    private static final int SERVER_LIMIT = 2;
    private static final int CONCURRENCY = 4;
    private static final int CHUNK = 10;
    private static final String TOKEN = "several-instances-token";
    private static FakeVisionServer visionA;
    private static FakeVisionServer visionB;
    private static String dbUrl;
    private static StandaloneServer alpha;
    private static StandaloneServer beta;
    private static Api apiA;
    private static Api apiB;

    @BeforeAll
    static void start() throws Exception {
        visionA = new FakeVisionServer().start();
        visionB = new FakeVisionServer().start();
        for (FakeVisionServer vision : List.of(visionA, visionB)) {
            vision.setLatency(Duration.ofMillis(150));
            // A request beyond the limit would be refused and counted in maxInFlightSeen.
            vision.setMaxParallel(SERVER_LIMIT + 1);
        }
        dbUrl = TestDatabase.createExtra("cluster");
        WebArchive war = TestDeployments.war(Map.of(
                "tagger.vision.url", visionA.url() + "#" + SERVER_LIMIT + "," + visionB.url() + "#" + SERVER_LIMIT,
                "tagger.vision.concurrency", String.valueOf(CONCURRENCY)));
        alpha = StandaloneServer.start(war, dbUrl, "alpha", "-Xmx384m", Map.of("TAGGER_INSTANCE_NAME", "alpha", "TAGGER_AUTH_TOKEN", TOKEN));
        beta = StandaloneServer.start(war, dbUrl, "beta", "-Xmx384m", Map.of("TAGGER_INSTANCE_NAME", "beta", "TAGGER_AUTH_TOKEN", TOKEN));
        apiA = new Api(alpha.url(), TOKEN);
        apiB = new Api(beta.url(), TOKEN);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {alpha, beta, visionA, visionB}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        TestDatabase.dropExtra("cluster");
    }

    @Test
    @Order(1)
    void aSettingChangedOnOneInstanceAndASessionOpenedOnItWorkOnTheOther() throws Exception {
        Api.Reply put = apiA.put("api/settings", "{\"tags\":{\"max\":17}}");
        assertEquals(200, put.status(), put.body());
        awaitTrue(Duration.ofSeconds(10), () -> apiB.get("api/settings").object().getJsonObject("tags").getInt("max") == 17,
                "the setting reaches beta");
        assertEquals(200, apiA.delete("api/settings").status());

        String cookie = apiA.post("api/session", "").response().headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertEquals(200, eventStreamStatus(beta.url().toURI().resolve("api/jobs/events"), cookie), "alpha's cookie opens beta's event stream");
        assertEquals(401, eventStreamStatus(beta.url().toURI().resolve("api/jobs/events"), null));

        HttpResponse<String> signOut = HttpClient.newHttpClient().send(HttpRequest.newBuilder(alpha.url().toURI().resolve("api/session"))
                .header("Authorization", "Bearer " + TOKEN).header("Cookie", cookie).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, signOut.statusCode(), signOut.body());
        assertEquals(401, eventStreamStatus(beta.url().toURI().resolve("api/jobs/events"), cookie), "signed out on alpha, refused by beta");
    }

    @Test
    @Order(2)
    void aScanThroughOneInstanceIsListedAndGuardedOnTheOtherAndFinishedByItWhenItsInstanceDies() throws Exception {
        Path folder = TestFolders.create("cluster");
        for (int i = 0; i < IMAGES; i++) {
            TestImages.writeJpeg(folder.resolve(String.format("s%02d.jpg", i)), 100 + i, 80, i % 2 == 0 ? Color.RED : Color.BLUE);
        }
        long folderId = apiA.addFolder(folder);
        long executionId = apiA.scan(folderId, "new");

        JsonObject onBeta = apiB.get("api/jobs/" + executionId).object();
        assertEquals("alpha", onBeta.getString("instance"), "beta lists alpha's execution: " + onBeta);
        Api.Reply second = apiB.post("api/folders/" + folderId + "/scan", "{\"mode\":\"all\"}");
        assertEquals(409, second.status(), second.body());
        assertEquals(executionId, second.object().getJsonNumber("executionId").longValue(), "the 409 names the running execution");

        awaitTrue(Duration.ofSeconds(30), () -> runningOn("beta") > 0, "beta joins the scan with an execution of its own");
        apiB.awaitProgress(executionId, IMAGES / 3);
        alpha.kill();

        JsonObject failed = awaitStatus(executionId, "FAILED", Duration.ofSeconds(60));
        assertTrue(failed.getString("exitStatus").contains("stopped"), failed.toString());
        awaitTrue(Duration.ofMinutes(2), () -> taggedCount() == IMAGES && apiB.get("api/stats").object().getInt("runningJobs") == 0,
                "beta tags every image without a restart");

        Map<Integer, Integer> sentPerImage = new HashMap<>();
        Stream.concat(visionA.receivedImageSizes().stream(), visionB.receivedImageSizes().stream())
                .forEach(size -> sentPerImage.merge(size.width(), 1, Integer::sum));
        int sentTwice = sentPerImage.values().stream().mapToInt(n -> n - 1).sum();
        // README "Running several instances": what alpha held, its chunk and its read-ahead, at most.
        int bound = CHUNK + 2 * CONCURRENCY + Math.min(4, Runtime.getRuntime().availableProcessors());
        assertAll(
                () -> assertEquals(IMAGES, sentPerImage.size(), "every image reached a vision server"),
                () -> assertTrue(sentTwice <= bound, sentTwice + " images sent twice, bound " + bound),
                () -> assertTrue(visionA.maxInFlightSeen() <= SERVER_LIMIT, "server A saw " + visionA.maxInFlightSeen() + " at once"),
                () -> assertTrue(visionB.maxInFlightSeen() <= SERVER_LIMIT, "server B saw " + visionB.maxInFlightSeen() + " at once"),
                () -> assertEquals(0, rowCount("SELECT count(*) FROM images WHERE status <> 'TAGGED'"), "no image is left half-written"),
                () -> assertEquals(0, rowCount("SELECT count(*) FROM scans s JOIN scan_executions e ON e.scan_id = s.scan_id"
                        + " WHERE e.execution_id = " + executionId + " AND s.active_folder_id IS NOT NULL"), "the scan ended"));

        // The folder alpha watched passes to beta, which catches up and then sees new files.
        awaitTrue(Duration.ofSeconds(60), () -> folderWatched(folderId), "beta watches the folder");
        Path temp = folder.resolve(".arriving.tmp");
        TestImages.writeJpeg(temp, 333, 80, Color.GREEN);
        Files.move(temp, folder.resolve("late.jpg"), StandardCopyOption.ATOMIC_MOVE);
        awaitTrue(Duration.ofSeconds(60), () -> taggedCount() == IMAGES + 1, "beta's watcher tags the new file");
    }

    private static long runningOn(String instance) {
        return apiB.get("api/jobs?status=STARTED").json().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(job -> instance.equals(job.getString("instance", ""))).count();
    }

    private static boolean folderWatched(long folderId) {
        return apiB.get("api/folders").json().asJsonArray().stream().map(JsonValue::asJsonObject)
                .anyMatch(folder -> folder.getJsonNumber("id").longValue() == folderId && folder.getBoolean("watching"));
    }

    private static JsonObject awaitStatus(long executionId, String status, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            JsonObject execution = apiB.get("api/jobs/" + executionId).object();
            if (status.equals(execution.getString("status"))) {
                return execution;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("execution " + executionId + " is not " + status + " after " + limit + ": " + execution);
            }
            sleep(250);
        }
    }

    private static int eventStreamStatus(URI uri, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    private static void awaitTrue(Duration limit, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            sleep(250);
        }
    }

    private static int taggedCount() {
        return rowCount("SELECT count(*) FROM images WHERE status = 'TAGGED'");
    }

    private static int rowCount(String sql) {
        try (Connection db = DriverManager.getConnection(dbUrl, "postgres", ""); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
