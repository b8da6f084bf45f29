package org.imagetagger.jobs.control;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
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
import org.imagetagger.scan.entity.ScanProgress;

/**
 * Reads executions from the batch runtime and joins them with the scan progress the writer commits.
 * Transactional so that it also works from the job-events timer thread, which has no request around it
 * for a transaction-scoped EntityManager to close with.
 */
@ApplicationScoped
@Transactional
public class JobViews {

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

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
        return new JobExecutionView(executionId, instance.getInstanceId(), execution.getJobName(),
                execution.getBatchStatus().name(), execution.getExitStatus(),
                Times.iso(execution.getCreateTime()), Times.iso(execution.getStartTime()), Times.iso(execution.getEndTime()),
                parameters, progress(executionId), steps);
    }

    /** Newest first, over every job name the runtime knows. */
    public List<JobExecutionView> recent(String status, int limit) {
        JobOperator operator = BatchRuntime.getJobOperator();
        List<Long> ids = new ArrayList<>();
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

    /** Executions running in this server, over every job name. */
    public static Set<Long> running() {
        JobOperator operator = BatchRuntime.getJobOperator();
        Set<Long> ids = new HashSet<>();
        for (String name : operator.getJobNames()) {
            try {
                ids.addAll(operator.getRunningExecutions(name));
            } catch (NoSuchJobException e) {
                // a job name without executions in this repository
            }
        }
        return ids;
    }

    private JobExecutionView.Progress progress(long executionId) {
        ScanProgress p = em.find(ScanProgress.class, executionId);
        if (p == null) {
            return new JobExecutionView.Progress(0, 0, 0, 0, 0, 0, null, 0, null);
        }
        double percent = p.getTotal() == 0 ? 100 : Math.min(100, 100.0 * p.getDone() / p.getTotal());
        double seconds = Math.max(0.001, Duration.between(p.getStartedAt(), p.getUpdatedAt()).toMillis() / 1000.0);
        double perSecond = p.getDone() / seconds;
        Long eta = perSecond > 0 ? Math.round((p.getTotal() - p.getDone()) / perSecond) : null;
        return new JobExecutionView.Progress(p.getTotal(), p.getDone(), p.getTagged(), p.getFailed(), p.getSkipped(),
                Math.round(percent * 10) / 10.0, p.getCurrentPath(), Math.round(perSecond * 100) / 100.0, eta);
    }

    private static JobExecutionView.Step step(StepExecution step) {
        Map<String, Long> metrics = new LinkedHashMap<>();
        for (Metric metric : step.getMetrics()) {
            metrics.put(metric.getType().name(), metric.getValue());
        }
        return new JobExecutionView.Step(step.getStepName(), step.getBatchStatus().name(), metrics);
    }

}
