package org.imagetagger.catalog.boundary;

/** Body of PATCH /api/folders/{id}: the fields to change. */
public record FolderChange(Boolean recursive, Boolean active) {
}
