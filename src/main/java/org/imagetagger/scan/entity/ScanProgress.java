package org.imagetagger.scan.entity;

import java.time.LocalDateTime;

/** Counters of one scan over all its executions, committed with the chunks whose images they count. */
public record ScanProgress(long scanId, long folderId, String mode, String state, long total, long done, long tagged,
                           long failed, long skipped, String currentPath, LocalDateTime startedAt, LocalDateTime updatedAt) {
}
