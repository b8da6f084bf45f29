package org.imagetagger.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The UI on a server with {@code tagger.auth.token}: the token is asked for once and thumbnails load. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LoginPageIT {

    private static final String TOKEN = "browser-test-token-0123456789";
    private static final String READ_TOKEN = "browser-read-only-token-9876543210";
    private static FakeVisionServer vision;
    private static Set<Long> ids;
    /** The gallery is filtered to this test's folder: other IT classes share the database. */
    private static long folderId;

    @ArquillianResource
    URL deployment;

    private WebDriver browser;
    private WebDriverWait wait;

    @Deployment(testable = false)
    static WebArchive deployment() {
        vision = new FakeVisionServer();
        vision.start();
        return TestDeployments.war(Map.of("tagger.vision.url", vision.url(), "tagger.auth.token", TOKEN,
                "tagger.auth.read-token", READ_TOKEN, "tagger.watch.enabled", "false"));
    }

    @AfterAll
    static void stopVision() {
        vision.stop();
    }

    @BeforeEach
    void open() throws IOException {
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theGalleryAsksForTheTokenOnceThenShowsThumbnailsAndTheAdminStreamsLive() throws IOException {
        Set<Long> catalogued = catalog();
        page("?folderId=" + folderId);
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog#login[open]")));
        assertTrue(browser.findElements(By.cssSelector("#grid .card")).isEmpty(), "nothing is shown before the token");
        Chromium.screenshot(browser, "login");

        // Escape before typing anything: the dialog stays (Chromium closes a modal dialog on the second Escape,
        // the page opens it again) rather than leaving the page on "Loading…".
        new Actions(browser).sendKeys(Keys.ESCAPE).pause(Duration.ofMillis(200)).sendKeys(Keys.ESCAPE).pause(Duration.ofMillis(200))
                .sendKeys(Keys.ESCAPE).perform();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog#login[open]")));
        assertEquals(Boolean.TRUE, js("return document.getElementById('login').matches(':modal')"), "still the modal sign-in");

        element("#login-token").sendKeys("not-the-token");
        element("#login-submit").click();
        wait.until(d -> element("#login-message").getText().equals("This token is not valid."));
        assertTrue(dialog.isDisplayed(), "a wrong token keeps the dialog open");

        element("#login-token").clear();
        element("#login-token").sendKeys(TOKEN);
        element("#login-submit").click();
        wait.until(d -> d.findElements(By.cssSelector("dialog#login")).isEmpty());
        awaitThumbnails(catalogued);

        // Selenium lists only the cookies of the page's path; the session cookie belongs to /api.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cookies = (List<Map<String, Object>>) ((ChromeDriver) browser)
                .executeCdpCommand("Network.getAllCookies", Map.of()).get("cookies");
        Map<String, Object> session = cookies.stream().filter(c -> "tagger_session".equals(c.get("name"))).findFirst().orElseThrow();
        assertEquals(List.of(true, "Strict", "/api"), List.of(session.get("httpOnly"), session.get("sameSite"), session.get("path")),
                session.toString());
        assertFalse(String.valueOf(session.get("value")).contains(TOKEN), "the cookie is not the token");
        assertFalse(String.valueOf(js("return document.cookie")).contains("tagger_session"), "scripts cannot read the cookie");
        assertEquals(TOKEN, js("return localStorage.getItem('tagger.token')"));

        // Another tab of the same browser does not ask again.
        String first = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        page("?folderId=" + folderId);
        awaitThumbnails(catalogued);
        assertTrue(browser.findElements(By.cssSelector("dialog#login")).isEmpty(), "no prompt in a new tab");
        browser.close();
        browser.switchTo().window(first);

        // Once per browser session: other pages and a reload do not ask again.
        page("admin.html");
        wait.until(d -> element("#live").getAttribute("class").contains("sse"));
        assertTrue(browser.findElements(By.cssSelector("dialog#login")).isEmpty(), "no second prompt");
        wait.until(d -> !d.findElements(By.cssSelector(".exec .badge.COMPLETED")).isEmpty());
        page("?folderId=" + folderId);
        awaitThumbnails(catalogued);
        assertTrue(browser.findElements(By.cssSelector("dialog#login")).isEmpty(), "no prompt after a reload");
        assertEquals(List.of(), Chromium.scriptErrors(browser), "errors in the browser console");

        // Signing out forgets the token of this tab: the next call asks for it again.
        element("#sign-out").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog#login[open]")));
        assertEquals(null, js("return localStorage.getItem('tagger.token')"));
    }

    /** Issue 19: signed in with the read-only token, the pages show no button that would only be refused. */
    @Test
    void aReadOnlySessionSeesNoEditButtons() throws IOException {
        Set<Long> catalogued = catalog();
        page("?folderId=" + folderId);
        element("#login-token").sendKeys(READ_TOKEN);
        element("#login-submit").click();
        wait.until(d -> d.findElements(By.cssSelector("dialog#login")).isEmpty());
        awaitThumbnails(catalogued);
        long id = catalogued.iterator().next();
        element(".card[data-id='" + id + "']").click();
        wait.until(d -> element("#detail-readonly").isDisplayed());
        wait.until(d -> !d.findElements(By.cssSelector("#detail-tags .chip")).isEmpty());
        assertFalse(element("#detail-save").isDisplayed(), "no Save");
        assertFalse(element("#detail-retag").isDisplayed(), "no Re-tag");
        assertFalse(element("#detail-tag-input").isDisplayed(), "no tag entry");
        assertTrue(browser.findElements(By.cssSelector("#detail-tags .chip button")).isEmpty(), "no remove buttons on the tags");
        assertTrue(element("#detail-download").isDisplayed(), "reading stays possible: Download");
        // The display rendition loads through the session cookie, as thumbnails do (an <img> sends no header).
        wait.until(d -> Boolean.TRUE.equals(js("const i = document.getElementById('detail-image');"
                + " return i.complete && i.naturalWidth > 0 && i.currentSrc.endsWith('/preview');")));
        Chromium.screenshot(browser, "detail-read-only");

        page("folders.html");
        wait.until(d -> !d.findElements(By.cssSelector(".folder")).isEmpty());
        assertTrue(browser.findElements(By.cssSelector(".folder button[data-scan]")).stream().noneMatch(WebElement::isDisplayed),
                "no scan buttons");
        assertFalse(element("#add").isDisplayed(), "no form to add a folder");

        page("admin.html");
        wait.until(d -> !d.findElements(By.cssSelector(".exec .badge.COMPLETED")).isEmpty());
        assertTrue(browser.findElements(By.cssSelector(".exec button[data-action]")).isEmpty(), "no Stop, Restart, Abandon or Retry");
        assertFalse(element("#pause-all").isDisplayed(), "no Pause all");
        Chromium.screenshot(browser, "admin-read-only");
        assertEquals(List.of(), Chromium.scriptErrors(browser), "errors in the browser console");
        element("#sign-out").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog#login[open]")));
    }

    private Set<Long> catalog() throws IOException {
        if (ids != null) {
            return ids;
        }
        Api api = new Api(deployment, TOKEN);
        Path folder = TestFolders.create("ui-login");
        TestImages.writeJpeg(folder.resolve("one.jpg"), 211, 140, Color.MAGENTA);
        TestImages.writeJpeg(folder.resolve("two.jpg"), 140, 213, Color.CYAN);
        folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");
        ids = api.get("api/images?folderId=" + folderId).object().getJsonArray("items").stream()
                .map(item -> item.asJsonObject().getJsonNumber("id").longValue()).collect(Collectors.toSet());
        assertEquals(2, ids.size());
        return ids;
    }

    /** Every card shows its decoded thumbnail (not the fallback to the file, not the placeholder). */
    private void awaitThumbnails(Set<Long> expected) {
        wait.until(d -> expected.equals(d.findElements(By.cssSelector("#grid .card")).stream()
                .map(card -> Long.valueOf(card.getAttribute("data-id"))).collect(Collectors.toSet())));
        for (long id : expected) {
            String img = "#grid .card[data-id='" + id + "'] img";
            wait.until(d -> Boolean.TRUE.equals(js("const i = document.querySelector(arguments[0]);"
                    + " return !!i && i.complete && i.naturalWidth > 0 && i.currentSrc.includes('/thumbnail');", img)));
        }
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void page(String relative) {
        browser.get(deployment.toString().replaceAll("/+$", "") + "/" + relative);
    }

    private WebElement element(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }
}
