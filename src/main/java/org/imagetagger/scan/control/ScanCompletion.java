package org.imagetagger.scan.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.imagetagger.scan.control.Scans.ScanRow;
import org.imagetagger.scan.entity.ScanState;

/**
 * When an execution finds nothing left to claim: the one that leads the scan waits while other executions
 * (here or on other instances) still hold files, so that its status stays the scan's; the others end.
 */
@ApplicationScoped
public class ScanCompletion {

    static final long WAIT_MILLIS = 250;

    @Inject
    Scans scans;

    @Inject
    WorkQueue queue;

    /** True after waiting a moment, to look for files again; false when the execution's part of the scan is over. */
    public boolean waitForOthers(long scanId, long executionId) {
        Optional<ScanRow> scan = scans.find(scanId);
        if (scan.isEmpty()) {
            return false;
        }
        ScanState state = scan.get().state();
        boolean stopping = state == ScanState.STOPPING;
        if (!stopping && (!state.isActive() || !Long.valueOf(executionId).equals(scan.get().leadExecution())
                || queue.unfinishedByOthers(scanId, executionId) == 0)) {
            return false;
        }
        // Stopping: the stop of this execution arrives within a tick (ScanParticipation); otherwise other
        // executions are still writing, or files claimed by an instance that died come back to the queue.
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
