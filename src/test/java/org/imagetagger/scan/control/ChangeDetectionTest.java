package org.imagetagger.scan.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import org.imagetagger.catalog.control.ImageStore.FileState;
import org.imagetagger.catalog.entity.ImageStatus;
import org.junit.jupiter.api.Test;

class ChangeDetectionTest {

    private static final LocalDateTime T = LocalDateTime.of(2025, 3, 1, 12, 0, 0, 123_000_000);

    @Test
    void anUnknownFileIsNew() {
        assertTrue(ChangeDetection.isNewOrChanged(null, 10, T));
    }

    @Test
    void aFileWithTheSameSizeAndTimeIsUnchanged() {
        assertFalse(ChangeDetection.isNewOrChanged(new FileState(10, T, ImageStatus.TAGGED), 10, T));
        assertFalse(ChangeDetection.isNewOrChanged(new FileState(10, T, ImageStatus.FAILED), 10, T),
                "a failed file is retried by mode failed, not by every new scan");
    }

    @Test
    void aDifferentSizeOrTimeIsAChange() {
        assertTrue(ChangeDetection.isNewOrChanged(new FileState(10, T, ImageStatus.TAGGED), 11, T));
        assertTrue(ChangeDetection.isNewOrChanged(new FileState(10, T, ImageStatus.TAGGED), 10, T.plusNanos(1_000_000)));
    }

    @Test
    void anUnfinishedOrMissingImageIsTakenAgain() {
        assertTrue(ChangeDetection.isNewOrChanged(new FileState(10, T, ImageStatus.PENDING), 10, T));
        assertTrue(ChangeDetection.isNewOrChanged(new FileState(10, T, ImageStatus.MISSING), 10, T));
    }
}
