package org.imagetagger.catalog.boundary;

import java.util.List;

public record ImagePage(List<ImageSummary> items, long total, int page, int size) {
}
