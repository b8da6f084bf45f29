package org.imagetagger.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingOverridesTest {

    /** A store in memory that counts how often it is read. */
    static class MemoryStore extends SettingsStore {
        final Map<String, String> rows = new HashMap<>();
        int reads;
        boolean tableMissing;

        @Override
        public Map<String, String> all() {
            reads++;
            if (tableMissing) {
                throw new PersistenceException("relation \"app_settings\" does not exist");
            }
            return new HashMap<>(rows);
        }

        @Override
        public void apply(Map<String, String> changes) {
            changes.forEach((key, value) -> {
                if (value == null) {
                    rows.remove(key);
                } else {
                    rows.put(key, value);
                }
            });
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final SettingOverrides overrides = new SettingOverrides();

    SettingOverridesTest() {
        overrides.store = store;
        overrides.database = DatabaseAvailability.readyForTests();
    }

    @Test
    void readsTheDatabaseOnceUntilAChange() {
        store.rows.put("tagger.vision.model", "llava");
        assertEquals(Optional.of("llava"), overrides.get("tagger.vision.model"));
        assertEquals(Optional.empty(), overrides.get("tagger.vision.api"));
        assertEquals(1, store.reads, "cached");

        Map<String, String> changes = new HashMap<>();
        changes.put("tagger.vision.model", null);
        changes.put("tagger.vision.api", "openai");
        overrides.change(changes);
        assertEquals(Optional.empty(), overrides.get("tagger.vision.model"), "a removed override is gone at once");
        assertEquals(Optional.of("openai"), overrides.get("tagger.vision.api"));
        assertEquals(2, store.reads);
    }

    @Test
    void beforeTheMigrationThereAreNoOverridesAndNothingIsCached() {
        store.tableMissing = true;
        assertTrue(overrides.all().isEmpty());
        store.tableMissing = false;
        store.rows.put("tagger.tags.max", "7");
        assertEquals(Optional.of("7"), overrides.get("tagger.tags.max"));
    }
}
