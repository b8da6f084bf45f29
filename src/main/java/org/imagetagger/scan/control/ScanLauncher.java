package org.imagetagger.scan.control;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.imagetagger.scan.entity.ScanMode;

/**
 * Starts tagging jobs. Holds no transaction and passes everything as job parameters, so the job
 * never depends on the caller's state.
 */
@ApplicationScoped
public class ScanLauncher {

    public static final String JOB = "tagImages";
    private static final System.Logger LOG = System.getLogger(ScanLauncher.class.getName());

    /** Serialised so that two simultaneous requests cannot both start a scan of one folder. */
    public synchronized long scan(long folderId, ScanMode mode) {
        Optional<Long> running = runningScanOf(folderId);
        if (running.isPresent()) {
            throw new ScanAlreadyRunningException(folderId, running.get());
        }
        return start(folderId, mode, null, List.of());
    }

    public long tagOne(long folderId, Path file) {
        return start(folderId, ScanMode.ALL, file, List.of());
    }

    /**
     * For the watcher: a {@code new} scan of the folder, or of just the listed files when there are any,
     * unless a scan of the folder is running; then nothing starts and the caller asks again later.
     */
    public synchronized Optional<Long> scanUnlessRunning(long folderId, List<Path> relativePaths) {
        if (runningScanOf(folderId).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(start(folderId, ScanMode.NEW, null, relativePaths));
    }

    public boolean isRunning(long executionId) {
        try {
            BatchStatus status = BatchRuntime.getJobOperator().getJobExecution(executionId).getBatchStatus();
            return status == BatchStatus.STARTING || status == BatchStatus.STARTED || status == BatchStatus.STOPPING;
        } catch (NoSuchJobExecutionException gone) {
            return false;
        }
    }

    public Optional<Long> runningScanOf(long folderId) {
        JobOperator operator = BatchRuntime.getJobOperator();
        List<Long> running;
        try {
            running = operator.getRunningExecutions(JOB);
        } catch (NoSuchJobException neverRun) {
            return Optional.empty();
        }
        return running.stream().filter(id -> {
            Properties parameters = operator.getParameters(id);
            return String.valueOf(folderId).equals(parameters.getProperty("folderId"))
                    && parameters.getProperty("path", "").isEmpty();
        }).findFirst();
    }

    private long start(long folderId, ScanMode mode, Path file, List<Path> relativePaths) {
        Properties parameters = new Properties();
        parameters.setProperty("folderId", String.valueOf(folderId));
        parameters.setProperty("mode", mode.parameter());
        if (file != null) {
            parameters.setProperty("path", file.toString());
        }
        if (!relativePaths.isEmpty()) {
            parameters.setProperty("paths", relativePaths.stream().map(Path::toString).collect(Collectors.joining("\n")));
        }
        long executionId = BatchRuntime.getJobOperator().start(JOB, parameters);
        LOG.log(Level.INFO, "started {0} execution {1} for folder {2} ({3})", JOB, executionId, folderId,
                file != null ? file : relativePaths.isEmpty() ? mode.parameter() : relativePaths.size() + " settled files");
        return executionId;
    }
}
