package org.imagetagger.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.imagetagger.support.Api;
import org.imagetagger.support.Chromium;
import org.imagetagger.support.FakeVisionServer;
import org.imagetagger.support.TestDeployments;
import org.imagetagger.support.TestFolders;
import org.imagetagger.support.TestImages;
import org.imagetagger.support.TestPhotos;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 14 through the API and in Chromium: photos tagged through the fake vision server, which embeds words of one
 * meaning on one axis, found by meaning; similar images; near copies made here grouped as duplicates.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MeaningIT {

    private static FakeVisionServer vision;
    private static Animals animals;
    private static Copies copies;

    @ArquillianResource
    URL deployment;

    private Api api;

    /** A folder of three dogs (red pictures), two cats (blue) and a car (green), as the fake describes them. */
    private record Animals(long folderId, Set<Long> dogs, Set<Long> cats, long car) {
    }

    /** A folder of 150 unrelated photos, near copies of three of them and a byte copy of one. */
    private record Copies(long folderId, Map<String, Long> ids) {
    }

    private static final int DUPLICATES_PAGE = 20;

    @Deployment(testable = false)
    static WebArchive deployment() {
        vision = new FakeVisionServer();
        vision.start();
        return TestDeployments.war(Map.of("tagger.vision.url", vision.url(), "tagger.watch.enabled", "false"));
    }

    @AfterAll
    static void stopVision() {
        vision.stop();
    }

    @BeforeEach
    void connect() {
        api = new Api(deployment);
    }

    @Test
    void puppyFindsTheDogsByMeaningWhileWordsFindNothing() throws IOException {
        Animals a = animals();
        String folder = "&folderId=" + a.folderId();
        assertEquals(0, api.get("api/images?q=puppy&match=words" + folder).object().getInt("total"), "no description says puppy");
        awaitIds(a.dogs(), "api/images?q=puppy&match=meaning" + folder);
        List<Long> both = ids("api/images?q=puppy" + folder);
        assertEquals(a.dogs(), Set.copyOf(both), "words and meaning together find the dogs");
        assertEquals(a.dogs(), Set.copyOf(ids("api/images?q=" + enc("hound on the seaside") + "&match=meaning&tag=beach" + folder)));
        assertEquals(List.of(), ids("api/images?q=puppy&match=meaning&notTag=dog" + folder), "the tag filters still apply");
        assertEquals(a.cats(), Set.copyOf(ids("api/images?q=kitten&match=meaning" + folder)));
        // Stable paging: two pages of one result are the whole result, in the same order.
        List<Long> all = ids("api/images?q=" + enc("puppy kitten car") + "&match=meaning&size=50" + folder);
        List<Long> paged = new ArrayList<>(ids("api/images?q=" + enc("puppy kitten car") + "&match=meaning&size=3&page=0" + folder));
        paged.addAll(ids("api/images?q=" + enc("puppy kitten car") + "&match=meaning&size=3&page=1" + folder));
        assertEquals(all, paged);
        assertEquals(6, all.size());

        assertTrue(vision.embeddedTexts().contains("search_query: puppy"), "queries carry nomic's prefix: " + vision.embeddedTexts());
        assertEquals(400, api.get("api/images?q=puppy&match=colour").status());
    }

    @Test
    void similarImagesAreTheNearestByMeaning() throws IOException {
        Animals a = animals();
        long dog = a.dogs().iterator().next();
        Set<Long> otherDogs = new HashSet<>(a.dogs());
        otherDogs.remove(dog);
        awaitIds(otherDogs, "api/images/" + dog + "/similar?size=20");
        JsonObject page = api.get("api/images/" + a.car() + "/similar").object();
        assertEquals(20, page.getInt("size"));
        assertEquals(List.of(), page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(i -> i.getJsonNumber("id").longValue()).filter(id -> a.dogs().contains(id) || a.cats().contains(id)).toList());
        assertEquals(404, api.get("api/images/987654321/similar").status());
    }

    @Test
    void aMissingEmbeddingModelIsAWarningAndAStaleScanFillsTheEmbeddingsLater() throws IOException {
        Path folder = TestFolders.create("meaning-missing");
        TestImages.writeJpeg(folder.resolve("yellow.jpg"), 121, 89, Color.YELLOW);
        vision.describeColour("yellow", "A boat on the sea", "boat", "sea");
        vision.setEmbeddingModels();
        long folderId;
        try {
            folderId = api.addFolder(folder);
            JsonObject execution = api.scanToCompletion(folderId, "new");
            assertEquals(1, Api.metric(execution, "WRITE_COUNT"));
            JsonObject status = api.get("api/meaning").object();
            assertEquals("missing", status.getString("state"), status.toString());
            assertTrue(status.getString("warning").contains("nomic-embed-text"), status.toString());
            if (System.getProperty("wildfly.home") == null) {
                // WildFly serves health on its management port (README "Deploying to WildFly").
                Api.Reply ready = api.get("health/ready");
                assertEquals(200, ready.status(), ready.body());
                assertTrue(ready.body().contains("\"meaning\"") && ready.body().contains("missing"), ready.body());
            }
            assertEquals(1, api.get("api/images?q=boat&folderId=" + folderId).object().getInt("total"), "words still find it");
            assertEquals(1, api.get("api/images?q=boat&match=meaning&folderId=" + folderId).object().getInt("total"),
                    "without embeddings match=meaning is words");
        } finally {
            vision.reset();
        }
        long image = ids("api/images?folderId=" + folderId).get(0);
        api.scanToCompletion(folderId, "stale");
        awaitIds(Set.of(image), "api/images?q=ship&match=meaning&folderId=" + folderId);
        assertEquals("ok", api.get("api/meaning").object().getString("state"));
    }

    @Test
    void nearCopiesAndByteCopiesAreGroupedAndUnrelatedPhotosAreNot() throws IOException {
        Copies c = copies();
        List<JsonObject> groups = duplicateGroups(c);
        Map<Set<Long>, Integer> found = new HashMap<>();
        for (JsonObject group : groups) {
            found.put(Set.copyOf(idsOf(group.getJsonArray("images").getValuesAs(JsonObject.class))), group.getInt("distance"));
        }
        Map<String, Long> ids = c.ids();
        assertEquals(Set.of(
                        Set.of(ids.get("photo-000.jpg"), ids.get("near-000.jpg"), ids.get("copy-000.jpg")),
                        Set.of(ids.get("photo-001.jpg"), ids.get("near-001.jpg")),
                        Set.of(ids.get("photo-002.jpg"), ids.get("near-002.jpg"))),
                found.keySet(), "the copies, and nothing of the 150 unrelated photos");
        assertTrue(found.values().stream().allMatch(d -> d != null && d <= 8), found.toString());
        JsonObject first = groups.get(0);
        assertEquals(first.getJsonArray("images").size(), first.getJsonArray("files").size());
    }

    @Test
    void theSimilarStripAndTheDuplicatesPageInChromium() throws IOException {
        Animals a = animals();
        Copies c = copies();
        long dog = a.dogs().iterator().next();
        awaitIds(a.dogs().stream().filter(id -> id != dog).collect(java.util.stream.Collectors.toSet()), "api/images/" + dog + "/similar");
        WebDriver browser = Chromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(100));
            wait.ignoring(StaleElementReferenceException.class);
            browser.get(base() + "/?folderId=" + a.folderId());
            wait.until(d -> !d.findElements(By.cssSelector("#grid .card[data-id='" + dog + "']")).isEmpty());
            browser.findElement(By.cssSelector("#grid .card[data-id='" + dog + "']")).click();
            wait.until(d -> d.findElements(By.cssSelector("#detail-similar .similar-item")).size() == 2);
            Set<Long> strip = new HashSet<>();
            browser.findElements(By.cssSelector("#detail-similar .similar-item"))
                    .forEach(item -> strip.add(Long.valueOf(item.getAttribute("data-id"))));
            assertEquals(a.dogs().size() - 1, strip.size());
            assertFalse(strip.contains(dog));
            assertTrue(a.dogs().containsAll(strip), "the strip shows the other dogs: " + strip);
            Chromium.screenshot(browser, "similar-strip");
            long other = strip.iterator().next();
            browser.findElement(By.cssSelector("#detail-similar .similar-item[data-id='" + other + "']")).click();
            wait.until(d -> d.findElement(By.id("detail-title")).getText().equals(fileName(other)));

            browser.get(base() + "/duplicates.html");
            long original = c.ids().get("photo-001.jpg");
            long near = c.ids().get("near-001.jpg");
            // The catalog is shared by the run's test classes, whose copies make groups too: page on to this one's.
            int pages = pageOfGroupWith(original);
            for (int k = 1; k <= pages; k++) {
                String firstOfPage = "Group " + (k * DUPLICATES_PAGE + 1);
                // The pager is hidden until the first page has loaded: wait until a person could press it.
                wait.until(ExpectedConditions.elementToBeClickable(By.id("next")));
                browser.findElement(By.id("next")).click();
                wait.until(d -> !d.findElements(By.cssSelector(".dup-group[aria-label='" + firstOfPage + "']")).isEmpty());
            }
            wait.until(d -> !d.findElements(By.cssSelector(".dup-group .dup-image[data-id='" + original + "']")).isEmpty());
            var group = browser.findElement(By.cssSelector(".dup-image[data-id='" + original + "']")).findElement(By.xpath("ancestor::section"));
            assertFalse(group.findElements(By.cssSelector(".dup-image[data-id='" + near + "']")).isEmpty(), "side by side with its near copy");
            String text = group.getText();
            assertTrue(text.contains("640 × 480") && text.contains("384 × 288"), text);
            assertTrue(text.contains("Folder") && text.contains("Size"), text);
            assertFalse(browser.findElements(By.cssSelector("nav a[href='duplicates.html'][aria-current='page']")).isEmpty());
            Chromium.screenshot(browser, "duplicates");
            assertEquals(List.of(), Chromium.scriptErrors(browser), "errors in the browser console");
        } finally {
            browser.quit();
        }
    }

    /** The page of 20 groups (as duplicates.html shows them) that holds the image. */
    private int pageOfGroupWith(long imageId) {
        for (int page = 0; page < 100; page++) {
            JsonObject found = api.get("api/duplicates?size=" + DUPLICATES_PAGE + "&page=" + page).object();
            if (found.getJsonArray("items").isEmpty()) {
                break;
            }
            for (JsonValue group : found.getJsonArray("items")) {
                for (JsonValue image : group.asJsonObject().getJsonArray("images")) {
                    if (image.asJsonObject().getJsonNumber("id").longValue() == imageId) {
                        return page;
                    }
                }
            }
        }
        throw new AssertionError("no duplicate group holds image " + imageId);
    }

    private synchronized Animals animals() throws IOException {
        if (animals != null) {
            return animals;
        }
        vision.describeColour("red", "A dog running on a beach", "dog", "beach");
        vision.describeColour("blue", "A cat sleeping on a sofa", "cat", "sofa");
        vision.describeColour("green", "A car parked under a tree", "car", "tree");
        Path folder = TestFolders.create("meaning");
        // Sizes no other test class uses: the catalog is shared by the run, and a byte-equal picture of another class
        // would be taken over with its description instead of being described (and embedded) here.
        TestImages.writeJpeg(folder.resolve("dog-1.jpg"), 321, 203, Color.RED);
        TestImages.writeJpeg(folder.resolve("dog-2.jpg"), 203, 317, Color.RED);
        TestImages.writeJpeg(folder.resolve("dog-3.jpg"), 301, 299, Color.RED);
        TestImages.writeJpeg(folder.resolve("cat-1.jpg"), 299, 201, Color.BLUE);
        TestImages.writeJpeg(folder.resolve("cat-2.jpg"), 251, 249, Color.BLUE);
        TestImages.writeJpeg(folder.resolve("car.jpg"), 401, 239, Color.GREEN);
        long folderId = api.addFolder(folder);
        int before = vision.embedRequests();
        api.scanToCompletion(folderId, "new");
        assertTrue(vision.embedRequests() - before <= 2, "one embedding request per chunk, not per image: " + (vision.embedRequests() - before));
        assertTrue(vision.embeddedTexts().contains("search_document: A dog running on a beach\nTags: beach, dog"),
                "documents are description and tags, with nomic's prefix: " + vision.embeddedTexts());
        // Random photos of other tests may be red on average: they are not dogs.
        vision.reset();
        Map<String, Long> ids = idsByFile(folderId);
        animals = new Animals(folderId, Set.of(ids.get("dog-1.jpg"), ids.get("dog-2.jpg"), ids.get("dog-3.jpg")),
                Set.of(ids.get("cat-1.jpg"), ids.get("cat-2.jpg")), ids.get("car.jpg"));
        return animals;
    }

    private synchronized Copies copies() throws IOException {
        if (copies != null) {
            return copies;
        }
        Path folder = TestFolders.create("duplicates");
        for (int seed = 0; seed < 150; seed++) {
            BufferedImage photo = TestPhotos.photo(5000 + seed, 640, 480);
            TestPhotos.writeJpeg(folder.resolve(String.format("photo-%03d.jpg", seed)), photo, 0.9f);
            if (seed < 3) {
                TestPhotos.writeJpeg(folder.resolve(String.format("near-%03d.jpg", seed)), TestPhotos.nearCopy(photo, 0.6, 12, 0.7f), 0.7f);
            }
        }
        Files.copy(folder.resolve("photo-000.jpg"), folder.resolve("copy-000.jpg"));
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");
        copies = new Copies(folderId, idsByFile(folderId));
        assertEquals(154, copies.ids().size());
        return copies;
    }

    /** The duplicate groups that hold an image of the copies folder. */
    private List<JsonObject> duplicateGroups(Copies c) {
        Set<Long> mine = Set.copyOf(c.ids().values());
        List<JsonObject> groups = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonObject body = api.get("api/duplicates?size=200&page=" + page).object();
            List<JsonObject> items = body.getJsonArray("items").getValuesAs(JsonObject.class);
            items.stream().filter(g -> idsOf(g.getJsonArray("images").getValuesAs(JsonObject.class)).stream().anyMatch(mine::contains))
                    .forEach(groups::add);
            if (items.size() < 200) {
                return groups;
            }
        }
    }

    private Map<String, Long> idsByFile(long folderId) {
        Map<String, Long> ids = new HashMap<>();
        api.get("api/images?size=200&folderId=" + folderId).object().getJsonArray("items").getValuesAs(JsonObject.class)
                .forEach(i -> ids.put(Path.of(i.getString("path")).getFileName().toString(), i.getJsonNumber("id").longValue()));
        return ids;
    }

    private String fileName(long id) {
        return Path.of(api.get("api/images/" + id).object().getString("path")).getFileName().toString();
    }

    private List<Long> ids(String path) {
        Api.Reply reply = api.get(path);
        assertEquals(200, reply.status(), path + ": " + reply.body());
        return idsOf(reply.object().getJsonArray("items").getValuesAs(JsonObject.class));
    }

    static List<Long> idsOf(List<JsonObject> images) {
        return images.stream().map(i -> i.getJsonNumber("id").longValue()).toList();
    }

    /** The index of each instance catches up within a few seconds of a write (VectorIndexSync). */
    private void awaitIds(Set<Long> expected, String path) {
        await(() -> expected.equals(Set.copyOf(ids(path))), Duration.ofSeconds(20), path + " finds " + expected + " (last: " + ids(path) + ")");
    }

    static void await(Supplier<Boolean> condition, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private String base() {
        return deployment.toString().replaceAll("/+$", "");
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
