package org.imagetagger.scan.entity;

import java.util.Locale;

/** Which files of a folder a scan sends to the model. */
public enum ScanMode {
    /** Files not yet catalogued, or changed (size or modification time) since. */
    NEW,
    /** Images that failed before. */
    FAILED,
    /** Every image, tagged or not. */
    ALL,
    /** Tagged images asked another question (model, prompt, profile) than the folder's current one. */
    STALE;

    public static ScanMode parse(String text) {
        if (text == null || text.isBlank()) {
            return NEW;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be one of new, failed, all, stale; not '" + text + "'");
        }
    }

    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }
}
