package org.imagetagger.scan.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDateTime;
import java.util.List;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.catalog.control.TagStore;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.platform.Times;
import org.imagetagger.scan.entity.ImageOutcome;
import org.imagetagger.scan.entity.ScanProgress;

/** Writes a chunk's outcomes and its progress; runs inside the chunk's transaction and opens none. */
@ApplicationScoped
public class OutcomeRecorder {

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    @Inject
    ImageStore images;

    @Inject
    TagStore tags;

    @Inject
    MetricRegistry metrics;

    public void record(long executionId, List<ImageOutcome> outcomes) {
        LocalDateTime now = Times.nowUtc();
        long tagged = 0;
        long failed = 0;
        for (ImageOutcome outcome : outcomes) {
            Image image = images.findByPath(outcome.file())
                    .orElseGet(() -> images.add(new Image(outcome.folderId(), outcome.file())));
            image.recordFile(outcome.sizeBytes(), outcome.modifiedAt(), outcome.checksum());
            if (outcome.width() != null) {
                image.recordPicture(outcome.width(), outcome.height(), outcome.exif());
            }
            if (outcome.isFailure()) {
                image.markFailed(outcome.failure(), now);
                failed++;
            } else {
                image.markTagged(outcome.description(), outcome.model(), tags.resolve(outcome.tags()), now);
                tagged++;
            }
        }
        // Counted when written; a chunk that rolls back is counted again on retry, which a rate tolerates.
        metrics.counter("tagger.images.tagged").inc(tagged);
        metrics.counter("tagger.images.failed").inc(failed);
        ScanProgress progress = em.find(ScanProgress.class, executionId);
        if (progress != null && !outcomes.isEmpty()) {
            progress.count(tagged, failed, 0, outcomes.get(outcomes.size() - 1).file().toString(), now);
        }
    }

    public void start(long executionId, Long folderId, long total) {
        ScanProgress existing = em.find(ScanProgress.class, executionId);
        if (existing == null) {
            em.persist(new ScanProgress(executionId, folderId, total, Times.nowUtc()));
        }
    }
}
