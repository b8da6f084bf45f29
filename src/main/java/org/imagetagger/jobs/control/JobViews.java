package org.imagetagger.jobs.control;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.imagetagger.jobs.boundary.JobExecutionView;
import org.imagetagger.platform.Times;
import org.imagetagger.scan.control.Scans;
import org.imagetagger.scan.entity.ScanProgress;

/**
 * Reads executions from the batch runtime's repository, which every instance shares, and joins them with the
 * progress of their scan (committed by the chunks of all instances) and the instance that runs them.
 */
@ApplicationScoped
public class JobViews {

    private static final Set<BatchStatus> RUNNING = Set.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING);

    @Inject
    Scans scans;

    public JobExecutionView view(long executionId) {
        JobOperator operator = BatchRuntime.getJobOperator();
        JobExecution execution = operator.getJobExecution(executionId);
        JobInstance instance = operator.getJobInstance(executionId);
        List<JobExecutionView.Step> steps = operator.getStepExecutions(executionId).stream()
                .sorted(Comparator.comparing(StepExecution::getStepExecutionId))
                .map(JobViews::step)
                .toList();
        Map<String, String> parameters = new TreeMap<>();
        if (execution.getJobParameters() != null) {
            execution.getJobParameters().forEach((k, v) -> parameters.put(String.valueOf(k), String.valueOf(v)));
        }
        // A runtime may answer from its cache for an execution another instance runs (JBeret does): its recorded end wins.
        String status = scans.endStatusElsewhere(executionId).filter(ended -> RUNNING.contains(execution.getBatchStatus()))
                .orElse(execution.getBatchStatus().name());
        return new JobExecutionView(executionId, instance.getInstanceId(), execution.getJobName(),
                status, execution.getExitStatus(),
                Times.iso(execution.getCreateTime()), Times.iso(execution.getStartTime()), Times.iso(execution.getEndTime()),
                parameters, progress(executionId), steps, scans.instanceOf(executionId).orElse(null),
                JobDescriptions.describe(execution.getJobName(), parameters), restartable(operator, instance, executionId, status));
    }

    private boolean restartable(JobOperator operator, JobInstance instance, long executionId, String status) {
        if (!BatchStatus.FAILED.name().equals(status) && !BatchStatus.STOPPED.name().equals(status)) {
            return false;
        }
        boolean latest = operator.getJobExecutions(instance).stream().allMatch(e -> e.getExecutionId() <= executionId);
        return latest && scans.ofExecution(executionId).map(row -> !row.state().isActive()).orElse(true);
    }

    /** Newest first, over every job name the runtime knows. */
    public List<JobExecutionView> recent(String status, int limit) {
        JobOperator operator = BatchRuntime.getJobOperator();
        List<Long> ids = new ArrayList<>();
        if (scans.executionsOfAllScans() == 0) {
            // Before the first job, Payara's job repository has no tables yet: its queries would fail.
            return List.of();
        }
        for (String name : operator.getJobNames()) {
            for (JobInstance instance : operator.getJobInstances(name, 0, limit)) {
                operator.getJobExecutions(instance).forEach(e -> {
                    if (status == null || status.isBlank() || e.getBatchStatus().name().equalsIgnoreCase(status)) {
                        ids.add(e.getExecutionId());
                    }
                });
            }
        }
        return ids.stream().sorted(Comparator.reverseOrder()).limit(limit).map(this::view).toList();
    }

    /** Executions running now, on every instance. */
    public Set<Long> running() {
        return new HashSet<>(scans.runningExecutions());
    }

    private JobExecutionView.Progress progress(long executionId) {
        ScanProgress p = scans.ofExecution(executionId).map(Scans.ScanRow::progress).orElse(null);
        if (p == null) {
            return new JobExecutionView.Progress(0, 0, 0, 0, 0, 0, null, 0, null);
        }
        double percent = p.total() == 0 ? 100 : Math.min(100, 100.0 * p.done() / p.total());
        double seconds = Math.max(0.001, Duration.between(p.startedAt(), p.updatedAt()).toMillis() / 1000.0);
        double perSecond = p.done() / seconds;
        Long eta = perSecond > 0 ? Math.round((p.total() - p.done()) / perSecond) : null;
        return new JobExecutionView.Progress(p.total(), p.done(), p.tagged(), p.failed(), p.skipped(),
                Math.round(percent * 10) / 10.0, p.currentPath(), Math.round(perSecond * 100) / 100.0, eta);
    }

    private static JobExecutionView.Step step(StepExecution step) {
        Map<String, Long> metrics = new LinkedHashMap<>();
        for (Metric metric : step.getMetrics()) {
            metrics.put(metric.getType().name(), metric.getValue());
        }
        return new JobExecutionView.Step(step.getStepName(), step.getBatchStatus().name(),
                Times.iso(step.getStartTime()), Times.iso(step.getEndTime()), metrics);
    }

}
