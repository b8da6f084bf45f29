package org.imagetagger.catalog.control;

/**
 * Whether a folder is watched, for the folder API's {@code watching}. The watch component answers it
 * ({@code FolderWatcher}); the question is owned here so that catalog depends on nothing above it.
 */
public interface FolderWatching {

    /** Whether this instance watches the folder (and reaches it), or another live instance does. */
    boolean isWatching(long folderId);
}
