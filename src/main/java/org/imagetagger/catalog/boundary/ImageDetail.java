package org.imagetagger.catalog.boundary;

import java.util.List;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.catalog.entity.TagAssignment;
import org.imagetagger.imaging.Exposure;
import org.imagetagger.platform.Times;

/** ImageSummary's fields plus what the detail view shows (CONTRACT §3, GET /api/images/{id}). */
public record ImageDetail(long id, String path, long folderId, String status, String description, List<String> tags,
                          Integer width, Integer height, String takenAt, String taggedAt, String thumbnailUrl,
                          String kind, Double durationSeconds, String error, int attempts, String checksum, long sizeBytes, String modifiedAt, String model,
                          List<String> manualTags, Exif exif, String sidecarWarning,
                          String importedDescription, List<String> rejectedTags, Exposure exposure) {


    public record Exif(String make, String model, String lens, String takenAt, Integer orientation, Gps gps) {
    }

    public record Gps(double lat, double lon) {
    }

    static ImageDetail of(Image image) {
        return of(image, null);
    }

    static ImageDetail of(Image image, Exposure exposure) {
        ImageSummary s = ImageSummary.of(image);
        List<String> manual = image.tagAssignments().stream().filter(TagAssignment::isManual)
                .map(a -> a.getTag().getName()).toList();
        Gps gps = image.getLatitude() == null || image.getLongitude() == null ? null
                : new Gps(image.getLatitude(), image.getLongitude());
        Exif exif = new Exif(image.getCameraMake(), image.getCameraModel(), image.getLens(), Times.iso(image.getTakenAt()),
                image.getOrientation(), gps);
        return new ImageDetail(s.id(), s.path(), s.folderId(), s.status(), s.description(), s.tags(), s.width(), s.height(),
                s.takenAt(), s.taggedAt(), s.thumbnailUrl(), s.kind(), s.durationSeconds(), image.getError(), image.getAttempts(), image.getChecksum(),
                image.getSizeBytes(), Times.iso(image.getModifiedAt()), image.getModel(), manual, exif,
                image.getSidecarWarning(), image.getImportedDescription(), image.rejectedTags(), exposure);
    }
}
