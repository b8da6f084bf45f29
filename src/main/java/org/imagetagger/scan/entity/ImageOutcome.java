package org.imagetagger.scan.entity;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.imagetagger.imaging.ExifData;
import org.imagetagger.tagging.entity.TaggedWith;

/**
 * What processing one file found out: either a description with tags, or the reason it failed.
 * {@code twinId} names the catalogued image with the same content whose description and tags were taken
 * instead of asking the model; with {@code moved} that row itself follows the file to its new path.
 * {@code taggedWith} says which question the model answered (null when it was not asked).
 */
public record ImageOutcome(long folderId, Path file, long sizeBytes, LocalDateTime modifiedAt, String checksum,
                           Integer width, Integer height, ExifData exif,
                           String description, List<String> tags, String model, String failure,
                           Long twinId, boolean moved, TaggedWith taggedWith) {

    public ImageOutcome(long folderId, Path file, long sizeBytes, LocalDateTime modifiedAt, String checksum,
                        Integer width, Integer height, ExifData exif,
                        String description, List<String> tags, String model, String failure,
                        Long twinId, boolean moved) {
        this(folderId, file, sizeBytes, modifiedAt, checksum, width, height, exif, description, tags, model, failure, twinId, moved, null);
    }

    public ImageOutcome(long folderId, Path file, long sizeBytes, LocalDateTime modifiedAt, String checksum,
                        Integer width, Integer height, ExifData exif,
                        String description, List<String> tags, String model, String failure, TaggedWith taggedWith) {
        this(folderId, file, sizeBytes, modifiedAt, checksum, width, height, exif, description, tags, model, failure, null, false, taggedWith);
    }

    public ImageOutcome(long folderId, Path file, long sizeBytes, LocalDateTime modifiedAt, String checksum,
                        Integer width, Integer height, ExifData exif,
                        String description, List<String> tags, String model, String failure) {
        this(folderId, file, sizeBytes, modifiedAt, checksum, width, height, exif, description, tags, model, failure, null, false);
    }

    public static ImageOutcome failed(long folderId, Path file, long sizeBytes, LocalDateTime modifiedAt,
                                      String checksum, String reason) {
        return new ImageOutcome(folderId, file, sizeBytes, modifiedAt, checksum, null, null, null, null, List.of(), null, reason);
    }

    public String fingerprint() {
        return taggedWith == null ? null : taggedWith.fingerprint();
    }

    public Long serverMillis() {
        return taggedWith == null ? null : taggedWith.serverMillis();
    }

    public Integer evalCount() {
        return taggedWith == null ? null : taggedWith.evalCount();
    }

    public boolean isFailure() {
        return failure != null;
    }
}
