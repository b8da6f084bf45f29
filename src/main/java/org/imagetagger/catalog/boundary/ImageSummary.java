package org.imagetagger.catalog.boundary;

import java.util.List;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.platform.Times;

public record ImageSummary(long id, String path, long folderId, String status, String description, List<String> tags,
                           Integer width, Integer height, String takenAt, String taggedAt, String thumbnailUrl) {

    static ImageSummary of(Image image) {
        return new ImageSummary(image.getId(), image.getPath(), image.getFolderId(), image.getStatus().name(),
                image.getDescription(), image.tagNames(), image.getWidth(), image.getHeight(),
                Times.iso(image.getTakenAt()), Times.iso(image.getTaggedAt()),
                "/api/images/" + image.getId() + "/thumbnail");
    }
}
