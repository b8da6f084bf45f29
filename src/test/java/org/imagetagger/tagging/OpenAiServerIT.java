package org.imagetagger.tagging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.awt.Color;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The same pipeline against an OpenAI-compatible server whose model answers in prose around fenced JSON. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenAiServerIT {

    private static FakeVisionServer vision;

    @ArquillianResource
    URL deployment;

    @Deployment(testable = false)
    static WebArchive deployment() {
        vision = new FakeVisionServer();
        vision.start();
        return TestDeployments.war(Map.of(
                "tagger.vision.api", "openai",
                "tagger.vision.url", vision.url() + "/",
                "tagger.tags.max", "3",
                // Counts requests of its own scan only; the watcher would also catch up on other tests' folders.
                "tagger.watch.enabled", "false"));
    }

    @Test
    void tagsThroughChatCompletionsAndParsesAChattyReply() throws Exception {
        Api api = new Api(deployment);
        Path folder = TestFolders.create("openai");
        TestImages.writeJpeg(folder.resolve("sky.jpg"), 400, 300, Color.BLUE);
        vision.replyWith("Sure! Here is what I see:\n```json\n{\"description\": \"A clear blue sky.\", "
                + "\"tags\": [\"Sky\", \"blue \", \"#Clear\", \"sky\", \"weather\", \"daylight\"], \"confidence\": 0.9}\n```\nAnything else?");

        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");

        assertEquals(1, vision.chatRequests());
        assertTrue(vision.lastChatRequest().containsKey("response_format"), "asks for the JSON schema");
        JsonObject image = api.get("api/images?folderId=" + folderId).object().getJsonArray("items").getJsonObject(0);
        assertEquals("A clear blue sky.", image.getString("description"));
        assertEquals("[\"blue\",\"clear\",\"sky\"]", image.getJsonArray("tags").toString(),
                "normalised, deduplicated, cut to tagger.tags.max=3 (shown sorted)");
    }
}
