package org.imagetagger.catalog.entity;

/**
 * CDI event: a folder was registered ({@code registered}) or its {@code recursive}/{@code active} changed (fired
 * after the change was committed). The watcher follows it, so catalog never calls the watcher.
 */
public record FolderChanged(Folder folder, boolean registered) {
}
