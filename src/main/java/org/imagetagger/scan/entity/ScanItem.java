package org.imagetagger.scan.entity;

import java.nio.file.Path;

/** One file the reader hands to the processor. */
public record ScanItem(long folderId, Path file) {
}
