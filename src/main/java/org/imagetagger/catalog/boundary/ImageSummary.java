package org.imagetagger.catalog.boundary;

import java.nio.file.Path;
import java.util.List;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.imaging.ImageFormats;
import org.imagetagger.platform.Times;

/**
 * One image in a result list (CONTRACT §3). {@code kind} is {@code photo} or {@code video};
 * {@code durationSeconds} a video's length (null for photos); {@code modifiedAt} the file's time, which places an
 * image without a taken date on the timeline.
 */
public record ImageSummary(long id, String path, long folderId, String status, String description, List<String> tags,
                           Integer width, Integer height, String takenAt, String taggedAt, String thumbnailUrl,
                           String kind, Double durationSeconds, String modifiedAt) {

    public static ImageSummary of(Image image) {
        return new ImageSummary(image.getId(), image.getPath(), image.getFolderId(), image.getStatus().name(),
                image.getDescription(), image.tagNames(), image.getWidth(), image.getHeight(),
                Times.iso(image.getTakenAt()), Times.iso(image.getTaggedAt()),
                "/api/images/" + image.getId() + "/thumbnail",
                ImageFormats.kind(Path.of(image.getPath())).label(), image.getDurationSeconds(),
                Times.iso(image.getModifiedAt()));
    }
}
