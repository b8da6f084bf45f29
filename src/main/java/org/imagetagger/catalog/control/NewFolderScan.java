package org.imagetagger.catalog.control;

/**
 * The scan asked for by {@code POST /api/folders} with {@code scan: true}. The scan component starts it
 * ({@code ScanLauncher}); the question is owned here so that catalog depends on nothing above it.
 */
public interface NewFolderScan {

    /** Starts a scan of the folder's new files; answers the execution id. */
    long scanNewFolder(long folderId);
}
