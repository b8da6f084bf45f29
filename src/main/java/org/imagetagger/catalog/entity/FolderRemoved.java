package org.imagetagger.catalog.entity;

/** CDI event: a folder is about to leave the catalog (fired before its rows are deleted), so it stops being watched. */
public record FolderRemoved(long folderId) {
}
