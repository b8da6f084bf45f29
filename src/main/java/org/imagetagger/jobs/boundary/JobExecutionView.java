package org.imagetagger.jobs.boundary;

import java.util.List;
import java.util.Map;

/**
 * A Jakarta Batch execution as the API shows it (CONTRACT §3, Jobs); {@code instance} names the server that runs
 * it, and {@code progress} counts its whole scan, over the executions of every instance. {@code description} says
 * in words what the execution does ("Re-tag one photo: x.jpg"); a step's times show how long planning took beside tagging; {@code restartable} whether a restart is possible now
 * (it ended without completing, no later execution restarted it, and its scan is not active).
 */
public record JobExecutionView(long executionId, long instanceId, String jobName, String status, String exitStatus,
                               String createTime, String startTime, String endTime, Map<String, String> parameters,
                               Progress progress, List<Step> steps, String instance,
                               String description, boolean restartable) {

    public record Progress(long total, long done, long tagged, long failed, long skipped, double percent,
                           String currentPath, double imagesPerSecond, Long etaSeconds) {
    }

    public record Step(String stepName, String status, String startTime, String endTime, Map<String, Long> metrics) {
    }
}
