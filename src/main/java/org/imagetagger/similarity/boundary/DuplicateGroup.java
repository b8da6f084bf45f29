package org.imagetagger.similarity.boundary;

import java.util.List;
import org.imagetagger.catalog.boundary.ImageSummary;

/** One picture catalogued more than once; {@code distance}: the most bits two of its perceptual hashes differ in (0: byte copies). */
public record DuplicateGroup(List<ImageSummary> images, int distance) {
}
