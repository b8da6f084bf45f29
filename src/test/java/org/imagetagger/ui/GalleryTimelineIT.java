package org.imagetagger.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 19 in headless Chromium, on a desktop window and a 390 px phone: photos appear (PENDING) while the vision
 * server is down, live, without a reload; month headers and the jump list of the timeline; search by what people type.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GalleryTimelineIT {

    private static final Dimension DESKTOP = new Dimension(1400, 1000);
    private static final Dimension PHONE = new Dimension(390, 844);

    private static FakeVisionServer vision;

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
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void photosAppearLiveWhileTheVisionServerIsDown() throws Exception {
        Path folder = TestFolders.create("ui-down");
        for (int i = 0; i < 5; i++) {
            photo(folder.resolve("IMG_10" + i + ".jpg"), new Color(40 * i, 120, 200 - 30 * i), LocalDateTime.of(2024, 5, 1 + i, 12, 0));
        }
        long folderId = api.addFolder(folder);
        vision.failNext(100_000, 503);
        page("?folderId=" + folderId);
        wait.until(d -> text("#count").equals("0 images"));

        long executionId = api.scan(folderId, "new");
        try {
            for (Dimension size : List.of(DESKTOP, PHONE)) {
                browser.manage().window().setSize(size);
                if (size == PHONE) {
                    browser.navigate().refresh();
                }
                wait.until(d -> d.findElements(By.cssSelector("#grid .card")).size() == 5);
                assertEquals("5 images", text("#count"), "counted at once, without the model");
                assertEquals(5, browser.findElements(By.cssSelector("#grid .card .badge.PENDING")).size());
                wait.until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                        "return [...document.querySelectorAll('#grid .card img')].every(i => i.complete && i.naturalWidth > 0)"));
                assertTrue(element("#grid .card").isDisplayed());
                Chromium.screenshot(browser, "gallery-pending-" + size.width);
            }
        } finally {
            api.post("api/jobs/" + executionId + "/stop", "");
            api.awaitEnd(executionId, Duration.ofMinutes(2));
        }
    }

    @Test
    void theJumpListLoadsAMonthAndSearchFindsNamesTyposCamerasFoldersAndYears() throws Exception {
        Path folder = TestFolders.create("ui-holidays");
        Path beach = Files.createDirectories(folder.resolve("beach-trip"));
        photo(beach.resolve("IMG_20190714_sunrise.jpg"), Color.ORANGE, LocalDateTime.of(2019, 7, 14, 6, 0));
        photo(beach.resolve("IMG_20190715_dunes.jpg"), Color.YELLOW, LocalDateTime.of(2019, 7, 15, 17, 0));
        photo(folder.resolve("DSC_0001.jpg"), Color.BLUE, LocalDateTime.of(2018, 1, 2, 9, 0));
        photo(folder.resolve("DSC_0002.jpg"), Color.CYAN, LocalDateTime.of(2018, 1, 3, 9, 0));
        photo(folder.resolve("DSC_0100.jpg"), Color.MAGENTA, LocalDateTime.of(2021, 12, 24, 19, 0));
        long folderId = api.addFolder(folder);
        api.scanToCompletion(folderId, "new");

        for (Dimension size : List.of(DESKTOP, PHONE)) {
            browser.manage().window().setSize(size);
            page("?folderId=" + folderId);
            wait.until(d -> d.findElements(By.cssSelector("#grid .card")).size() == 5);
            assertEquals(List.of("December 2021", "July 2019", "January 2018"),
                    browser.findElements(By.cssSelector("#grid .date-header")).stream().map(WebElement::getText).toList());
            wait.until(d -> element(".timeline-jump").isDisplayed());
            Chromium.screenshot(browser, "timeline-" + size.width);

            new Select(element("#timeline-jump")).selectByVisibleText("July 2019 (2)");
            wait.until(d -> firstHeader().equals("July 2019") && d.findElements(By.cssSelector("#grid .card")).size() == 4);
            assertTrue(element("#grid .card").getAttribute("title").contains("dunes"), "the month's newest photo first");
            Chromium.screenshot(browser, "timeline-jump-" + size.width);

            assertEquals(1, searchFor("sunri"), "part of a file name");
            assertEquals(2, searchFor("beach-trip"), "a folder name");
            assertEquals(2, searchFor("2018"), "a year");
            assertEquals(5, searchFor("canon"), "a camera make");
            assertEquals(5, searchFor("cannon"), "a typo");
            Chromium.screenshot(browser, "search-typo-" + size.width);
        }
        assertEquals(List.of(), Chromium.scriptErrors(browser), "errors in the browser console");
    }

    /** Types into the search box and returns how many cards the gallery then shows. */
    private int searchFor(String text) {
        WebElement box = element("#q");
        box.clear();
        box.sendKeys(text, Keys.ENTER);
        wait.until(d -> d.getCurrentUrl().contains("q=") && d.findElements(By.cssSelector("#loading.hidden")).size() == 1
                && !text("#count").isEmpty());
        return browser.findElements(By.cssSelector("#grid .card")).size();
    }

    private String firstHeader() {
        List<WebElement> headers = browser.findElements(By.cssSelector("#grid .date-header"));
        return headers.isEmpty() ? "" : headers.get(0).getText();
    }

    private static void photo(Path file, Color colour, LocalDateTime taken) {
        BufferedImage picture = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setPaint(new GradientPaint(0, 0, colour, 320, 240, colour.darker().darker()));
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        TestImages.writeJpegWithExif(file, picture, "Canon", "Canon EOS R6", "RF 24-105mm", taken, 1, Double.NaN, Double.NaN);
    }

    private void page(String relative) {
        browser.get(deployment.toString().replaceAll("/+$", "") + "/" + relative);
    }

    private WebElement element(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    private String text(String css) {
        return element(css).getAttribute("textContent").strip();
    }
}
