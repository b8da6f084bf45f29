package org.imagetagger.scan.boundary;

import jakarta.annotation.Resource;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.imagetagger.scan.control.AnalysisReadAhead;
import org.imagetagger.scan.control.ClaimedFiles;
import org.imagetagger.scan.control.ImageAnalysis;
import org.imagetagger.scan.control.PendingAnalysis;
import org.imagetagger.scan.control.PlanningInBackground;
import org.imagetagger.scan.control.ScanCompletion;
import org.imagetagger.tagging.control.VisionService;

/**
 * Claims the scan's queued files from the shared queue and hands each on with its analysis already running
 * ({@link AnalysisReadAhead}), so the processor only waits for it. While the planning still queues files, it
 * waits for them; when nothing is left to claim, the step ends, or, for the execution that leads the scan, waits
 * until the other instances have written theirs ({@link ScanCompletion}). What is committed is recorded in the
 * queue itself, so a restart needs no checkpoint.
 */
@Dependent
@Named
public class ClaimedFileItemReader extends AbstractItemReader {

    @Inject
    @BatchProperty
    String scanId;

    @Inject
    JobContext job;

    @Inject
    ClaimedFiles claimedFiles;

    @Inject
    ScanCompletion completion;

    @Inject
    PlanningInBackground planning;

    @Inject
    ImageAnalysis analysis;

    @Inject
    VisionService vision;

    @Resource
    ManagedExecutorService executor;

    private ClaimedFiles.Claims claims;
    private AnalysisReadAhead readAhead;

    @Override
    public void open(Serializable checkpoint) {
        // Twice the request slots, so that answers arriving while this thread commits a chunk or waits for a
        // slower file still find the next requests ready; plus the files being decoded meanwhile.
        readAhead = new AnalysisReadAhead(executor, analysis::analyse, 2 * vision.concurrency() + analysis.parallelDecodes());
        claims = claimedFiles.of(Long.parseLong(scanId), job.getExecutionId(), readAhead);
    }

    @Override
    public Object readItem() {
        while (true) {
            PendingAnalysis next = readAhead.next(claims);
            if (next != null || job.getBatchStatus() == BatchStatus.STOPPING) {
                return next;
            }
            if (!stillPlanning() && !completion.waitForOthers(Long.parseLong(scanId), job.getExecutionId())) {
                return null;
            }
        }
    }

    /** True after a short wait while this execution's planning is still queueing files. */
    private boolean stillPlanning() {
        try {
            return planning.waitForMore(job.getExecutionId());
        } catch (RuntimeException e) {
            job.setExitStatus("FAILED: planning: " + e.getMessage());
            throw e;
        }
    }

    @Override
    public void close() {
        if (readAhead != null) {
            readAhead.cancel();
        }
        planning.end(job.getExecutionId());
    }
}
