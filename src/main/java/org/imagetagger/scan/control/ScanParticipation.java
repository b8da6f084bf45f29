package org.imagetagger.scan.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.imagetagger.platform.Times;
import org.imagetagger.scan.control.Scans.ScanRow;
import org.imagetagger.scan.entity.ScanState;
import org.imagetagger.platform.DatabaseReady;

/**
 * What this instance does for the scans of all instances, once a second: it takes back the claims of dead
 * instances, joins every active scan that has queued files with an execution of its own, takes over a scan
 * whose leading execution died with its instance, stops its executions of a scan someone asked to stop, and
 * ends scans that nothing runs any more.
 */
@ApplicationScoped
public class ScanParticipation {

    private static final System.Logger LOG = System.getLogger(ScanParticipation.class.getName());
    static final long TICK_MILLIS = 1000;
    /** A scan is joined once it has waited this long: a single re-tagged photo is done before anyone joins. */
    static final Duration JOIN_AFTER = Duration.ofSeconds(2);

    @Inject
    Scans scans;

    @Inject
    WorkQueue queue;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    /** Executions running in this instance: execution id to scan id. */
    private final Map<Long, Long> localExecutions = new ConcurrentHashMap<>();
    private ScheduledFuture<?> ticking;

    /** After the cluster membership (ClusterMember), before the watcher starts catch-up scans. */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 800) DatabaseReady ready) {
        ticking = scheduler.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }

    public void runsHere(long scanId, long executionId) {
        localExecutions.put(executionId, scanId);
    }

    public void ended(long executionId) {
        localExecutions.remove(executionId);
    }

    public void stopLocalExecutions(long scanId) {
        JobOperator operator = BatchRuntime.getJobOperator();
        localExecutions.forEach((executionId, scan) -> {
            if (scan == scanId) {
                try {
                    operator.stop(executionId);
                } catch (JobExecutionNotRunningException | NoSuchJobExecutionException e) {
                    localExecutions.remove(executionId);
                }
            }
        });
    }

    synchronized void tick() {
        try {
            int released = queue.releaseClaimsOfDeadInstances();
            if (released > 0) {
                LOG.log(Level.WARNING, "{0} files claimed by instances that died are queued again", released);
            }
            for (ScanRow scan : scans.active()) {
                look(scan);
            }
        } catch (RuntimeException e) {
            // An exception would end the periodic task for good.
            LOG.log(Level.WARNING, "cannot look after the scans: {0}", e.toString());
        }
    }

    private void look(ScanRow scan) {
        if (scan.state() == ScanState.STOPPING) {
            stopLocalExecutions(scan.scanId());
            if (scans.executionsOf(scan.scanId()).stream().noneMatch(scans::isRunning)) {
                scans.end(scan.scanId(), ScanState.STOPPED);
            }
            return;
        }
        Long lead = scan.leadExecution();
        if (lead == null || localExecutions.containsValue(scan.scanId())) {
            return;
        }
        if (!scans.isRunning(lead)) {
            takeOver(scan, lead);
        } else if (queue.queued(scan.scanId()) > 0
                && Duration.between(scan.startedAt().toLocalDateTime(), Times.nowUtc()).compareTo(JOIN_AFTER) > 0) {
            long executionId = startExecution(scan);
            scans.ranHere(scan.scanId(), executionId);
            LOG.log(Level.INFO, "joined scan {0} of folder {1} with execution {2}", scan.scanId(), scan.folderId(), executionId);
        }
    }

    /** The lead execution ended or died without ending its scan: finish the scan's work here. */
    private void takeOver(ScanRow scan, long lead) {
        if (!scan.planned()) {
            if (scans.end(scan.scanId(), ScanState.FAILED)) {
                LOG.log(Level.WARNING, "scan {0} of folder {1} was interrupted while planning; restart execution {2} to resume it",
                        scan.scanId(), scan.folderId(), lead);
            }
        } else if (queue.unfinished(scan.scanId()) == 0) {
            scans.completeIfDone(scan.scanId());
        } else {
            long executionId = startExecution(scan);
            scans.adopt(scan.scanId(), lead, executionId);
            LOG.log(Level.WARNING, "execution {0} of scan {1} is gone with its instance; execution {2} finishes the scan",
                    lead, scan.scanId(), executionId);
        }
    }

    private long startExecution(ScanRow scan) {
        Properties parameters = new Properties();
        parameters.setProperty("scanId", String.valueOf(scan.scanId()));
        parameters.setProperty("folderId", String.valueOf(scan.folderId()));
        parameters.setProperty("mode", scan.mode().parameter());
        parameters.setProperty("role", ScanLauncher.JOIN);
        long executionId = BatchRuntime.getJobOperator().start(ScanLauncher.JOB, parameters);
        runsHere(scan.scanId(), executionId);
        return executionId;
    }
}
