package org.imagetagger.scan.boundary;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import org.imagetagger.platform.AppMetrics;
import org.imagetagger.scan.control.PlanningInBackground;
import org.imagetagger.scan.control.ScanEnding;

/** Logs each execution's start and end; at the end, gives its unwritten claims back and ends the scan where it is over. */
@Dependent
@Named
public class ScanJobListener extends AbstractJobListener {

    private static final System.Logger LOG = System.getLogger(ScanJobListener.class.getName());

    @Inject
    JobContext job;

    @Inject
    AppMetrics metrics;

    @Inject
    @BatchProperty
    String scanId;

    @Inject
    ScanEnding ending;

    @Inject
    PlanningInBackground planning;

    @Override
    public void beforeJob() {
        LOG.log(Level.INFO, "scan execution {0} started: {1}", job.getExecutionId(), job.getProperties());
    }

    @Override
    public void afterJob() {
        BatchStatus status = finalStatus(job.getBatchStatus());
        metrics.count("tagger.jobs.ended", 1, "status", status.name());
        // Ended between its steps: a planning still going on stops before the scan ends.
        planning.end(job.getExecutionId());
        if (scanId != null && !scanId.isBlank()) {
            ending.executionEnded(Long.parseLong(scanId), job.getExecutionId(), status);
        }
        Map<Metric.MetricType, Long> counts = new EnumMap<>(Metric.MetricType.class);
        Duration took = Duration.ZERO;
        try {
            JobOperator operator = BatchRuntime.getJobOperator();
            Date started = operator.getJobExecution(job.getExecutionId()).getStartTime();
            took = started == null ? took : Duration.ofMillis(System.currentTimeMillis() - started.getTime());
            for (StepExecution step : operator.getStepExecutions(job.getExecutionId())) {
                for (Metric metric : step.getMetrics()) {
                    counts.merge(metric.getType(), metric.getValue(), Long::sum);
                }
            }
        } catch (RuntimeException e) {
            // The summary line is a courtesy; it must never turn a finished scan into a failed one.
            LOG.log(Level.DEBUG, "no step metrics for execution {0}: {1}", job.getExecutionId(), e.toString());
        }
        LOG.log(Level.INFO, "scan execution {0} ended {1} after {2} s: read {3}, written {4}, skipped {5}, commits {6}, rollbacks {7}; exit status {8}",
                job.getExecutionId(), status, took.toSeconds(), counts.getOrDefault(Metric.MetricType.READ_COUNT, 0L),
                counts.getOrDefault(Metric.MetricType.WRITE_COUNT, 0L), counts.getOrDefault(Metric.MetricType.PROCESS_SKIP_COUNT, 0L),
                counts.getOrDefault(Metric.MetricType.COMMIT_COUNT, 0L), counts.getOrDefault(Metric.MetricType.ROLLBACK_COUNT, 0L),
                job.getExitStatus());
    }

    /** The runtime sets the final status after the listeners ran; until then a job on its way out still says so. */
    static BatchStatus finalStatus(BatchStatus current) {
        return switch (current) {
            case STARTING, STARTED -> BatchStatus.COMPLETED;
            case STOPPING -> BatchStatus.STOPPED;
            default -> current;
        };
    }
}
