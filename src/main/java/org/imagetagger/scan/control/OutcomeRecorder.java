package org.imagetagger.scan.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.catalog.control.TagStore;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.catalog.entity.Tag;
import org.imagetagger.imaging.ExifData;
import org.imagetagger.platform.AppMetrics;
import org.imagetagger.platform.Times;
import org.imagetagger.scan.entity.FileFacts;
import org.imagetagger.scan.entity.ImageOutcome;

/** Writes a chunk's outcomes to the catalog; runs inside the chunk's transaction and opens none. */
@ApplicationScoped
public class OutcomeRecorder {

    private static final System.Logger LOG = System.getLogger(OutcomeRecorder.class.getName());

    @Inject
    ImageStore images;

    @Inject
    TagStore tags;

    @Inject
    AppMetrics metrics;

    /** What a chunk wrote: the images, in the order of the outcomes, and how many were tagged and failed. */
    public record Recorded(List<Image> images, long tagged, long failed) {
    }

    public Recorded record(List<ImageOutcome> outcomes) {
        LocalDateTime now = Times.nowUtc();
        List<Image> recorded = new ArrayList<>();
        long tagged = 0;
        long failed = 0;
        Map<String, Image> catalogued = images.findByPaths(outcomes.stream().map(o -> o.file().path()).toList());
        Map<Long, Image> twins = twinsOf(outcomes);
        Set<String> tagNames = new HashSet<>();
        for (ImageOutcome outcome : outcomes) {
            if (outcome instanceof ImageOutcome.Described described) {
                tagNames.addAll(described.tags());
            }
        }
        twins.values().forEach(twin -> tagNames.addAll(twin.tagNames()));
        Map<String, Tag> chunkTags = tags.resolveAll(tagNames);
        for (ImageOutcome outcome : outcomes) {
            FileFacts file = outcome.file();
            Image image = outcome instanceof ImageOutcome.SameContent same && same.moved() ? movedImage(file, twins.get(same.twinId())) : null;
            if (image != null) {
                // Its old path is free now: a new file there in this chunk is another image.
                catalogued.values().remove(image);
                catalogued.put(file.path().toString(), image);
            } else {
                image = catalogued.computeIfAbsent(file.path().toString(), path -> new Image(file.folderId(), file.path()));
            }
            recorded.add(image);
            image.recordFile(file.sizeBytes(), file.modifiedAt(), file.checksum());
            if (image.getId() == null) {
                // Only now: Hibernate inserts the state an entity has when persisted, so NOT NULL columns must be set.
                images.add(image);
            }
            if (outcome instanceof ImageOutcome.Failed failure) {
                image.markFailed(failure.reason(), now);
                failed++;
            } else if (outcome instanceof ImageOutcome.Described described) {
                image.recordPicture(described.width(), described.height(), described.exif());
                image.markTagged(described.description(), described.model(), described.tags().stream().map(chunkTags::get).toList(), now);
                image.recordTagging(described.taggedWith().fingerprint(), described.taggedWith().serverMillis(),
                        described.taggedWith().evalCount());
                image.recordPerceptualHash(described.perceptualHash());
                tagged++;
            } else if (outcome instanceof ImageOutcome.SameContent same) {
                Image twin = twins.get(same.twinId());
                if (twin != null && twin != image) {
                    copyDescription(twin, image, chunkTags, now);
                }
                tagged++;
            }
        }
        // Counted when written; a chunk that rolls back is counted again on retry, which a rate tolerates.
        metrics.count("tagger.images.tagged", tagged);
        metrics.count("tagger.images.failed", failed);
        return new Recorded(recorded, tagged, failed);
    }

    private Map<Long, Image> twinsOf(List<ImageOutcome> outcomes) {
        Map<Long, Image> twins = new HashMap<>();
        for (ImageOutcome outcome : outcomes) {
            if (outcome instanceof ImageOutcome.SameContent same) {
                images.find(same.twinId()).ifPresent(twin -> twins.put(twin.getId(), twin));
            }
        }
        return twins;
    }

    /** A copy of described content: the same picture facts, description and tags, without asking the model. */
    private static void copyDescription(Image twin, Image copy, Map<String, Tag> chunkTags, LocalDateTime now) {
        if (twin.getWidth() != null) {
            copy.recordPicture(twin.getWidth(), twin.getHeight(), new ExifData(twin.getCameraMake(), twin.getCameraModel(), twin.getLens(),
                    twin.getTakenAt(), twin.getOrientation(), twin.getLatitude(), twin.getLongitude(), twin.getDurationSeconds()));
        }
        copy.recordPerceptualHash(twin.getPerceptualHash());
        if (twin.getDescription() != null) {
            copy.markTagged(twin.getDescription(), twin.getModel(), twin.tagNames().stream().map(chunkTags::get).toList(), now);
        }
    }

    /**
     * The row of a renamed, moved or returning file, taken to its path; null when that no longer fits
     * (the twin was moved elsewhere by an earlier outcome, or another row holds the path): then it is a copy.
     */
    private Image movedImage(FileFacts file, Image twin) {
        if (twin == null) {
            return null;
        }
        Path target = file.path();
        boolean samePath = twin.getPath().equals(target.toString());
        if (!samePath && (Files.exists(Path.of(twin.getPath())) || images.findByPath(target).isPresent())) {
            return null;
        }
        if (!samePath) {
            LOG.log(Level.INFO, "image {0} moved from {1} to {2}", twin.getId(), twin.getPath(), target);
        }
        twin.moveTo(file.folderId(), target);
        return twin;
    }
}
