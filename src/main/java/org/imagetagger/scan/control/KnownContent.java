package org.imagetagger.scan.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.catalog.entity.ImageStatus;
import org.imagetagger.imaging.ExifData;
import org.imagetagger.scan.entity.ImageOutcome;
import org.imagetagger.scan.entity.ScanItem;

/**
 * Recognises content the catalog has already described, by SHA-256 and size, so that renames, moves,
 * copies and files that come back never reach the model. Reads only; the writer applies the outcome.
 */
@ApplicationScoped
public class KnownContent {

    @Inject
    ImageStore images;

    @Transactional
    public Optional<ImageOutcome> recognise(ScanItem item, long size, LocalDateTime modified, String checksum) {
        Path file = item.file();
        Optional<Image> own = images.findByPath(file);
        // A touched file whose row is intact is re-tagged, as before: the user may have edited it in place.
        if (own.isPresent() && own.get().getStatus() != ImageStatus.MISSING) {
            if (checksum.equals(own.get().getChecksum())) {
                return Optional.empty();
            }
        }
        List<Image> twins = images.withContent(checksum, size);
        if (twins.isEmpty()) {
            return Optional.empty();
        }
        if (own.isPresent() && twins.contains(own.get())) {
            return Optional.of(outcome(item, size, modified, checksum, own.get(), true));
        }
        if (own.isEmpty()) {
            for (Image twin : twins) {
                if (!Files.exists(Path.of(twin.getPath()))) {
                    return Optional.of(outcome(item, size, modified, checksum, twin, true));
                }
            }
        }
        return Optional.of(outcome(item, size, modified, checksum, twins.get(0), false));
    }

    private static ImageOutcome outcome(ScanItem item, long size, LocalDateTime modified, String checksum,
                                        Image twin, boolean moved) {
        ExifData exif = new ExifData(twin.getCameraMake(), twin.getCameraModel(), twin.getLens(), twin.getTakenAt(),
                twin.getOrientation(), twin.getLatitude(), twin.getLongitude(), twin.getDurationSeconds());
        return new ImageOutcome(item.folderId(), item.file(), size, modified, checksum, twin.getWidth(), twin.getHeight(),
                exif, twin.getDescription(), twin.tagNames(), twin.getModel(), null, twin.getId(), moved);
    }
}
