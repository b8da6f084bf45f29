package org.imagetagger.scan.entity;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.imagetagger.imaging.ExifData;

/**
 * What processing one file found out: either a description with tags, or the reason it failed.
 * {@code twinId} names the catalogued image with the same content whose description and tags were taken
 * instead of asking the model; with {@code moved} that row itself follows the file to its new path.
 */
public record ImageOutcome(long folderId, Path file, long sizeBytes, LocalDateTime modifiedAt, String checksum,
                           Integer width, Integer height, ExifData exif,
                           String description, List<String> tags, String model, String failure,
                           Long twinId, boolean moved) {

    public ImageOutcome(long folderId, Path file, long sizeBytes, LocalDateTime modifiedAt, String checksum,
                        Integer width, Integer height, ExifData exif,
                        String description, List<String> tags, String model, String failure) {
        this(folderId, file, sizeBytes, modifiedAt, checksum, width, height, exif, description, tags, model, failure, null, false);
    }

    public static ImageOutcome failed(long folderId, Path file, long sizeBytes, LocalDateTime modifiedAt,
                                      String checksum, String reason) {
        return new ImageOutcome(folderId, file, sizeBytes, modifiedAt, checksum, null, null, null, null, List.of(), null, reason);
    }

    public boolean isFailure() {
        return failure != null;
    }
}
