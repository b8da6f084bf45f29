package org.imagetagger.scan.control;

import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import org.imagetagger.scan.entity.ScanState;

/** What the end of one execution means for its scan. */
@ApplicationScoped
public class ScanEnding {

    private static final System.Logger LOG = System.getLogger(ScanEnding.class.getName());

    @Inject
    Scans scans;

    @Inject
    WorkQueue queue;

    @Inject
    ScanParticipation participation;

    /**
     * Its claims not written go back to the queue. The lead's failure or stop ends the scan so (a restart then
     * resumes it); a finished execution completes the scan once no file is left.
     */
    public void executionEnded(long scanId, long executionId, BatchStatus status) {
        participation.ended(executionId);
        scans.executionEnded(scanId, executionId, status.name());
        int released = queue.release(executionId);
        if (released > 0) {
            LOG.log(Level.INFO, "execution {0} ended {1}: {2} claimed files queued again", executionId, status, released);
        }
        boolean lead = scans.find(scanId).map(scan -> Long.valueOf(executionId).equals(scan.leadExecution())).orElse(false);
        if (lead && status == BatchStatus.FAILED) {
            scans.end(scanId, ScanState.FAILED);
        } else if (lead && status == BatchStatus.STOPPED) {
            scans.end(scanId, ScanState.STOPPED);
        } else if (status == BatchStatus.COMPLETED) {
            scans.completeIfDone(scanId);
        }
    }
}
