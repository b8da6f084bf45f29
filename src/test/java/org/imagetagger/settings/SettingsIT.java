package org.imagetagger.settings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.awt.Color;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imagetagger.support.Api;
import org.imagetagger.support.Api.Reply;
import org.imagetagger.support.FakeVisionServer;
import org.imagetagger.support.TestDeployments;
import org.imagetagger.support.TestFolders;
import org.imagetagger.support.TestImages;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 7 through the HTTP API: settings validated, stored and used by the next job; XMP sidecars written,
 * merged and read back by exiftool; a read-only folder's sidecars in the sidecar folder; keywords already in
 * files and sidecars imported as manual tags.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SettingsIT {

    private static final String FULL = "settings-full-token";
    private static final String READ = "settings-read-token";
    private static final AtomicInteger WIDTHS = new AtomicInteger();
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
                "tagger.auth.token", FULL,
                "tagger.auth.read-token", READ,
                "tagger.watch.enabled", "false"));
    }

    @BeforeEach
    void freshSettings() {
        api = new Api(deployment, FULL);
        vision.reset();
        Reply reset = api.delete("api/settings");
        assertEquals(200, reset.status(), reset.body());
        assertEquals(0, reset.object().getJsonArray("overridden").size());
    }

    /** Settings live in the database, which the other IT classes of this run share: leave none behind. */
    @AfterEach
    void dropSettings() {
        assertEquals(200, new Api(deployment, FULL).delete("api/settings").status());
    }

    @Test
    void invalidSettingsAre400WithAReasonAndChangeNothing() {
        JsonObject before = api.get("api/settings").object();
        assertEquals("ollama", before.getJsonObject("vision").getString("api"));
        assertEquals("qwen2.5vl", before.getJsonObject("vision").getString("model"));
        assertEquals(25, before.getJsonObject("tags").getInt("max"));
        assertEquals("English", before.getJsonObject("tags").getString("language"));
        assertFalse(before.getJsonObject("sidecars").getBoolean("enabled"));

        assertError(400, api.put("api/settings", "{\"vision\":{\"api\":\"gemini\"}}"), "vision.api must be");
        assertError(400, api.put("api/settings", "{\"vision\":{\"url\":\"not a url\"}}"), "vision.url");
        assertError(400, api.put("api/settings", "{\"vision\":{\"url\":\"ftp://host/\"}}"), "vision.url");
        assertError(400, api.put("api/settings", "{\"vision\":{\"concurrency\":0}}"), "vision.concurrency must be between 1 and 64");
        assertError(400, api.put("api/settings", "{\"vision\":{\"concurrency\":\"many\"}}"), "not valid JSON of the expected shape");
        assertError(400, api.put("api/settings", "{\"vision\":{\"timeoutSeconds\":-5,\"maxDimension\":1}}"), "vision.maxDimension");
        assertError(400, api.put("api/settings", "{\"tags\":{\"max\":0,\"language\":\"<script>\"}}"), "tags.language");
        assertError(400, api.put("api/settings", "{\"sidecars\":{\"dir\":\"relative/path\"}}"), "sidecars.dir");
        // One bad field refuses the whole body: the valid model is not stored either.
        assertError(400, api.put("api/settings", "{\"vision\":{\"model\":\"llava\",\"api\":\"x\"}}"), "vision.api");
        assertEquals(before, api.get("api/settings").object());

        Api reader = new Api(deployment, READ);
        assertEquals(200, reader.get("api/settings").status(), "the read-only token may look");
        assertError(403, reader.put("api/settings", "{\"vision\":{\"model\":\"llava\"}}"), "");
        assertError(403, reader.delete("api/settings"), "");
        assertError(403, reader.post("api/settings/vision/test", "{}"), "");
        assertError(401, new Api(deployment).get("api/settings"), "");
    }

    @Test
    void changedModelPromptLanguageAndSynonymsApplyToTheNextJob() throws Exception {
        vision.setModels("qwen2.5vl:latest", "llava:13b");
        Reply put = api.put("api/settings", """
                {"vision": {"model": "llava:13b", "prompt": "Say what you see.", "concurrency": 3},
                 "tags": {"max": 3, "language": "German", "synonyms": {"Welpe": "Hund"}}}""");
        assertEquals(200, put.status(), put.body());
        JsonObject settings = put.object();
        assertEquals("llava:13b", settings.getJsonObject("vision").getString("model"));
        assertEquals("Say what you see.", settings.getJsonObject("vision").getString("prompt"));
        assertTrue(settings.getJsonObject("vision").getBoolean("customPrompt"));
        assertEquals(3, settings.getJsonObject("vision").getInt("concurrency"));
        assertEquals("hund", settings.getJsonObject("tags").getJsonObject("synonyms").getString("welpe"));
        assertEquals(api.get("api/settings").object(), settings, "stored: GET answers the same");

        vision.replyWith("{\"description\": \"Ein Welpe im Gras.\", \"tags\": [\"Welpe\", \"Gras\", \"grün\", \"Sonne\"]}");
        Path folder = TestFolders.create("settings-model");
        TestImages.writeJpeg(folder.resolve("welpe.jpg"), unique(300), 200, Color.GREEN);
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");

        JsonObject request = vision.lastChatRequest();
        assertEquals("llava:13b", request.getString("model"), "the next job uses the new model without a restart");
        String prompt = request.getJsonArray("messages").getJsonObject(0).getString("content");
        assertTrue(prompt.startsWith("Say what you see."), prompt);
        assertTrue(prompt.contains("every tag in German"), prompt);
        JsonObject image = onlyImage(folderId);
        assertEquals(List.of("gras", "grün", "hund"), strings(image.getJsonArray("tags")),
                "synonym applied, cut to tags.max=3 (shown sorted)");

        // Back to the built-in prompt: it asks for concrete keywords, still in German.
        assertEquals(200, api.put("api/settings", "{\"vision\":{\"prompt\":\"\"}}").status());
        JsonObject builtIn = api.get("api/settings").object().getJsonObject("vision");
        assertFalse(builtIn.getBoolean("customPrompt"));
        assertTrue(builtIn.getString("prompt").contains("up to 3 "), builtIn.getString("prompt"));
        assertTrue(builtIn.getString("prompt").contains("every tag in German"));
    }

    /**
     * The settings that reach the request itself, each changed through the API and seen by the fake server on the
     * next request: the timeout (one timeout, the settings' own: 2 s ends an answer that takes 5 s, which is then
     * retried), the concurrency (1: never two requests at once), the largest side of the image sent, and the server.
     */
    @Test
    void timeoutConcurrencyImageSizeAndServerApplyToTheNextRequest() throws Exception {
        Path folder = TestFolders.create("settings-runtime");
        for (int i = 0; i < 4; i++) {
            TestImages.writeJpeg(folder.resolve("runtime-" + i + ".jpg"), unique(900 + i), 600, Color.ORANGE);
        }
        long folderId = api.addFolder(folder);
        // A server of this test's own: nothing another test left in flight is counted.
        try (FakeVisionServer own = new FakeVisionServer().start()) {
            assertEquals(200, api.put("api/settings", "{\"vision\":{\"url\":\"" + own.url()
                    + "\",\"timeoutSeconds\":2,\"concurrency\":1,\"maxDimension\":320}}").status());
            own.setLatency(Duration.ofMillis(300));
            JsonObject execution = api.scanToCompletion(folderId, "new");
            assertEquals(4, execution.getJsonObject("progress").getInt("tagged"), execution.toString());
            assertEquals(1, own.maxInFlightSeen(), "concurrency 1");
            assertTrue(own.receivedImageSizes().stream().allMatch(size -> size.longestSide() <= 320), own.receivedImageSizes().toString());

            own.reset();
            own.delayNext(1, Duration.ofSeconds(5));
            TestImages.writeJpeg(folder.resolve("runtime-slow.jpg"), unique(940), 600, Color.ORANGE);
            JsonObject slow = api.scanToCompletion(folderId, "new");
            assertEquals(1, slow.getJsonObject("progress").getInt("tagged"), slow.toString());
            assertEquals(2, own.chatRequests(), "the answer that took 5 s was given up at 2 s and asked again");

            assertEquals(200, api.put("api/settings", "{\"vision\":{\"url\":\"" + vision.url() + "\",\"timeoutSeconds\":30}}").status());
            vision.reset();
            own.reset();
            TestImages.writeJpeg(folder.resolve("runtime-new.jpg"), unique(950), 600, Color.PINK);
            JsonObject next = api.scanToCompletion(folderId, "new");
            assertEquals("COMPLETED", next.getString("status"), next.toString());
            assertEquals(1, vision.chatRequests(), "the next request goes to the newly set server");
            assertEquals(0, own.chatRequests());
        }
    }

    @Test
    void connectionTestListsModelsWithLatency() {
        vision.setModels("qwen2.5vl:latest", "llava:13b");
        JsonObject ok = api.post("api/settings/vision/test", "").object();
        assertTrue(ok.getBoolean("ok"), ok.toString());
        assertEquals(List.of("qwen2.5vl:latest", "llava:13b"), strings(ok.getJsonArray("models")));
        assertTrue(ok.getJsonNumber("latencyMs").longValue() >= 0);
        assertTrue(Api.isNull(ok, "error"), ok.toString());

        JsonObject missing = api.post("api/settings/vision/test", "{\"model\":\"bakllava\"}").object();
        assertFalse(missing.getBoolean("ok"));
        assertTrue(missing.getString("error").contains("bakllava"), missing.toString());
        assertEquals(2, missing.getJsonArray("models").size());

        JsonObject unreachable = api.post("api/settings/vision/test", "{\"url\":\"http://127.0.0.1:9\"}").object();
        assertFalse(unreachable.getBoolean("ok"));
        assertTrue(unreachable.getString("error").contains("unreachable"), unreachable.toString());
        assertEquals(0, unreachable.getJsonArray("models").size());

        JsonObject openAi = api.post("api/settings/vision/test", "{\"api\":\"openai\"}").object();
        assertTrue(openAi.getBoolean("ok"), "the fake lists its models on /v1/models too: " + openAi);

        assertError(400, api.post("api/settings/vision/test", "{\"api\":\"gemini\"}"), "vision.api");
    }

    @Test
    void sidecarsAreMergedReadByExiftoolAndStayTheSameOnRewrite() throws Exception {
        assertEquals(200, api.put("api/settings", "{\"sidecars\":{\"enabled\":true}}").status());
        vision.replyWith("{\"description\": \"A small test picture.\", \"tags\": [\"Test\", \"picture\", \"holiday\"]}");
        Path folder = TestFolders.create("settings-sidecars");
        Path photo = TestImages.writeJpeg(folder.resolve("photo.jpg"), unique(320), 200, Color.RED);
        // A sidecar another tool wrote: its own namespace, a rating and the user's keywords.
        Path sidecar = Files.writeString(folder.resolve("photo.jpg.xmp"), """
                <x:xmpmeta xmlns:x="adobe:ns:meta/">
                 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                  <rdf:Description rdf:about="" xmlns:darktable="http://darktable.sf.net/"
                    xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"
                    darktable:xmp_version="5" xmp:Rating="4">
                   <dc:subject><rdf:Bag><rdf:li>Holiday</rdf:li><rdf:li>Grandma</rdf:li></rdf:Bag></dc:subject>
                  </rdf:Description>
                 </rdf:RDF>
                </x:xmpmeta>
                """);
        Path iptc = TestImages.writeJpeg(folder.resolve("iptc.jpg"), unique(320), 200, Color.BLUE);
        exiftool("-overwrite_original", "-IPTC:Keywords=garden", "-IPTC:Keywords=Summer 2024",
                "-IPTC:Caption-Abstract=Flowers on Mainau island", iptc.toString());
        Path xmp = TestImages.writeJpeg(folder.resolve("xmp.jpg"), unique(320), 200, Color.YELLOW);
        exiftool("-overwrite_original", "-XMP-dc:Subject=sunset", "-XMP-dc:Subject=Lake Constance", xmp.toString());

        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");

        JsonObject read = exiftoolJson(sidecar);
        assertEquals(List.of("Holiday", "Grandma", "picture", "test"), strings(read.getJsonArray("Subject")),
                "user keywords kept, the model's added once (its 'holiday' is the user's 'Holiday')");
        assertEquals("A small test picture.", read.getString("Description"));
        assertEquals(4, read.getInt("Rating"), "another tool's property kept");
        assertTrue(Files.readString(sidecar).contains("darktable:xmp_version=\"5\""), "another tool's namespace kept");
        assertEquals(List.of("picture", "test"), strings(read.getJsonArray("AiKeywords")));

        JsonObject photoDetail = detail(folderId, "photo.jpg");
        assertEquals(List.of("grandma", "holiday"), strings(photoDetail.getJsonArray("manualTags")),
                "the sidecar's keywords became manual tags");
        assertEquals(List.of("grandma", "holiday", "picture", "test"), strings(photoDetail.getJsonArray("tags")));
        assertTrue(Api.isNull(photoDetail, "sidecarWarning"));
        JsonObject iptcDetail = detail(folderId, "iptc.jpg");
        assertEquals(List.of("garden", "summer 2024"), strings(iptcDetail.getJsonArray("manualTags")),
                "IPTC keywords in the file became manual tags");
        assertEquals("Flowers on Mainau island", iptcDetail.getString("importedDescription"), "the IPTC caption is kept");
        assertEquals("A small test picture.", iptcDetail.getString("description"));
        JsonArray found = api.get("api/images?q=mainau&folderId=" + folderId).object().getJsonArray("items");
        assertEquals(1, found.size(), "the imported description is searched: " + found);
        assertEquals(iptcDetail.getJsonNumber("id"), found.getJsonObject(0).getJsonNumber("id"));
        assertEquals(List.of("lake constance", "sunset"), strings(detail(folderId, "xmp.jpg").getJsonArray("manualTags")),
                "XMP keywords in the file became manual tags");
        JsonObject iptcSidecar = exiftoolJson(folder.resolve("iptc.jpg.xmp"));
        assertEquals(List.of("garden", "summer 2024", "holiday", "picture", "test"), strings(iptcSidecar.getJsonArray("Subject")));

        // Re-tagging with the same answer leaves every sidecar byte for byte as it was.
        byte[] first = Files.readAllBytes(sidecar);
        api.scanToCompletion(folderId, "all");
        assertEquals(6, vision.chatRequests());
        assertArrayEquals(first, Files.readAllBytes(sidecar));
        assertEquals(List.of("grandma", "holiday"), strings(detail(folderId, "photo.jpg").getJsonArray("manualTags")),
                "our own keywords in the sidecar are not imported back as manual tags");

        // A new answer replaces the model's keywords and description, nothing else.
        vision.replyWith("{\"description\": \"A red square.\", \"tags\": [\"red\", \"square\"]}");
        api.scanToCompletion(folderId, "all");
        JsonObject again = exiftoolJson(sidecar);
        assertEquals(List.of("Holiday", "Grandma", "red", "square"), strings(again.getJsonArray("Subject")));
        assertEquals("A red square.", again.getString("Description"));
        assertEquals(4, again.getInt("Rating"));

        // Tags set by hand reach the sidecar at once: the model's go (the catalog has none left), the other tool's stay.
        long photoId = detail(folderId, "photo.jpg").getJsonNumber("id").longValue();
        assertEquals(200, api.put("api/images/" + photoId + "/tags", "{\"tags\":[\"holiday\",\"beach\"]}").status());
        JsonObject edited = exiftoolJson(sidecar);
        assertEquals(List.of("Holiday", "Grandma", "beach"), strings(edited.getJsonArray("Subject")));
        assertEquals(List.of("beach"), strings(edited.getJsonArray("ManualKeywords")));
        assertFalse(edited.containsKey("AiKeywords"), edited.toString());
        try (var files = Files.list(folder)) {
            assertEquals(List.of("iptc.jpg", "iptc.jpg.xmp", "photo.jpg", "photo.jpg.xmp", "xmp.jpg", "xmp.jpg.xmp"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left");
        }
    }

    @Test
    void readOnlyFolderWritesIntoTheSidecarFolderOrWarns() throws Exception {
        Path sidecarDir = TestFolders.create("settings-sidecar-dir");
        assertEquals(200, api.put("api/settings", "{\"sidecars\":{\"enabled\":true,\"dir\":\"" + sidecarDir + "\"}}").status());
        vision.replyWith("{\"description\": \"A locked picture.\", \"tags\": [\"locked\"]}");
        Path folder = TestFolders.create("settings-readonly");
        Path photo = TestImages.writeJpeg(folder.resolve("locked.jpg"), unique(320), 200, Color.GRAY);
        // Tests run as root, whom file modes do not stop; the immutable attribute does (Files.isWritable says false).
        chattr("+i", folder);
        try {
            assertFalse(Files.isWritable(folder), "chattr +i makes the folder read-only even for root");
            long folderId = api.addFolder(folder);
            api.scanToCompletion(folderId, "new");

            Path mirrored = sidecarDir.resolve(photo.toAbsolutePath().toString().substring(1) + ".xmp");
            assertTrue(Files.isRegularFile(mirrored), "sidecar in the sidecar folder at " + mirrored);
            assertEquals(List.of("locked"), strings(exiftoolJson(mirrored).getJsonArray("Subject")));
            assertFalse(Files.exists(folder.resolve("locked.jpg.xmp")));
            assertTrue(Api.isNull(detail(folderId, "locked.jpg"), "sidecarWarning"));

            // Without a sidecar folder the write fails: a warning on the image, the tags are kept.
            assertEquals(200, api.put("api/settings", "{\"sidecars\":{\"dir\":\"\"}}").status());
            api.scanToCompletion(folderId, "all");
            JsonObject image = detail(folderId, "locked.jpg");
            assertEquals("TAGGED", image.getString("status"));
            assertEquals(List.of("locked"), strings(image.getJsonArray("tags")));
            assertTrue(image.getString("sidecarWarning").contains("tagger.sidecars.dir"), image.toString());
        } finally {
            chattr("-i", folder);
        }
    }

    private JsonObject onlyImage(long folderId) {
        JsonArray items = api.get("api/images?folderId=" + folderId).object().getJsonArray("items");
        assertEquals(1, items.size(), items.toString());
        return items.getJsonObject(0);
    }

    private JsonObject detail(long folderId, String fileName) {
        for (JsonObject item : api.get("api/images?folderId=" + folderId + "&size=200").object().getJsonArray("items")
                .getValuesAs(JsonObject.class)) {
            if (item.getString("path").endsWith("/" + fileName)) {
                return api.get("api/images/" + item.getJsonNumber("id").longValue()).object();
            }
        }
        throw new AssertionError(fileName + " is not in folder " + folderId);
    }

    // Issue 15: folder profiles.

    @Test
    void aFolderProfileReachesTheModelForItsFolderOnlyAndNullClearsAField() throws Exception {
        vision.setModels("qwen2.5vl:latest", "llava:13b");
        Path crete = TestFolders.create("profile-crete");
        TestImages.writeJpeg(crete.resolve("a.jpg"), unique(300), 200, Color.BLUE);
        TestImages.writeJpeg(crete.resolve("b.jpg"), unique(300), 200, Color.YELLOW);
        Path other = TestFolders.create("profile-other");
        TestImages.writeJpeg(other.resolve("c.jpg"), unique(300), 200, Color.GREEN);
        long creteId = api.addFolder(crete);
        long otherId = api.addFolder(other);

        JsonObject none = api.get("api/folders/" + creteId + "/profile").object();
        assertTrue(Api.isNull(none, "context") && Api.isNull(none, "model"), none.toString());
        assertEquals("qwen2.5vl", none.getJsonObject("effective").getString("model"));
        assertError(404, api.get("api/folders/999999/profile"), "folder 999999");
        assertError(400, api.put("api/folders/" + creteId + "/profile", "{\"model\": \"two words\"}"), "model");
        assertError(400, api.put("api/folders/" + creteId + "/profile", "{\"language\": \"<b>\", \"colour\": 1}"), "colour");
        assertError(400, api.put("api/folders/" + creteId + "/profile", "{\"vocabularyOnly\": true}"), "vocabularyOnly needs a vocabulary");
        assertError(400, api.put("api/folders/" + creteId + "/profile", "{\"vocabulary\": [\"ok\", 3]}"), "vocabulary entries");
        assertError(400, api.put("api/folders/" + creteId + "/profile", "[1]"), "");
        assertEquals(none, api.get("api/folders/" + creteId + "/profile").object(), "a refused PUT changes nothing");
        assertError(403, new Api(deployment, READ).put("api/folders/" + creteId + "/profile", "{\"context\": \"x\"}"), "");

        Reply put = api.put("api/folders/" + creteId + "/profile", """
                {"context": "Holiday on Crete, 2021", "model": "llava:13b", "language": "German"}""");
        assertEquals(200, put.status(), put.body());
        assertEquals("Holiday on Crete, 2021", put.object().getString("context"));
        assertEquals(put.object(), api.get("api/folders/" + creteId + "/profile").object(), "stored: GET answers the same");

        api.scanToCompletion(creteId, "new");
        assertEquals(2, vision.received().size());
        for (FakeVisionServer.Received request : vision.received()) {
            assertEquals("llava:13b", request.model());
            assertTrue(request.prompt().contains("Holiday on Crete, 2021"), request.prompt());
            assertTrue(request.prompt().contains("every tag in German"), request.prompt());
        }
        JsonObject tagged = detail(creteId, "a.jpg");
        assertEquals("llava:13b", tagged.getString("model"));

        vision.reset();
        vision.setModels("qwen2.5vl:latest", "llava:13b");
        api.scanToCompletion(otherId, "new");
        FakeVisionServer.Received plain = vision.received().get(0);
        assertEquals("qwen2.5vl", plain.model(), "the other folder follows the settings");
        assertFalse(plain.prompt().contains("Crete") || plain.prompt().contains("German"), plain.prompt());

        JsonObject cleared = api.put("api/folders/" + creteId + "/profile", "{\"context\": null}").object();
        assertTrue(Api.isNull(cleared, "context"), cleared.toString());
        assertEquals("llava:13b", cleared.getString("model"), "a field left out stays");
        assertFalse(cleared.getJsonObject("effective").getString("prompt").contains("Crete"));
    }

    @Test
    void aVocabularyOnlyFolderGetsNoTagOutsideItEvenFromAServerIgnoringTheSchema() throws Exception {
        Path folder = TestFolders.create("profile-vocabulary");
        TestImages.writeJpeg(folder.resolve("red.jpg"), unique(300), 200, Color.RED);
        TestImages.writeJpeg(folder.resolve("green.jpg"), unique(300), 200, Color.GREEN);
        long folderId = api.addFolder(folder);
        Reply put = api.put("api/folders/" + folderId + "/profile", """
                {"vocabulary": ["Colours/Red", "Colours | Blue", "Animals/Dog", "Animals/Dog"], "vocabularyOnly": true}""");
        assertEquals(200, put.status(), put.body());
        assertEquals(List.of("Colours/Red", "Colours/Blue", "Animals/Dog"), strings(put.object().getJsonArray("vocabulary")));

        api.scanToCompletion(folderId, "new");
        for (FakeVisionServer.Received request : vision.received()) {
            assertEquals(List.of("red", "blue", "dog"), request.allowedTags(), "the schema's enum holds the leaves");
        }
        assertEquals(List.of("red"), strings(detail(folderId, "red.jpg").getJsonArray("tags")), "'fake' is outside the enum");
        assertEquals(List.of("red"), strings(detail(folderId, "green.jpg").getJsonArray("tags")),
                "the fake's constrained decoder answers the first allowed tag");

        // A server that ignores the schema is still held to the vocabulary: what lies outside it is cut.
        vision.replyWith("{\"description\": \"A dog.\", \"tags\": [\"Dogs\", \"cat\", \"grass\"]}");
        TestImages.writeJpeg(folder.resolve("dog.jpg"), unique(300), 200, Color.ORANGE);
        api.scanToCompletion(folderId, "new");
        assertEquals(List.of("dog"), strings(detail(folderId, "dog.jpg").getJsonArray("tags")));
    }

    @Test
    void hierarchicalKeywordsReachTheSidecarAreImportedWithTheirPathsAndAParentFindsItsChildren() throws Exception {
        assertEquals(200, api.put("api/settings", "{\"sidecars\":{\"enabled\":true}}").status());
        Path folder = TestFolders.create("profile-hierarchy");
        Path red = TestImages.writeJpeg(folder.resolve("red.jpg"), unique(300), 200, Color.RED);
        TestImages.writeJpeg(folder.resolve("cat.jpg"), unique(300), 200, Color.BLUE);
        // What Lightroom and digiKam leave: the hierarchy in their own lists, the leaf in dc:subject.
        Files.writeString(folder.resolve("cat.jpg.xmp"), """
                <x:xmpmeta xmlns:x="adobe:ns:meta/">
                 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
                    xmlns:lr="http://ns.adobe.com/lightroom/1.0/" xmlns:digiKam="http://www.digikam.org/ns/1.0/">
                   <dc:subject><rdf:Bag><rdf:li>Cat</rdf:li></rdf:Bag></dc:subject>
                   <lr:hierarchicalSubject><rdf:Bag><rdf:li>Animals|Cat</rdf:li></rdf:Bag></lr:hierarchicalSubject>
                   <digiKam:TagsList><rdf:Seq><rdf:li>Places/Greece/Crete</rdf:li></rdf:Seq></digiKam:TagsList>
                  </rdf:Description>
                 </rdf:RDF>
                </x:xmpmeta>
                """);
        long folderId = api.addFolder(folder);
        assertEquals(200, api.put("api/folders/" + folderId + "/profile",
                "{\"vocabulary\": [\"Colours/Red\", \"Colours/Blue\", \"Animals/Dog\"], \"vocabularyOnly\": true}").status());
        api.scanToCompletion(folderId, "new");

        JsonObject redSidecar = exiftoolJson(folder.resolve("red.jpg.xmp"));
        assertEquals(List.of("red"), strings(redSidecar.getJsonArray("Subject")), "dc:subject has the leaf");
        assertEquals(List.of("colours|red"), strings(redSidecar.getJsonArray("HierarchicalSubject")));
        assertEquals(List.of("colours/red"), strings(redSidecar.getJsonArray("TagsList")));

        JsonObject catDetail = detail(folderId, "cat.jpg");
        assertEquals(List.of("cat", "crete"), strings(catDetail.getJsonArray("manualTags")), "the leaves became manual tags");
        JsonObject catSidecar = exiftoolJson(folder.resolve("cat.jpg.xmp"));
        assertEquals(List.of("Animals|Cat", "Places|Greece|Crete", "colours|blue"), strings(catSidecar.getJsonArray("HierarchicalSubject")),
                "the imported paths are kept and written to both lists");
        assertEquals(List.of("Animals/Cat", "Places/Greece/Crete", "colours/blue"), strings(catSidecar.getJsonArray("TagsList")));

        assertEquals(List.of("cat.jpg"), fileNames(api.get("api/images?folderId=" + folderId + "&tag=animals").object()),
                "a parent tag finds its children");
        assertEquals(List.of("cat.jpg"), fileNames(api.get("api/images?folderId=" + folderId + "&tag=greece").object()));
        assertEquals(List.of("cat.jpg", "red.jpg"), fileNames(api.get("api/images?folderId=" + folderId + "&tag=colours&sort=path").object()));
        assertEquals(List.of("cat.jpg"), fileNames(api.get("api/images?folderId=" + folderId + "&tag=colours&tag=places").object()));
        assertEquals(List.of("red.jpg"), fileNames(api.get("api/images?folderId=" + folderId + "&notTag=animals").object()));
        assertEquals(List.of("red.jpg"), fileNames(api.get("api/images?folderId=" + folderId + "&tag=red").object()));
        assertTrue(Files.exists(red));
    }

    @Test
    void changingOneFoldersModelMakesAStaleScanAskExactlyThatFoldersImagesAgain() throws Exception {
        vision.setModels("qwen2.5vl:latest", "llava:13b");
        Path changed = TestFolders.create("profile-stale-changed");
        TestImages.writeJpeg(changed.resolve("a.jpg"), unique(300), 200, Color.RED);
        TestImages.writeJpeg(changed.resolve("b.jpg"), unique(300), 200, Color.BLUE);
        Path kept = TestFolders.create("profile-stale-kept");
        TestImages.writeJpeg(kept.resolve("c.jpg"), unique(300), 200, Color.GREEN);
        long changedId = api.addFolder(changed);
        long keptId = api.addFolder(kept);
        api.scanToCompletion(changedId, "new");
        api.scanToCompletion(keptId, "new");
        assertEquals(0, api.get("api/folders/" + changedId + "/profile").object().getInt("staleCount"));
        try (var db = org.imagetagger.support.TestDatabase.connect(); var sql = db.createStatement();
             var rows = sql.executeQuery("SELECT tag_fingerprint, server_millis, eval_count, model FROM images WHERE folder_id = " + changedId)) {
            while (rows.next()) {
                assertEquals(api.get("api/folders/" + changedId + "/profile").object().getString("fingerprint"), rows.getString(1));
                assertEquals(1234, rows.getLong(2), "Ollama's total_duration of the fake, in ms");
                assertEquals(42, rows.getInt(3), "its eval_count");
                assertEquals("qwen2.5vl", rows.getString(4));
            }
        }

        JsonObject profile = api.put("api/folders/" + changedId + "/profile", "{\"model\": \"llava:13b\"}").object();
        assertEquals(2, profile.getInt("staleCount"), "both images were asked another question");
        assertEquals(1, profile.getInt("staleEtaSeconds"), "2 images of 1234 ms on the server, 2 requests at once");
        assertEquals(0, api.get("api/folders/" + keptId + "/profile").object().getInt("staleCount"));

        vision.reset();
        vision.setModels("qwen2.5vl:latest", "llava:13b");
        api.scanToCompletion(keptId, "stale");
        assertEquals(0, vision.chatRequests(), "the other folder has nothing stale");
        JsonObject execution = api.scanToCompletion(changedId, "stale");
        assertEquals(2, vision.chatRequests(), "exactly the changed folder's images are asked again");
        assertEquals(2, Api.metric(execution, "WRITE_COUNT"));
        assertTrue(vision.received().stream().allMatch(r -> r.model().equals("llava:13b")), vision.received().toString());
        assertEquals("llava:13b", detail(changedId, "a.jpg").getString("model"));
        assertEquals(0, api.get("api/folders/" + changedId + "/profile").object().getInt("staleCount"));

        vision.reset();
        vision.setModels("qwen2.5vl:latest", "llava:13b");
        api.scanToCompletion(changedId, "stale");
        assertEquals(0, vision.chatRequests(), "nothing is stale any more");
        assertError(400, api.post("api/folders/" + changedId + "/scan", "{\"mode\": \"old\"}"), "stale");
    }

    @Test
    void aModelComparisonShowsBothAnswersSideBySideLeavesTheCatalogUnchangedAndIsAdoptedInOneCall() throws Exception {
        vision.setModels("qwen2.5vl:latest", "llava:13b");
        Path folder = TestFolders.create("profile-compare");
        TestImages.writeJpeg(folder.resolve("a.jpg"), unique(300), 200, Color.RED);
        TestImages.writeJpeg(folder.resolve("b.jpg"), unique(300), 200, Color.BLUE);
        TestImages.writeJpeg(folder.resolve("c.jpg"), unique(300), 200, Color.GREEN);
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");
        String catalogBefore = catalogOf(folderId);

        assertError(400, api.post("api/folders/" + folderId + "/comparisons", "{}"), "another model or prompt");
        assertError(400, api.post("api/folders/" + folderId + "/comparisons", "{\"model\": \"llava:13b\", \"sample\": 0}"), "sample");
        assertError(404, api.post("api/folders/999999/comparisons", "{\"model\": \"llava:13b\"}"), "folder 999999");
        assertError(404, api.get("api/comparisons/999999"), "comparison 999999");

        vision.reset();
        vision.setModels("qwen2.5vl:latest", "llava:13b");
        Reply started = api.post("api/folders/" + folderId + "/comparisons", "{\"model\": \"llava:13b\", \"sample\": 2}");
        assertEquals(202, started.status(), started.body());
        long executionId = started.object().getJsonNumber("executionId").longValue();
        assertEquals("COMPLETED", api.awaitEnd(executionId, Duration.ofMinutes(2)).getString("status"));

        assertEquals(2, vision.chatRequests(), "a sample of 2 of the 3 images");
        assertTrue(vision.received().stream().allMatch(r -> r.model().equals("llava:13b")), vision.received().toString());
        JsonObject comparison = api.get("api/comparisons/" + executionId).object();
        assertEquals("llava:13b", comparison.getString("model"));
        assertEquals(folderId, comparison.getJsonNumber("folderId").longValue());
        JsonArray items = comparison.getJsonArray("items");
        assertEquals(2, items.size(), comparison.toString());
        for (JsonObject item : items.getValuesAs(JsonObject.class)) {
            assertEquals("qwen2.5vl", item.getJsonObject("current").getString("model"));
            assertEquals("llava:13b", item.getJsonObject("candidate").getString("model"));
            assertEquals(1234, item.getJsonObject("candidate").getInt("serverMillis"));
            assertTrue(item.getJsonObject("candidate").getInt("millis") >= 0);
            assertEquals(strings(item.getJsonObject("candidate").getJsonArray("tags")), strings(item.getJsonArray("agreed")),
                    "the fake answers the same tags whatever the model");
        }
        assertEquals(1.0, comparison.getJsonObject("summary").getJsonNumber("agreement").doubleValue());
        assertEquals(1234, comparison.getJsonObject("summary").getInt("candidateServerMillisPerImage"));
        assertEquals(catalogBefore, catalogOf(folderId), "the comparison leaves the catalog as it was");

        JsonObject adopted = api.post("api/comparisons/" + executionId + "/adopt", "").object();
        assertEquals("llava:13b", adopted.getString("model"));
        assertEquals(3, adopted.getInt("staleCount"), "adopted: every image is stale now");
        assertEquals("llava:13b", api.get("api/folders/" + folderId + "/profile").object().getString("model"));
    }

    /** Every catalog column a comparison could touch, of the folder's images and their tags, as one text. */
    private static String catalogOf(long folderId) throws Exception {
        StringBuilder text = new StringBuilder();
        try (var db = org.imagetagger.support.TestDatabase.connect(); var sql = db.createStatement();
             var rows = sql.executeQuery("SELECT i.id, i.status, i.model, i.description, i.tag_fingerprint, i.tagged_at,"
                     + " i.attempts, i.version, (SELECT string_agg(t.name || ':' || it.manual, ',' ORDER BY t.name)"
                     + " FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = i.id)"
                     + " FROM images i WHERE i.folder_id = " + folderId + " ORDER BY i.id")) {
            while (rows.next()) {
                for (int column = 1; column <= 9; column++) {
                    text.append(rows.getString(column)).append('|');
                }
                text.append('\n');
            }
        }
        return text.toString();
    }

    private static List<String> fileNames(JsonObject page) {
        List<String> names = new ArrayList<>();
        for (JsonObject item : page.getJsonArray("items").getValuesAs(JsonObject.class)) {
            String path = item.getString("path");
            names.add(path.substring(path.lastIndexOf('/') + 1));
        }
        return names;
    }

    private static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        for (var value : array) {
            values.add(value instanceof JsonString s ? s.getString() : value.toString());
        }
        return values;
    }

    private static void assertError(int status, Reply reply, String messagePart) {
        assertEquals(status, reply.status(), reply.body());
        JsonObject body = reply.object();
        assertEquals(status, body.getInt("status"));
        assertTrue(body.getString("error").contains(messagePart), "'" + messagePart + "' in " + reply.body());
    }

    private static int unique(int width) {
        return width + WIDTHS.incrementAndGet();
    }

    /** exiftool's reading of a file, as its JSON (lists always as arrays). */
    private static JsonObject exiftoolJson(Path file) throws Exception {
        String json = run("exiftool", "-j", "-XMP:all", file.toString());
        JsonObject read = Json.createReader(new StringReader(json)).readArray().getJsonObject(0);
        // exiftool prints a list of one as a plain string; make it a list again.
        var fixed = Json.createObjectBuilder(read);
        for (String key : List.of("Subject", "AiKeywords", "ManualKeywords", "HierarchicalSubject", "TagsList")) {
            if (read.get(key) instanceof JsonString single) {
                fixed.add(key, Json.createArrayBuilder().add(single.getString()));
            }
        }
        return fixed.build();
    }

    private static void exiftool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("exiftool"));
        command.addAll(List.of(args));
        run(command.toArray(String[]::new));
    }

    private static void chattr(String flag, Path folder) throws Exception {
        run("chattr", flag, folder.toString());
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
        return output;
    }
}
