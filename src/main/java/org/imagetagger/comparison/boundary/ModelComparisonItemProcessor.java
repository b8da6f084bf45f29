package org.imagetagger.comparison.boundary;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.concurrent.CancellationException;
import org.imagetagger.comparison.control.ModelComparison;
import org.imagetagger.tagging.entity.VisionModelMissingException;
import org.imagetagger.tagging.entity.VisionUnavailableException;

/** Asks the other model about one sampled image; delegates to {@link ModelComparison}. */
@Dependent
@Named
public class ModelComparisonItemProcessor implements ItemProcessor {

    /** Another model than the folder's, or empty. */
    @Inject
    @BatchProperty
    String model;

    /** Another prompt than the folder's, or empty. */
    @Inject
    @BatchProperty
    String prompt;

    @Inject
    JobContext job;

    @Inject
    ModelComparison comparison;

    @Override
    public Object processItem(Object item) {
        try {
            return comparison.compare(job.getExecutionId(), (Long) item, model, prompt);
        } catch (VisionModelMissingException | VisionUnavailableException | CancellationException e) {
            job.setExitStatus("FAILED: " + e.getMessage());
            throw e;
        }
    }
}
