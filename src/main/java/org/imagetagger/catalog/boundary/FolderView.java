package org.imagetagger.catalog.boundary;

import org.imagetagger.catalog.control.FolderStore.Counts;
import org.imagetagger.catalog.entity.Folder;
import org.imagetagger.platform.Times;

public record FolderView(long id, String path, boolean recursive, boolean active, boolean watching, String addedAt,
                         long imageCount, long taggedCount, long failedCount, Long scanExecutionId) {

    static FolderView of(Folder folder, Counts counts, boolean watching, Long scanExecutionId) {
        return new FolderView(folder.getId(), folder.getPath(), folder.isRecursive(), folder.isActive(), watching,
                Times.iso(folder.getAddedAt()), counts.images(), counts.tagged(), counts.failed(), scanExecutionId);
    }
}
