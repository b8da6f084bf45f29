package org.imagetagger.jobs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JobDescriptionsTest {

    @Test
    void eachScanIsNamedAfterTheButtonThatStartedIt() {
        assertEquals("Re-tag one photo: x.jpg", JobDescriptions.describe("tagImages", Map.of("mode", "all", "path", "/photos/2024/x.jpg")));
        assertEquals("Retry failed images", JobDescriptions.describe("tagImages", Map.of("mode", "failed")));
        assertEquals("Re-tag all images", JobDescriptions.describe("tagImages", Map.of("mode", "all")));
        assertEquals("Re-tag stale images", JobDescriptions.describe("tagImages", Map.of("mode", "stale")));
        assertEquals("Scan for new and changed files", JobDescriptions.describe("tagImages", Map.of("mode", "new")));
        assertEquals("New files: 2 found by the watcher", JobDescriptions.describe("tagImages", Map.of("mode", "new", "paths", "a.jpg\nb/c.jpg")));
        assertEquals("New file: c.jpg", JobDescriptions.describe("tagImages", Map.of("mode", "new", "paths", "b/c.jpg")));
        assertEquals("Model comparison", JobDescriptions.describe("compareModels", Map.of()));
    }
}
