package org.imagetagger.settings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigurationCheckTest {

    private static List<String> problems(Map<String, String> configured) {
        return ConfigurationCheck.problems(key -> Optional.ofNullable(configured.get(key)));
    }

    @Test
    void theDefaultsAndUsualValuesPass() {
        assertEquals(List.of(), problems(Map.of()));
        assertEquals(List.of(), problems(Map.of(
                "tagger.vision.concurrency", "4",
                "tagger.vision.url", "http://gpu1:11434#2, http://gpu2:11434",
                "tagger.vision.api", "openai",
                "tagger.schedule.window", "22:00-06:00",
                "tagger.sidecars.enabled", "TRUE",
                "tagger.db.url", "jdbc:postgresql://db:5432/tagger",
                "tagger.folders.roots", "/photos,/mnt/archive",
                // Empty is unset: compose files write KEY= for "use the default".
                "tagger.vision.timeout-seconds", "")));
    }

    @Test
    void eachBadValueIsNamedWithItsKeyAndVariable() {
        List<String> problems = problems(Map.of(
                "tagger.vision.concurrency", "lots",
                "tagger.vision.url", "gpu1:11434",
                "tagger.schedule.window", "late",
                "tagger.vision.max-dimension", "20"));
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("tagger.vision.concurrency (TAGGER_VISION_CONCURRENCY) = \"lots\"")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("TAGGER_VISION_URL") && p.contains("not an http")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("TAGGER_SCHEDULE_WINDOW")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("TAGGER_VISION_MAX_DIMENSION") && p.contains("between 64 and 8192")), problems.toString());
    }
}
