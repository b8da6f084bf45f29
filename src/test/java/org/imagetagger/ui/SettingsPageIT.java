package org.imagetagger.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The settings page in headless Chromium: the form, the connection test, saving and the API's refusals; the admin
 * console's Pause all / Resume all and processing window; a video played in the gallery.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SettingsPageIT {

    private static final String HOSTILE = "<img src=x onerror=alert(1)>";

    private static FakeVisionServer vision;
    private static boolean batchStoreReady;

    @ArquillianResource
    URL deployment;

    private Api api;
    private WebDriver browser;
    private WebDriverWait wait;

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
    void open() throws IOException {
        api = new Api(deployment);
        vision.reset();
        assertEquals(200, api.delete("api/settings").status());
        if (!batchStoreReady) {
            // Payara creates its batch tables on first use; when that first use is the admin page's job list (a
            // transaction that fails and rolls the tables back), no scan works until a restart. One scan first.
            api.scanToCompletion(api.addFolder(TestFolders.create("ui-first")), "new");
            batchStoreReady = true;
        }
        browser = Chromium.start();
        // Tall enough for the whole form: a button scrolled to the top would sit under the sticky header.
        browser.manage().window().setSize(new Dimension(1200, 1700));
        wait = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        // Settings live in the database, which the other IT classes of this run share: leave none behind.
        assertEquals(200, api.delete("api/settings").status());
    }

    @Test
    void everyPageLinksToSettingsWhichShowTheCurrentValues() {
        for (String page : List.of("", "folders.html", "admin.html")) {
            page(page);
            element("nav a[href='settings.html']").click();
            wait.until(ExpectedConditions.urlContains("settings.html"));
        }
        wait.until(d -> "qwen2.5vl".equals(value("#model")));
        assertEquals("ollama", new Select(element("#api")).getFirstSelectedOption().getAttribute("value"));
        assertEquals(vision.url(), value("#url"));
        assertEquals("2", value("#concurrency"));
        assertEquals("120", value("#timeout"));
        assertEquals("1024", value("#maxDimension"));
        assertEquals("25", value("#maxTags"));
        assertEquals("English", value("#language"));
        assertTrue(value("#prompt").contains("up to 25 "), "the built-in prompt is shown");
        assertEquals("(built in)", element("#prompt-kind").getText());
        assertFalse(element("#sidecars").isSelected());
        assertNoScriptErrors();
    }

    @Test
    void testConnectionShowsModelsAsTextAndSavingStoresTheForm() throws IOException {
        vision.setModels("qwen2.5vl:latest", "llava:13b", HOSTILE);
        page("settings.html");
        wait.until(d -> "qwen2.5vl".equals(value("#model")));

        element("#test").click();
        wait.until(d -> element("#test-result").getText().startsWith("Connected in "));
        assertTrue(element("#test-result").getText().contains("model qwen2.5vl is there"), element("#test-result").getText());
        List<String> listed = browser.findElements(By.cssSelector("#test-models button")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("qwen2.5vl:latest", "llava:13b", HOSTILE), listed, "model names shown as text");
        assertTrue(browser.findElements(By.cssSelector("#test-models img")).isEmpty(), "no markup from the server");

        browser.findElements(By.cssSelector("#test-models button")).get(1).click();
        assertEquals("llava:13b", value("#model"));
        type("#concurrency", "4");
        type("#maxTags", "12");
        type("#language", "German");
        // A synonym line without "=" is reported by its number, not dropped silently; nothing is saved.
        type("#synonyms", "Puppy = dog\nkitten");
        element("#save").click();
        wait.until(d -> element("#message").getText().contains("line 2 (\"kitten\")"));
        assertTrue(element("#message").getAttribute("class").contains("error"));
        type("#synonyms", "Puppy = dog\nkitten=cat");
        element("#sidecars").click();
        screenshot("settings");
        element("#save").click();
        wait.until(d -> element("#message").getText().startsWith("Saved"));

        JsonObject stored = api.get("api/settings").object();
        assertEquals("llava:13b", stored.getJsonObject("vision").getString("model"));
        assertEquals(4, stored.getJsonObject("vision").getInt("concurrency"));
        assertFalse(stored.getJsonObject("vision").getBoolean("customPrompt"), "the unchanged built-in prompt is not pinned");
        assertEquals(12, stored.getJsonObject("tags").getInt("max"));
        assertEquals("German", stored.getJsonObject("tags").getString("language"));
        assertEquals(Map.of("puppy", "dog", "kitten", "cat"), stored.getJsonObject("tags").getJsonObject("synonyms").entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> ((jakarta.json.JsonString) e.getValue()).getString())));
        assertTrue(stored.getJsonObject("sidecars").getBoolean("enabled"));
        wait.until(d -> value("#prompt").contains("every tag in German"));

        // A wrong server: the test says why, and saving shows the API's 400 reason.
        type("#url", "http://127.0.0.1:9");
        element("#test").click();
        wait.until(d -> element("#test-result").getText().contains("unreachable"));
        type("#url", "not a url");
        element("#save").click();
        wait.until(d -> element("#message").getText().contains("vision.url"));
        assertTrue(element("#message").getAttribute("class").contains("error"));
        assertEquals(vision.url(), api.get("api/settings").object().getJsonObject("vision").getString("url"), "nothing stored");
        assertEquals(List.of("tagger.sidecars.enabled", "tagger.tags.language", "tagger.tags.max", "tagger.tags.synonyms",
                        "tagger.vision.concurrency", "tagger.vision.model"),
                api.get("api/settings").object().getJsonArray("overridden").getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString).toList(), "only the fields that were changed are stored");

        // "Back to the configuration" asks first: Cancel keeps every stored setting.
        element("#reset").click();
        wait.until(ExpectedConditions.alertIsPresent()).dismiss();
        assertEquals("llava:13b", api.get("api/settings").object().getJsonObject("vision").getString("model"), "nothing dropped");
        element("#reset").click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(d -> "qwen2.5vl".equals(value("#model")));
        assertEquals("25", value("#maxTags"));
        screenshot("settings-reset");
        assertNoScriptErrors();
    }

    @Test
    void pauseAllHoldsAScanAndResumeAllLetsItFinishFromTheAdminPage() throws Exception {
        Path folder = TestFolders.create("ui-pause");
        TestImages.writeJpeg(folder.resolve("held.jpg"), 181, 97, java.awt.Color.ORANGE);
        long folderId = api.addFolder(folder);
        try {
            page("admin.html");
            wait.until(d -> "Sending".equals(element("#schedule-state").getText()));
            assertEquals("No processing window: requests are sent at any time.", element("#schedule-detail").getText());
            wait.until(d -> element("#media-kinds").getText().contains("Videos ✓"));
            assertTrue(element("#resume-all").getDomProperty("disabled").equals("true"));

            element("#pause-all").click();
            wait.until(d -> "Paused".equals(element("#schedule-state").getText()));
            long executionId = api.scan(folderId, "new");
            wait.until(d -> element("#schedule-detail").getText().contains("1 request waiting"));
            assertTrue(element("#schedule-detail").getText().startsWith("Paused by an operator"));
            screenshot("admin-paused");
            Thread.sleep(1500);
            assertEquals(0, vision.chatRequests(), "nothing is sent while paused");

            element("#resume-all").click();
            wait.until(d -> "Sending".equals(element("#schedule-state").getText()));
            assertEquals("COMPLETED", api.awaitEnd(executionId, Duration.ofMinutes(1)).getString("status"));
            assertEquals(1, vision.chatRequests());

            // A window that is closed now: the console says until when, in the server's time.
            java.time.LocalTime opens = java.time.LocalTime.now().plusHours(2).withSecond(0).withNano(0);
            String window = opens + "-" + opens.plusHours(1);
            assertEquals(200, api.put("api/settings", "{\"schedule\":{\"window\":\"" + window + "\"}}").status());
            wait.until(d -> element("#schedule-detail").getText().contains("Outside the processing window " + window));
            assertTrue(element("#schedule-detail").getText().contains("scans wait until ")
                    && element("#schedule-detail").getText().contains(" " + opens), element("#schedule-detail").getText());
            assertEquals("Waiting for the window", element("#schedule-state").getText());
            screenshot("admin-window");
            assertNoScriptErrors();
        } finally {
            api.post("api/vision/resume", "");
        }
    }

    @Test
    void theGalleryMarksAVideoAndPlaysItSeekingThroughRangeRequests() throws Exception {
        Path folder = TestFolders.create("ui-video");
        TestImages.writeVideo(folder.resolve("garden.webm"), 192, 108, 4);
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");

        page("?folderId=" + folderId);
        WebElement card = element(".card .play").findElement(By.xpath(".."));
        assertEquals("0:04", card.findElement(By.cssSelector(".duration")).getText());
        assertTrue(card.getAttribute("aria-label").startsWith("Open video garden.webm"));
        card.click();
        element("video#detail-image");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        wait.until(d -> (Boolean) js.executeScript("const v = document.querySelector('video#detail-image');"
                + " return v.readyState >= 1 && Math.abs(v.duration - 4) < 0.5;"));
        js.executeScript("const v = document.querySelector('video#detail-image'); v.currentTime = 2.5;");
        wait.until(d -> (Boolean) js.executeScript("const v = document.querySelector('video#detail-image');"
                + " return !v.seeking && v.currentTime > 2 && v.readyState >= 2;"));
        Object started = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " const v = document.querySelector('video#detail-image'); v.muted = true;"
                + " v.play().then(() => done('playing'), e => done(String(e)));");
        assertEquals("playing", started);
        wait.until(d -> (Boolean) js.executeScript("return document.querySelector('video#detail-image').currentTime > 2.7;"));
        assertEquals(null, js.executeScript("const e = document.querySelector('video#detail-image').error; return e && e.message;"));
        assertTrue(element("#detail-file").getText().contains("0:04"), "the detail view shows the length");
        screenshot("gallery-video");
        assertNoScriptErrors();
    }

    private void page(String relative) {
        browser.get(deployment.toString().replaceAll("/+$", "") + "/" + relative);
    }

    private WebElement element(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    private String value(String css) {
        return element(css).getDomProperty("value");
    }

    private void type(String css, String text) {
        WebElement field = element(css);
        field.clear();
        field.sendKeys(text);
    }

    private void screenshot(String name) throws IOException {
        Chromium.screenshot(browser, name);
    }

    private void assertNoScriptErrors() {
        assertEquals(List.of(), Chromium.scriptErrors(browser), "errors in the browser console");
    }
}
