package org.imagetagger.scan.entity;

import java.nio.file.Path;
import java.time.LocalDateTime;

/** One file as the analysis read it; the checksum is null when the file could not be read. */
public record FileFacts(long folderId, Path path, long sizeBytes, LocalDateTime modifiedAt, String checksum) {
}
