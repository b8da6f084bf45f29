package org.imagetagger.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.awt.Color;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.imagetagger.support.Api;
import org.imagetagger.support.Chromium;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The three pages in headless Chromium against the deployed WAR, PostgreSQL and the fake vision server. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UiIT {

    private static final String HOSTILE = "<img src=x onerror=alert(1)>";

    private static FakeVisionServer vision;
    private static Catalog catalog;

    @ArquillianResource
    URL deployment;

    private Api api;
    private WebDriver browser;
    private WebDriverWait wait;

    /** What the tests find in the catalog: one scanned folder of colours plus one with hostile text. */
    private record Catalog(long folderId, long executionId, Map<String, Long> idsByFile, long hostileFolderId, long hostileId) {
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        vision = new FakeVisionServer();
        vision.start();
        // No watcher: its catch-up scans would redraw the admin page while the test reads it.
        return TestDeployments.war(Map.of("tagger.vision.url", vision.url(), "tagger.vision.concurrency", "2",
                "tagger.watch.enabled", "false"));
    }

    @AfterAll
    static void stopVision() {
        vision.stop();
    }

    @BeforeEach
    void open() throws IOException {
        api = new Api(deployment);
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(100));
        // Pages re-render lists while they refresh; a stale element is looked up again.
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void galleryFiltersByTagShowsTheDetailAndSavesEditedTags() throws IOException {
        Catalog c = catalog();
        page("");
        element("#folder option[value='" + c.folderId() + "']");
        new Select(element("#folder")).selectByValue(String.valueOf(c.folderId()));
        awaitCards(c.idsByFile().values());

        WebElement tagInput = element("#tag-input");
        tagInput.sendKeys("re");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tag-suggestions option[value='red']")));
        tagInput.sendKeys("d", Keys.ENTER);
        awaitCards(Set.of(c.idsByFile().get("red-1.jpg"), c.idsByFile().get("red-2.jpg")));
        assertTrue(browser.getCurrentUrl().contains("tag=red"), "the search is in the address: " + browser.getCurrentUrl());
        screenshot("gallery");

        element("#chips .chip[data-tag='red'] button.mode").click();
        element("#chips .chip[data-tag='red'][data-mode='any'] button.mode").click();
        awaitCards(Set.of(c.idsByFile().get("green.jpg"), c.idsByFile().get("blue.jpg"), c.idsByFile().get("broken.jpg")));
        element("#chips .chip[data-tag='red'][data-mode='not'] button[aria-label^='Remove']").click();
        awaitCards(c.idsByFile().values());

        long green = c.idsByFile().get("green.jpg");
        element(".card[data-id='" + green + "']").click();
        wait.until(d -> element("#detail").getAttribute("open") != null);
        wait.until(d -> element("#detail-description").getText().startsWith("A green test image"));
        wait.until(d -> tagNames("#detail-tags").equals(List.of("fake", "green")));
        assertEquals("green.jpg", element("#detail-title").getText());

        element("#detail-tag-input").sendKeys("meadow", Keys.ENTER);
        // Adding a tag re-renders the chips: click the one that is there now.
        clickOn("#detail-tags .chip[data-tag='green'] button");
        element("#detail-save").click();
        wait.until(d -> element("#detail-message").getText().equals("Tags saved."));
        JsonObject saved = api.get("api/images/" + green).object();
        assertEquals(List.of("fake", "meadow"), strings(saved, "tags").stream().sorted().toList());
        assertEquals(List.of("meadow"), strings(saved, "manualTags"), "the kept model tag stays the model's");
        assertEquals(List.of("green"), strings(saved, "rejectedTags"));
        wait.until(d -> !browser.findElements(By.cssSelector("#detail-tags .chip.manual[data-tag='meadow']")).isEmpty());
        assertEquals(1, browser.findElements(By.cssSelector("#detail-tags .chip.ai[data-tag='fake']")).size(), "shown as the model's");
        assertEquals(1, browser.findElements(By.cssSelector("#detail-rejected-list .chip[data-tag='green']")).size(), "shown as removed");
        screenshot("detail");
        assertNoScriptErrors();
    }

    @Test
    void modelOutputAndFileNamesAreShownAsTextNeverAsMarkup() throws IOException {
        Catalog c = catalog();
        page("?folderId=" + c.hostileFolderId());
        awaitCards(Set.of(c.hostileId()));
        WebElement card = element(".card[data-id='" + c.hostileId() + "']");
        assertEquals(HOSTILE + ".jpg", card.findElement(By.cssSelector(".caption")).getText());
        card.click();
        wait.until(d -> HOSTILE.equals(element("#detail-description").getText()));
        assertEquals(HOSTILE + ".jpg", element("#detail-title").getText());
        assertEquals(List.of(), browser.findElements(By.cssSelector("img[src='x']")), "no element was injected");
        assertEquals(HOSTILE + ".jpg", card.getAttribute("title"), "the file name is an attribute value, not markup");
        element("#detail-close").click();
        wait.until(d -> d.findElements(By.cssSelector("#cloud button")).stream()
                .anyMatch(b -> b.getText().equals("<script>alert(2)</script>")));
        assertEquals(List.of(), browser.findElements(By.cssSelector("#cloud script, #detail script")), "no script was injected");
        screenshot("hostile");

        browser.manage().window().setSize(new Dimension(390, 844));
        page("?folderId=" + c.folderId());
        awaitCards(c.idsByFile().values());
        screenshot("gallery-phone");
        assertEquals(Boolean.TRUE, js("const c = document.querySelector('#grid .card').getBoundingClientRect();"
                + " return c.top >= 0 && c.bottom <= innerHeight;"), "the first photo is above the fold on a phone");
        element(".card[data-id='" + c.idsByFile().get("blue.jpg") + "']").click();
        wait.until(d -> element("#detail-description").getText().startsWith("A blue test image"));
        screenshot("detail-phone");
        assertNoScriptErrors();
    }

    @Test
    void foldersPageAddsAFolderAndShowsTheApisMessageForABadPath() throws IOException {
        catalog();
        Path missing = Path.of("target", "no-such-folder-" + System.nanoTime()).toAbsolutePath();
        Api.Reply refused = api.post("api/folders", Json.createObjectBuilder().add("path", missing.toString()).build().toString());
        assertEquals(400, refused.status(), refused.body());
        String apiMessage = refused.object().getString("error");

        page("folders.html");
        element("#path").sendKeys(missing.toString(), Keys.ENTER);
        wait.until(d -> element("#add-message").getText().equals(apiMessage));
        assertTrue(element("#add-message").getAttribute("class").contains("error"));

        Path added = newFolder("added").toRealPath();
        TestImages.writeJpeg(added.resolve("one.jpg"), 120, 90, Color.BLUE);
        element("#scan").click();
        element("#path").clear();
        element("#path").sendKeys(added.toString(), Keys.ENTER);
        wait.until(d -> element("#add-message").getText().startsWith("Added "));
        WebElement card = wait.until(d -> d.findElements(By.cssSelector(".folder")).stream()
                .filter(f -> added.toString().equals(f.getAttribute("data-path"))).findFirst().orElse(null));
        assertTrue(card.getText().contains(added.toString()) && card.getText().contains("Scan new"), card.getText());
        assertTrue(api.get("api/folders").body().contains(Json.createValue(added.toString()).toString()));
        screenshot("folders");
        assertNoScriptErrors();
    }

    @Test
    void foldersPageEditsAFoldersProfileAndShowsHowManyImagesAreStale() throws IOException {
        Path folder = newFolder("profile").toRealPath();
        TestImages.writeJpeg(folder.resolve("p.jpg"), 131, 97, Color.MAGENTA);
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");

        page("folders.html");
        String card = ".folder[data-id=\"" + folderId + "\"]";
        clickOn(card + " .profile-editor summary");
        wait.until(d -> element(card + " .profile-editor summary").getText().contains("none stale"));
        element(card + " input[name=context]").sendKeys("Holiday on Crete, 2021");
        element(card + " input[name=model]").sendKeys("llava:13b");
        element(card + " textarea[name=vocabulary]").sendKeys("Animals/Dog", Keys.ENTER, "Animals | Cat");
        element(card + " input[name=vocabularyOnly]").click();
        clickOn(card + " .profile button[type=submit]");
        wait.until(d -> element(card + " .profile .message").getText().startsWith("Profile saved"));
        wait.until(d -> element(card + " .profile-editor summary").getText().contains("1 stale"));

        JsonObject profile = api.get("api/folders/" + folderId + "/profile").object();
        assertEquals("Holiday on Crete, 2021", profile.getString("context"));
        assertEquals("llava:13b", profile.getString("model"));
        assertEquals(List.of("Animals/Dog", "Animals/Cat"), strings(profile, "vocabulary"));
        assertTrue(profile.getBoolean("vocabularyOnly"));
        assertTrue(profile.isNull("language"), "an empty field is left to the settings");

        element(card + " textarea[name=vocabulary]").clear();
        clickOn(card + " .profile button[type=submit]");
        wait.until(d -> element(card + " .profile .message").getText().contains("vocabularyOnly needs a vocabulary"));
        assertTrue(element(card + " .profile .message").getAttribute("class").contains("error"));
        assertTrue(element(card + " [data-scan=stale]").isDisplayed(), "a stale scan can be started from the card");
        screenshot("folder-profile");

        // Compare another model on a sample, side by side, and adopt it into the profile.
        element(card + " input[name=compareModel]").sendKeys("qwen2.5vl:latest");
        clickOn(card + " .compare button");
        WebElement row = wait.until(d -> d.findElements(By.cssSelector(card + " table.comparison tbody tr")).stream().findFirst().orElse(null));
        assertTrue(row.getText().contains("p.jpg"), row.getText());
        assertTrue(element(card + " .comparison-result .summary").getText().startsWith("COMPLETED: 1 of 1 images answered"),
                element(card + " .comparison-result .summary").getText());
        screenshot("folder-comparison");
        clickOn(card + " .comparison-result button");
        wait.until(d -> element(card + " .compare .message").getText().startsWith("Adopted"));
        assertEquals("qwen2.5vl:latest", api.get("api/folders/" + folderId + "/profile").object().getString("model"));
        wait.until(d -> "qwen2.5vl:latest".equals(element(card + " input[name=model]").getAttribute("value")));
        assertNoScriptErrors();
    }

    @Test
    void adminConsoleShowsTheFinishedExecutionWithItsCountsAndFailures() throws IOException {
        Catalog c = catalog();
        page("admin.html");
        String card = ".exec[data-id='" + c.executionId() + "']";
        wait.until(d -> element(card + " .badge.COMPLETED").isDisplayed());
        assertEquals("100", element(card + " .progress").getAttribute("aria-valuenow"));
        String numbers = textOf(card + " .numbers");
        assertTrue(numbers.contains("done 5 / 5") && numbers.contains("tagged 4") && numbers.contains("failed 1"), numbers);

        clickOn(card + " details.metrics summary");
        assertEquals("5", textOf(card + " td[data-metric='READ_COUNT']"));
        assertEquals("5", textOf(card + " td[data-metric='WRITE_COUNT']"));
        assertEquals("0", textOf(card + " td[data-metric='ROLLBACK_COUNT']"));
        assertTrue(Integer.parseInt(textOf(card + " td[data-metric='COMMIT_COUNT']")) >= 1);

        clickOn(card + " details.failed summary");
        String failed = textOf(card + " .failed-list li[data-id='" + c.idsByFile().get("broken.jpg") + "']");
        String reason = api.get("api/images/" + c.idsByFile().get("broken.jpg")).object().getString("error");
        assertTrue(failed.contains("broken.jpg") && failed.contains(reason), failed);
        screenshot("admin");

        clickOn(card + " .head button[data-action='retry-failed']");
        wait.until(d -> textOf(card + " .message").startsWith("Retrying the failed images as execution #"));
        long retry = Long.parseLong(textOf(card + " .message").replaceAll("\\D+", " ").trim().split(" ")[0]);
        JsonObject ended = api.awaitEnd(retry, Duration.ofSeconds(30));
        assertEquals("COMPLETED", ended.getString("status"), ended.toString());
        assertEquals("failed", ended.getJsonObject("parameters").getString("mode"));
        wait.until(d -> element(".exec[data-id='" + retry + "'] .badge.COMPLETED").isDisplayed());
        assertNoScriptErrors();
    }

    @Test
    void aScanStartedOnTheFoldersPageFillsItsProgressBarLiveAndAStoppedScanRestartsFromTheAdminConsole() throws IOException {
        catalog();
        Path live = newFolder("live");
        for (int i = 0; i < 30; i++) {
            // A height no other test uses: equal content in another IT class would be taken as a copy.
            TestImages.writeJpeg(live.resolve("live-" + i + ".jpg"), 150 + i, 97, Color.ORANGE);
        }
        long liveFolder = api.addFolder(live);
        vision.setLatency(Duration.ofMillis(150));
        try {
            page("folders.html");
            clickOn(".folder[data-id='" + liveFolder + "'] button[data-scan='new']");
            wait.until(d -> textOf(".folder[data-id='" + liveFolder + "'] .message").startsWith("Scan (new) started: execution #"));
            long scan = Long.parseLong(textOf(".folder[data-id='" + liveFolder + "'] .message").replaceAll("\\D+", ""));

            page("admin.html");
            ((JavascriptExecutor) browser).executeScript("window.sameDocument = true");
            String card = ".exec[data-id='" + scan + "']";
            wait.until(d -> element("#live").getAttribute("class").contains("sse"));
            int seenRunning = wait.until(d -> {
                int now = Integer.parseInt(element(card + " .progress").getAttribute("aria-valuenow"));
                return now < 100 && element(card + " .badge").getText().startsWith("START") ? now : null;
            });
            wait.until(d -> "100".equals(element(card + " .progress").getAttribute("aria-valuenow"))
                    && !d.findElements(By.cssSelector(card + " .badge.COMPLETED")).isEmpty());
            assertTrue(seenRunning < 100);
            assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.sameDocument"),
                    "the bar moved on without a reload");
            assertTrue(element("#live").getAttribute("class").contains("sse"), "updated through the event stream");
            assertTrue(textOf(card + " .numbers").contains("done 30 / 30"), textOf(card + " .numbers"));

            // Stop a running scan from the console, then restart it there: it resumes after the last chunk.
            Path slow = newFolder("stop");
            for (int i = 0; i < 40; i++) {
                TestImages.writeJpeg(slow.resolve("stop-" + i + ".jpg"), 150 + i, 101, Color.PINK);
            }
            long slowFolder = api.addFolder(slow);
            vision.setLatency(Duration.ofMillis(400));
            long stopped = api.scan(slowFolder, "new");
            String stoppedCard = ".exec[data-id='" + stopped + "']";
            api.awaitProgress(stopped, 10);
            clickOn(stoppedCard + " .head button[data-action='stop']");
            wait.until(d -> textOf(stoppedCard + " .message").startsWith("Stopping"));
            assertEquals("STOPPED", api.awaitEnd(stopped, Duration.ofSeconds(60)).getString("status"));
            wait.until(d -> !d.findElements(By.cssSelector(stoppedCard + " .badge.STOPPED")).isEmpty());
            vision.setLatency(Duration.ofMillis(50));
            clickOn(stoppedCard + " .head button[data-action='restart']");
            wait.until(d -> textOf(stoppedCard + " .message").startsWith("Restarted as execution #"));
            long restarted = Long.parseLong(textOf(stoppedCard + " .message").replaceAll("\\D+", ""));
            // Issue 19: the restarted execution loses its Restart button (a second restart would only be refused).
            wait.until(d -> d.findElements(By.cssSelector(stoppedCard + " .head button[data-action='restart']")).isEmpty());
            assertEquals(false, api.get("api/jobs/" + stopped).object().getBoolean("restartable"));
            String restartedCard = ".exec[data-id='" + restarted + "']";
            new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(100)).ignoring(StaleElementReferenceException.class)
                    .until(d -> !d.findElements(By.cssSelector(restartedCard + " .badge.COMPLETED")).isEmpty());
            assertEquals("100", element(restartedCard + " .progress").getAttribute("aria-valuenow"));
            JsonObject ended = api.awaitEnd(restarted, Duration.ofSeconds(30));
            assertEquals("COMPLETED", ended.getString("status"), ended.toString());
            assertTrue(Api.metric(ended, "READ_COUNT") < 40, "the restart resumes after the committed chunks: " + ended);
            assertEquals(40, api.get("api/images?status=TAGGED&folderId=" + slowFolder).object().getInt("total"));
            screenshot("admin-restarted");
        } finally {
            vision.setLatency(null);
        }
        assertNoScriptErrors();
    }

    @Test
    void searchingByTextAndTwoTagsShowsTheMatchingThumbnails() throws IOException {
        catalog();
        Path folder = newFolder("pets");
        Map<String, Color> files = Map.of("dog-red.jpg", Color.RED, "dog-red-2.jpg", Color.RED, "dog-blue.jpg", Color.BLUE,
                "cat-red.jpg", Color.RED);
        int width = 101;
        for (var file : new java.util.TreeMap<>(files).entrySet()) {
            TestImages.writeJpeg(folder.resolve(file.getKey()), width += 2, 77, file.getValue());
        }
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");
        Map<String, Long> ids = idsByFile(folderId);
        Map<String, String> tags = Map.of("dog-red.jpg", "[\"red\",\"dog\",\"outdoor\"]", "dog-red-2.jpg", "[\"red\",\"dog\"]",
                "dog-blue.jpg", "[\"blue\",\"dog\",\"outdoor\"]", "cat-red.jpg", "[\"red\",\"cat\",\"outdoor\"]");
        tags.forEach((file, list) -> assertEquals(200, api.put("api/images/" + ids.get(file) + "/tags", "{\"tags\":" + list + "}").status()));

        page("?folderId=" + folderId);
        awaitCards(ids.values());
        element("#q").sendKeys("red");
        element("#tag-input").sendKeys("dog", Keys.ENTER);
        element("#tag-input").sendKeys("outdoor", Keys.ENTER);
        awaitCards(Set.of(ids.get("dog-red.jpg")));
        String url = browser.getCurrentUrl();
        assertTrue(url.contains("q=red") && url.contains("tag=dog") && url.contains("tag=outdoor"), url);
        String img = "#grid .card[data-id='" + ids.get("dog-red.jpg") + "'] img";
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("const i = document.querySelector(arguments[0]);"
                + " return !!i && i.complete && i.naturalWidth > 0 && i.currentSrc.includes('/thumbnail');", img)));
        assertEquals("1 image", element("#count").getText());
        screenshot("gallery-search");

        // Without the second tag both red dogs match; with "dog" switched to "not", the red cat outdoors.
        element("#chips .chip[data-tag='outdoor'] button[aria-label^='Remove']").click();
        awaitCards(Set.of(ids.get("dog-red.jpg"), ids.get("dog-red-2.jpg")));
        element("#tag-input").sendKeys("outdoor", Keys.ENTER);
        awaitCards(Set.of(ids.get("dog-red.jpg")));
        element("#chips .chip[data-tag='dog'] button.mode").click();
        element("#chips .chip[data-tag='dog'][data-mode='any'] button.mode").click();
        awaitCards(Set.of(ids.get("cat-red.jpg")));
        assertNoScriptErrors();
    }

    /**
     * Issue 19: a 3000×4000 portrait fits the viewer whole (desktop and phone), shown from its display-size rendition,
     * and on a 390 px phone Close is visible, on top, and closes.
     */
    @Test
    void aPortraitPhotoFitsTheViewerAndCloseStaysReachableOnAPhone() throws IOException {
        catalog();
        Path folder = newFolder("portrait");
        TestImages.writeJpeg(folder.resolve("tall.jpg"), 3000, 4000, new Color(60, 140, 90));
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");
        long id = idsByFile(folderId).get("tall.jpg");

        for (Dimension size : List.of(new Dimension(1400, 900), new Dimension(390, 844))) {
            browser.manage().window().setSize(size);
            page("?folderId=" + folderId);
            awaitCards(Set.of(id));
            element(".card[data-id='" + id + "']").click();
            wait.until(d -> element("#detail").getAttribute("open") != null);
            wait.until(d -> Boolean.TRUE.equals(js("const i = document.getElementById('detail-image');"
                    + " return i.complete && i.naturalHeight === 2048 && i.currentSrc.endsWith('/preview');")));
            @SuppressWarnings("unchecked")
            Map<String, Object> fit = (Map<String, Object>) js("const i = document.getElementById('detail-image');"
                    + " const r = i.getBoundingClientRect(); const scale = Math.min(1, r.width / i.naturalWidth, r.height / i.naturalHeight);"
                    + " const w = i.naturalWidth * scale, h = i.naturalHeight * scale;"
                    + " const top = r.top + (r.height - h) / 2, left = r.left + (r.width - w) / 2;"
                    + " return {h: h, w: w, top: top, bottom: top + h, left: left, right: left + w, vh: innerHeight, vw: innerWidth};");
            double h = ((Number) fit.get("h")).doubleValue();
            assertTrue(((Number) fit.get("top")).doubleValue() >= -0.5 && ((Number) fit.get("bottom")).doubleValue() <= ((Number) fit.get("vh")).doubleValue() + 0.5
                    && ((Number) fit.get("left")).doubleValue() >= -0.5 && ((Number) fit.get("right")).doubleValue() <= ((Number) fit.get("vw")).doubleValue() + 0.5,
                    "the whole photo is inside the window at " + size + ": " + fit);
            assertTrue(h > 200, "and not tiny: " + fit);
            assertEquals(Boolean.TRUE, js("const b = document.getElementById('detail-close').getBoundingClientRect();"
                    + " const x = b.left + b.width / 2, y = b.top + b.height / 2;"
                    + " return b.width >= 24 && b.top >= 0 && b.bottom <= innerHeight && b.right <= innerWidth"
                    + " && document.elementFromPoint(x, y) === document.getElementById('detail-close');"),
                    "Close is visible and nothing covers it at " + size);
            screenshot("viewer-portrait-" + size.getWidth());
            element("#detail-close").click();
            wait.until(d -> element("#detail").getAttribute("open") == null);
        }
        assertNoScriptErrors();
    }

    /**
     * Issue 19: the arrow keys step from the first result to the last, loading the next page on the way, and keep
     * working when the focused button reaches an end (it stays focusable; the focus never falls out of the dialog).
     */
    @Test
    void theArrowKeysAndASwipeStepFromTheFirstResultToTheLastAcrossPages() throws IOException {
        catalog();
        Path folder = newFolder("many");
        int count = 64;
        for (int i = 0; i < count; i++) {
            TestImages.writeJpeg(folder.resolve(String.format("many-%02d.jpg", i)), 90 + i, 61, new Color(10 + 3 * i, 90, 160));
        }
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");
        page("?folderId=" + folderId + "&sort=path");
        wait.until(d -> !d.findElements(By.cssSelector("#grid .card")).isEmpty());
        element("#grid .card").click();
        wait.until(d -> ("1 of " + count).equals(textOf("#detail-position")));
        assertEquals("many-00.jpg", element("#detail-title").getText());

        // At the first result: Previous is marked disabled but keeps the focus; Left does nothing, Right goes on.
        element("#detail-prev").sendKeys(Keys.ARROW_LEFT);
        assertEquals("1 of " + count, textOf("#detail-position"));
        assertEquals("true", element("#detail-prev").getAttribute("aria-disabled"));
        for (int i = 2; i <= count; i++) {
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.ARROW_RIGHT).perform();
            String expected = i + " of " + count;
            wait.until(d -> expected.equals(textOf("#detail-position")));
        }
        wait.until(d -> String.format("many-%02d.jpg", count - 1).equals(element("#detail-title").getText()));
        assertEquals("true", element("#detail-next").getAttribute("aria-disabled"));
        element("#detail-next").click();
        assertEquals(Boolean.TRUE, js("return document.getElementById('detail').contains(document.activeElement);"),
                "the focus stays in the viewer at the last result");
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.ARROW_RIGHT).perform();
        assertEquals(count + " of " + count, textOf("#detail-position"));
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.ARROW_LEFT).perform();
        wait.until(d -> ((count - 1) + " of " + count).equals(textOf("#detail-position")));
        screenshot("viewer-last");
        element("#detail-close").click();

        // On a phone a swipe to the left shows the next photo, to the right the previous one.
        browser.manage().window().setSize(new Dimension(390, 844));
        element("#grid .card").click();
        wait.until(d -> ("1 of " + count).equals(textOf("#detail-position")));
        swipe(-150);
        wait.until(d -> ("2 of " + count).equals(textOf("#detail-position")));
        swipe(150);
        wait.until(d -> ("1 of " + count).equals(textOf("#detail-position")));
        assertNoScriptErrors();
    }

    /** A one-finger horizontal swipe across the middle of the viewer's photo area (offsets from its centre). */
    private void swipe(int dx) {
        WebElement viewport = element("#detail-viewport");
        var origin = org.openqa.selenium.interactions.PointerInput.Origin.fromElement(viewport);
        var finger = new org.openqa.selenium.interactions.PointerInput(org.openqa.selenium.interactions.PointerInput.Kind.TOUCH, "finger");
        var swipe = new org.openqa.selenium.interactions.Sequence(finger, 0)
                .addAction(finger.createPointerMove(Duration.ZERO, origin, -dx / 2, 0))
                .addAction(finger.createPointerDown(org.openqa.selenium.interactions.PointerInput.MouseButton.LEFT.asArg()))
                .addAction(finger.createPointerMove(Duration.ofMillis(200), origin, dx / 2, 0))
                .addAction(finger.createPointerUp(org.openqa.selenium.interactions.PointerInput.MouseButton.LEFT.asArg()));
        ((org.openqa.selenium.interactions.Interactive) browser).perform(List.of(swipe));
    }

    /** Issue 19: a model tag removed by hand stays removed after a re-tag, and the re-tag reports the photo's real state. */
    @Test
    void aTagRemovedByHandStaysRemovedAfterARetag() throws IOException {
        catalog();
        Path folder = newFolder("removed");
        TestImages.writeJpeg(folder.resolve("sea.jpg"), 141, 83, Color.BLUE);
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");
        long id = idsByFile(folderId).get("sea.jpg");
        page("?folderId=" + folderId);
        awaitCards(Set.of(id));
        element(".card[data-id='" + id + "']").click();
        wait.until(d -> tagNames("#detail-tags").equals(List.of("blue", "fake")));
        clickOn("#detail-tags .chip[data-tag='fake'] button");
        wait.until(d -> element("#detail-unsaved").isDisplayed());
        element("#detail-save").click();
        wait.until(d -> element("#detail-message").getText().equals("Tags saved."));

        vision.setLatency(Duration.ofMillis(1500));
        try {
            element("#detail-retag").click();
            wait.until(d -> !element("#detail-retag").isEnabled());
            wait.until(d -> element("#detail-message").getText().startsWith("Re-tagged"));
        } finally {
            vision.setLatency(null);
        }
        assertTrue(element("#detail-retag").isEnabled());
        assertEquals(List.of("blue"), tagNames("#detail-tags"));
        assertEquals(1, browser.findElements(By.cssSelector("#detail-rejected-list .chip[data-tag='fake']")).size());
        assertEquals(List.of("blue"), strings(api.get("api/images/" + id).object(), "tags"));
        screenshot("detail-removed-tag");

        // Closing with an unsaved edit asks first; dismissing keeps the viewer open with the edit.
        element("#detail-tag-input").sendKeys("harbour", Keys.ENTER);
        element("#detail-close").click();
        wait.until(ExpectedConditions.alertIsPresent()).dismiss();
        assertTrue(element("#detail").getAttribute("open") != null, "still open after Cancel");
        element("#detail-close").click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(d -> element("#detail").getAttribute("open") == null);
        assertNoScriptErrors();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private synchronized Catalog catalog() throws IOException {
        if (catalog != null) {
            return catalog;
        }
        Path folder = newFolder("colours");
        TestImages.writeJpeg(folder.resolve("red-1.jpg"), 320, 200, Color.RED);
        TestImages.writeJpeg(folder.resolve("red-2.jpg"), 200, 320, Color.RED);
        TestImages.writeJpeg(folder.resolve("green.jpg"), 300, 300, Color.GREEN);
        TestImages.writeJpeg(folder.resolve("blue.jpg"), 400, 240, Color.BLUE);
        TestImages.writeText(folder.resolve("broken.jpg"), "not a picture");
        long folderId = api.addFolder(folder);
        long executionId = api.scanToCompletion(folderId, "new").getJsonNumber("executionId").longValue();
        Map<String, Long> ids = idsByFile(folderId);
        assertEquals(Set.of("red-1.jpg", "red-2.jpg", "green.jpg", "blue.jpg", "broken.jpg"), ids.keySet());

        Path hostile = newFolder("hostile");
        Path picture = TestImages.writeJpeg(hostile.resolve("plain.jpg"), 100, 100, Color.YELLOW);
        Files.move(picture, hostile.resolve(HOSTILE + ".jpg"), StandardCopyOption.ATOMIC_MOVE);
        vision.replyWith(Json.createObjectBuilder().add("description", HOSTILE)
                .add("tags", Json.createArrayBuilder().add("hostile").add("<script>alert(2)</script>")).build().toString());
        long hostileFolderId;
        try {
            hostileFolderId = api.addFolder(hostile);
            api.scanToCompletion(hostileFolderId, "new");
        } finally {
            vision.replyWith(null);
        }
        long hostileId = idsByFile(hostileFolderId).get(HOSTILE + ".jpg");
        catalog = new Catalog(folderId, executionId, ids, hostileFolderId, hostileId);
        return catalog;
    }

    private Map<String, Long> idsByFile(long folderId) {
        Map<String, Long> ids = new HashMap<>();
        api.get("api/images?size=200&folderId=" + folderId).object().getJsonArray("items").getValuesAs(JsonObject.class)
                .forEach(i -> ids.put(Path.of(i.getString("path")).getFileName().toString(), i.getJsonNumber("id").longValue()));
        return ids;
    }

    private void page(String relative) {
        browser.get(deployment.toString().replaceAll("/+$", "") + "/" + relative);
    }

    private WebElement element(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    private void awaitCards(java.util.Collection<Long> expected) {
        Set<Long> want = Set.copyOf(expected);
        try {
            wait.until(d -> want.equals(cardIds()) && d.findElements(By.cssSelector("#loading.hidden")).size() == 1);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("gallery shows " + cardIds() + ", expected " + want + "; " + browser.getCurrentUrl(), e);
        }
    }

    private Set<Long> cardIds() {
        return browser.findElements(By.cssSelector("#grid .card")).stream()
                .map(card -> Long.valueOf(card.getAttribute("data-id"))).collect(Collectors.toSet());
    }

    private List<String> tagNames(String container) {
        return browser.findElements(By.cssSelector(container + " .chip")).stream()
                .map(chip -> chip.getAttribute("data-tag")).sorted().toList();
    }

    private static List<String> strings(JsonObject object, String key) {
        return object.getJsonArray(key).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private void screenshot(String name) throws IOException {
        Chromium.screenshot(browser, name);
    }

    private void assertNoScriptErrors() {
        assertEquals(List.of(), Chromium.scriptErrors(browser), "errors in the browser console");
    }

    private static Path newFolder(String name) throws IOException {
        return TestFolders.create("ui-" + name);
    }

    /** The text of an element that live updates may redraw at any moment: read again until it holds still. */
    private String textOf(String css) {
        return wait.until(d -> element(css).getAttribute("textContent").strip());
    }

    private void clickOn(String css) {
        wait.until(d -> {
            element(css).click();
            return true;
        });
    }
}
