package org.imagetagger.similarity.boundary;

import java.util.List;
import org.imagetagger.catalog.boundary.ImageSummary;

/**
 * One picture catalogued more than once (CONTRACT §3); {@code distance}: the most bits two of its perceptual hashes
 * differ in (0: identical pictures). {@code files} (an extension) gives each image's file size and time, for choosing.
 */
public record DuplicateGroup(List<ImageSummary> images, int distance, List<FileFacts> files) {

    public record FileFacts(long id, long sizeBytes, String modifiedAt) {
    }
}
