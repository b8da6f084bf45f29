package org.imagetagger.scan.entity;

import java.nio.file.Path;

/**
 * A file of a scan that one execution claimed from the shared queue ({@code scan_items}); {@code seq} is its
 * place in the scan's plan, and the key the writer checks it still owns. {@code folderRoot} is the registered
 * folder the file must be opened inside.
 *
 * @param reuseKnownContent whether an image already described with the same content may stand in for the
 *                          model (mode {@code new}); re-tagging on request always asks the model
 */
public record ClaimedFile(long scanId, long seq, long folderId, Path folderRoot, Path path, boolean reuseKnownContent) {
}
