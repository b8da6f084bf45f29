package org.imagetagger.scan.control;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
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
        return start(folderId, mode, null);
    }

    public long tagOne(long folderId, Path file) {
        return start(folderId, ScanMode.ALL, file);
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

    private long start(long folderId, ScanMode mode, Path file) {
        Properties parameters = new Properties();
        parameters.setProperty("folderId", String.valueOf(folderId));
        parameters.setProperty("mode", mode.parameter());
        if (file != null) {
            parameters.setProperty("path", file.toString());
        }
        long executionId = BatchRuntime.getJobOperator().start(JOB, parameters);
        LOG.log(Level.INFO, "started {0} execution {1} for folder {2} ({3})", JOB, executionId, folderId,
                file == null ? mode.parameter() : file);
        return executionId;
    }
}
