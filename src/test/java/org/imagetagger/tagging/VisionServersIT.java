package org.imagetagger.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.awt.Color;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.imagetagger.support.Api;
import org.imagetagger.support.FakeVisionServer;
import org.imagetagger.support.TestDeployments;
import org.imagetagger.support.TestFolders;
import org.imagetagger.support.TestImages;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pipeline against two OpenAI-compatible servers: the protocol (a model that answers in prose around
 * fenced JSON), requests spread within each server's own limit, and a failing server taken out of rotation.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
// The failing server stays paused for 10 s after its test: that one runs last.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VisionServersIT {

    private static final int EACH = 2;
    private static final AtomicInteger WIDTHS = new AtomicInteger(100);
    private static FakeVisionServer first;
    private static FakeVisionServer second;

    @ArquillianResource
    URL deployment;

    private Api api;

    @Deployment(testable = false)
    static WebArchive deployment() {
        first = new FakeVisionServer().start();
        second = new FakeVisionServer().start();
        return TestDeployments.war(Map.of(
                "tagger.vision.api", "openai",
                "tagger.vision.url", first.url() + "/#" + EACH + "," + second.url() + "#" + EACH,
                "tagger.vision.concurrency", String.valueOf(2 * EACH),
                "tagger.vision.retry-delay-millis", "50",
                "tagger.tags.max", "3",
                // Counts requests of its own scans only; the watcher would also catch up on other tests' folders.
                "tagger.watch.enabled", "false"));
    }

    @BeforeEach
    void reset() {
        api = new Api(deployment);
        first.reset();
        second.reset();
    }

    @AfterAll
    static void stop() {
        first.stop();
        second.stop();
    }

    @Test
    void tagsThroughChatCompletionsAndParsesAChattyReply() throws Exception {
        Path folder = TestFolders.create("openai");
        TestImages.writeJpeg(folder.resolve("sky.jpg"), 400, 300, Color.BLUE);
        for (FakeVisionServer server : List.of(first, second)) {
            server.replyWith("Sure! Here is what I see:\n```json\n{\"description\": \"A clear blue sky.\", "
                    + "\"tags\": [\"Sky\", \"blue \", \"#Clear\", \"sky\", \"weather\", \"daylight\"], \"confidence\": 0.9}\n```\nAnything else?");
        }

        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");

        assertEquals(1, first.chatRequests() + second.chatRequests());
        FakeVisionServer asked = first.chatRequests() == 1 ? first : second;
        assertTrue(asked.lastChatRequest().containsKey("response_format"), "asks for the JSON schema");
        JsonObject image = api.get("api/images?folderId=" + folderId).object().getJsonArray("items").getJsonObject(0);
        assertEquals("A clear blue sky.", image.getString("description"));
        assertEquals("[\"blue\",\"clear\",\"sky\"]", image.getJsonArray("tags").toString(),
                "normalised, deduplicated, cut to tagger.tags.max=3 (shown sorted)");
    }

    @Test
    void requestsAreSpreadOverBothServersWithinEachOnesLimit() throws Exception {
        int images = 24;
        Path folder = folderOf("spread", images);
        for (FakeVisionServer server : List.of(first, second)) {
            server.setLatency(Duration.ofMillis(200));
            server.setMaxParallel(EACH);
        }

        api.scanToCompletion(api.addFolder(folder), "new");

        assertEquals(images, first.chatRequests() + second.chatRequests(), "none refused for exceeding a server's limit");
        assertEquals(EACH, first.maxInFlightSeen());
        assertEquals(EACH, second.maxInFlightSeen());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aServerThatKeepsFailingLeavesTheRotationAndTheOtherTagsEveryImage() throws Exception {
        int images = 30;
        Path folder = folderOf("one-down", images);
        second.setFailureRate(1.0, 503);

        long folderId = api.addFolder(folder);
        JsonObject execution = api.scanToCompletion(folderId, "new");

        assertEquals(images, first.successfulReplies());
        assertEquals(images, api.get("api/images?status=TAGGED&folderId=" + folderId).object().getInt("total"));
        // Three failures in a row pause it for 10 s, far longer than this scan; a request or two in flight
        // when the third failure came back may still have been sent.
        assertTrue(second.chatRequests() <= 3 + EACH, "the failing server got " + second.chatRequests() + " requests");
        assertEquals(0, Api.metric(execution, "ROLLBACK_COUNT"), "no chunk failed");
    }

    private static Path folderOf(String name, int images) throws java.io.IOException {
        Path folder = TestFolders.create(name);
        for (int i = 0; i < images; i++) {
            // A width and colours of their own: equal content, also an image another test class put in the shared
            // catalog, would be taken from the catalog instead of the model.
            TestImages.writeJpeg(folder.resolve(String.format("%s-%02d.jpg", name, i)), WIDTHS.incrementAndGet(), 83,
                    i % 2 == 0 ? new Color(201, 17, 93) : new Color(17, 201, 93));
        }
        return folder;
    }
}
