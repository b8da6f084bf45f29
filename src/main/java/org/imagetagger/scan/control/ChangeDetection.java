package org.imagetagger.scan.control;

import java.time.LocalDateTime;
import org.imagetagger.catalog.control.ImageStore.FileState;
import org.imagetagger.catalog.entity.ImageStatus;

/** Decides from size and modification time alone, never by reading the file, whether it needs the model. */
public final class ChangeDetection {

    private ChangeDetection() {
    }

    /** For mode {@code new}: unknown files, changed files, and files whose tagging never finished. */
    public static boolean isNewOrChanged(FileState known, long sizeBytes, LocalDateTime modifiedAt) {
        if (known == null) {
            return true;
        }
        boolean changed = known.sizeBytes() != sizeBytes || !known.modifiedAt().equals(modifiedAt);
        return changed || known.status() == ImageStatus.PENDING || known.status() == ImageStatus.MISSING;
    }
}
