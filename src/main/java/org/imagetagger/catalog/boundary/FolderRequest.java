package org.imagetagger.catalog.boundary;

import jakarta.validation.constraints.NotBlank;

/** Body of POST /api/folders; PATCH uses only recursive and active. */
public record FolderRequest(@NotBlank String path, Boolean recursive, Boolean active, Boolean scan) {
}
