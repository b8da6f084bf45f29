package org.imagetagger.catalog.boundary;

import java.util.List;

/** @param nextCursor for {@code after=}: where the next keyset page starts; absent when this page ends the results or under relevance */
@jakarta.json.bind.annotation.JsonbPropertyOrder({"items", "total", "page", "size", "nextCursor"})
public record ImagePage(List<ImageSummary> items, long total, int page, int size, String nextCursor) {

    public ImagePage(List<ImageSummary> items, long total, int page, int size) {
        this(items, total, page, size, null);
    }
}
