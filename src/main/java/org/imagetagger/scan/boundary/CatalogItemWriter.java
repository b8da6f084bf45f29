package org.imagetagger.scan.boundary;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.imagetagger.scan.control.OutcomeRecorder;
import org.imagetagger.scan.entity.ImageOutcome;

/** Persists a chunk's outcomes in the chunk's container-managed transaction. */
@Dependent
@Named
public class CatalogItemWriter extends AbstractItemWriter {

    @Inject
    OutcomeRecorder recorder;

    @Inject
    JobContext job;

    @Override
    public void writeItems(List<Object> items) {
        recorder.record(job.getExecutionId(), items.stream().map(ImageOutcome.class::cast).toList());
    }
}
