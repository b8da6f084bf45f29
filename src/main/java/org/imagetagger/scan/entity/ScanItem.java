package org.imagetagger.scan.entity;

import java.nio.file.Path;

/**
 * One file the reader hands to the processor.
 *
 * @param reuseKnownContent whether an image already described with the same content may stand in for the
 *                          model (mode {@code new}); re-tagging on request always asks the model
 */
public record ScanItem(long folderId, Path file, boolean reuseKnownContent) {
}
