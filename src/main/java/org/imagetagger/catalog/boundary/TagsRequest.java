package org.imagetagger.catalog.boundary;

import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Body of PUT /api/images/{id}/tags. */
public record TagsRequest(@NotNull List<String> tags) {
}
