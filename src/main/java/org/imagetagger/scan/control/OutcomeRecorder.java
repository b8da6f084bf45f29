package org.imagetagger.scan.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.catalog.control.TagStore;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.catalog.entity.Tag;
import org.imagetagger.platform.AppMetrics;
import org.imagetagger.platform.Times;
import org.imagetagger.scan.entity.ImageOutcome;
import org.imagetagger.scan.entity.ScanProgress;

/** Writes a chunk's outcomes and its progress; runs inside the chunk's transaction and opens none. */
@ApplicationScoped
public class OutcomeRecorder {

    private static final System.Logger LOG = System.getLogger(OutcomeRecorder.class.getName());

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    @Inject
    ImageStore images;

    @Inject
    TagStore tags;

    @Inject
    AppMetrics metrics;

    /** Records the outcomes and returns the images they were recorded on, in the same order. */
    public List<Image> record(long executionId, List<ImageOutcome> outcomes) {
        LocalDateTime now = Times.nowUtc();
        List<Image> recorded = new ArrayList<>();
        long tagged = 0;
        long failed = 0;
        Map<String, Image> catalogued = images.findByPaths(outcomes.stream().map(ImageOutcome::file).toList());
        Map<String, Tag> chunkTags = tags.resolveAll(outcomes.stream().filter(o -> !o.isFailure())
                .flatMap(o -> o.tags().stream()).collect(Collectors.toSet()));
        for (ImageOutcome outcome : outcomes) {
            Image image = outcome.moved() ? movedImage(outcome) : null;
            if (image != null) {
                // Its old path is free now: a new file there in this chunk is another image.
                catalogued.values().remove(image);
                catalogued.put(outcome.file().toString(), image);
            } else {
                image = catalogued.computeIfAbsent(outcome.file().toString(),
                        path -> new Image(outcome.folderId(), outcome.file()));
            }
            recorded.add(image);
            image.recordFile(outcome.sizeBytes(), outcome.modifiedAt(), outcome.checksum());
            if (image.getId() == null) {
                // Only now: Hibernate inserts the state an entity has when persisted, so NOT NULL columns must be set.
                images.add(image);
            }
            if (outcome.width() != null) {
                image.recordPicture(outcome.width(), outcome.height(), outcome.exif());
            }
            if (outcome.isFailure()) {
                image.markFailed(outcome.failure(), now);
                failed++;
            } else if (image.getId() != null && image.getId().equals(outcome.twinId())) {
                tagged++;
            } else {
                image.markTagged(outcome.description(), outcome.model(), outcome.tags().stream().map(chunkTags::get).toList(), now);
                image.recordTagging(outcome.fingerprint(), outcome.serverMillis(), outcome.evalCount());
                tagged++;
            }
        }
        // Counted when written; a chunk that rolls back is counted again on retry, which a rate tolerates.
        metrics.count("tagger.images.tagged", tagged);
        metrics.count("tagger.images.failed", failed);
        ScanProgress progress = em.find(ScanProgress.class, executionId);
        if (progress != null && !outcomes.isEmpty()) {
            progress.count(tagged, failed, 0, outcomes.get(outcomes.size() - 1).file().toString(), now);
        }
        return recorded;
    }

    /**
     * The row of a renamed, moved or returning file, taken to its path; null when that no longer fits
     * (the twin was moved elsewhere by an earlier outcome, or another row holds the path): then it is a copy.
     */
    private Image movedImage(ImageOutcome outcome) {
        Image twin = images.find(outcome.twinId()).orElse(null);
        if (twin == null) {
            return null;
        }
        Path target = outcome.file();
        boolean samePath = twin.getPath().equals(target.toString());
        if (!samePath && (Files.exists(Path.of(twin.getPath())) || images.findByPath(target).isPresent())) {
            return null;
        }
        if (!samePath) {
            LOG.log(Level.INFO, "image {0} moved from {1} to {2}", twin.getId(), twin.getPath(), target);
        }
        twin.moveTo(outcome.folderId(), target);
        return twin;
    }

    public void start(long executionId, Long folderId, long total) {
        ScanProgress existing = em.find(ScanProgress.class, executionId);
        if (existing == null) {
            em.persist(new ScanProgress(executionId, folderId, total, Times.nowUtc()));
        }
    }
}
