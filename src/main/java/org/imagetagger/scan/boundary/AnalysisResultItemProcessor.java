package org.imagetagger.scan.boundary;

import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.imagetagger.scan.control.PendingAnalysis;
import org.imagetagger.tagging.entity.VisionModelMissingException;
import org.imagetagger.tagging.entity.VisionUnavailableException;

/**
 * Takes the outcome of a claimed file's analysis, which the reader started. A broken image is an outcome
 * (FAILED with its reason); a vision server that stays unavailable after retries ends the job, with the
 * reason in its exit status.
 */
@Dependent
@Named
public class AnalysisResultItemProcessor implements ItemProcessor {

    @Inject
    JobContext job;

    @Override
    public Object processItem(Object item) {
        try {
            return ((PendingAnalysis) item).await();
        } catch (VisionModelMissingException e) {
            job.setExitStatus("FAILED: model missing: " + e.getMessage());
            throw e;
        } catch (VisionUnavailableException | FaultToleranceException e) {
            job.setExitStatus("FAILED: vision server unavailable: " + e.getMessage());
            throw e;
        }
    }
}
