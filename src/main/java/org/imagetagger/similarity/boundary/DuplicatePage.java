package org.imagetagger.similarity.boundary;

import java.util.List;

/** Body of {@code GET /api/duplicates} (CONTRACT §3). */
public record DuplicatePage(List<DuplicateGroup> items, long total, int page, int size) {
}
