package org.imagetagger.scan.boundary;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.scan.control.OutcomeRecorder;
import org.imagetagger.scan.entity.ImageOutcome;
import org.imagetagger.sidecar.control.Sidecars;

/** Persists a chunk's outcomes in the chunk's container-managed transaction, then their keywords and sidecars. */
@Dependent
@Named
public class CatalogItemWriter extends AbstractItemWriter {

    @Inject
    OutcomeRecorder recorder;

    @Inject
    JobContext job;

    @Inject
    Sidecars sidecars;

    @Override
    public void writeItems(List<Object> items) {
        List<ImageOutcome> outcomes = items.stream().map(ImageOutcome.class::cast).toList();
        List<Image> recorded = recorder.record(job.getExecutionId(), outcomes);
        // Imported keywords and XMP sidecars, in the same transaction (see Sidecars).
        sidecars.afterTagging(recorded);
    }
}
