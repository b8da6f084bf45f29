package org.imagetagger.scan.control;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.imagetagger.catalog.control.NewFolderScan;
import org.imagetagger.scan.control.Scans.ScanRow;
import org.imagetagger.scan.entity.ScanMode;
import org.imagetagger.scan.entity.ScanState;

/**
 * Starts, restarts and stops scans for the whole cluster. Holds no transaction and passes everything as job
 * parameters. Whatever starts a scan (the API, a re-tag, the watcher, a restart) goes through {@link Scans#open}
 * or {@link Scans#reopen}, so one scan per folder is active in the cluster; the second gets
 * {@link ScanAlreadyRunningException}.
 */
@ApplicationScoped
public class ScanLauncher implements NewFolderScan {

    public static final String JOB = "tagImages";
    /** Job parameter: the execution plans the scan (walks the folder) before tagging, or only joins its tagging. */
    static final String PLAN = "plan";
    static final String JOIN = "join";
    private static final System.Logger LOG = System.getLogger(ScanLauncher.class.getName());

    @Inject
    Scans scans;

    @Inject
    WorkQueue queue;

    @Inject
    ScanParticipation participation;

    public long scan(long folderId, ScanMode mode) {
        return start(folderId, mode, null, List.of());
    }

    @Override
    public long scanNewFolder(long folderId) {
        return scan(folderId, ScanMode.NEW);
    }

    public long tagOne(long folderId, Path file) {
        return start(folderId, ScanMode.ALL, file, List.of());
    }

    /**
     * For the watcher: a {@code new} scan of the folder, or of just the listed files when there are any,
     * unless a scan of the folder is active; then nothing starts and the caller asks again later.
     */
    public Optional<Long> scanUnlessRunning(long folderId, List<Path> relativePaths) {
        try {
            return Optional.of(start(folderId, ScanMode.NEW, null, relativePaths));
        } catch (ScanAlreadyRunningException running) {
            return Optional.empty();
        }
    }

    /** Running in the job repository, on an instance that is alive. */
    public boolean isRunning(long executionId) {
        return scans.isRunning(executionId);
    }

    private long start(long folderId, ScanMode mode, Path file, List<Path> relativePaths) {
        long scanId = scans.open(folderId, mode);
        Properties parameters = new Properties();
        parameters.setProperty("scanId", String.valueOf(scanId));
        parameters.setProperty("folderId", String.valueOf(folderId));
        parameters.setProperty("mode", mode.parameter());
        parameters.setProperty("role", PLAN);
        if (file != null) {
            parameters.setProperty("path", file.toString());
        }
        if (!relativePaths.isEmpty()) {
            parameters.setProperty("paths", relativePaths.stream().map(Path::toString).collect(Collectors.joining("\n")));
        }
        long executionId;
        try {
            executionId = BatchRuntime.getJobOperator().start(JOB, parameters);
        } catch (RuntimeException e) {
            scans.end(scanId, ScanState.FAILED);
            throw e;
        }
        scans.lead(scanId, executionId);
        participation.runsHere(scanId, executionId);
        LOG.log(Level.INFO, "started {0} execution {1} for folder {2} (scan {3}, {4})", JOB, executionId, folderId, scanId,
                file != null ? file : relativePaths.isEmpty() ? mode.parameter() : relativePaths.size() + " settled files");
        return executionId;
    }

    /**
     * Restarts the scan of an execution that ended (stopped, failed, or left by an instance that died): its
     * unwritten files are queued again and a new execution takes them, here. An active scan is not restarted
     * (its executions go on); nor is it when another scan of the folder is active meanwhile.
     */
    public long restart(long executionId) {
        JobOperator operator = BatchRuntime.getJobOperator();
        Optional<ScanRow> scan = scans.ofExecution(executionId);
        if (scan.isEmpty()) {
            // An execution of an earlier version, before scans were shared.
            return operator.restart(executionId, operator.getParameters(executionId));
        }
        ScanRow row = scan.get();
        if (row.state().isActive()) {
            throw new ScanAlreadyRunningException(row.folderId(), row.leadExecution());
        }
        scans.reopen(row.scanId(), row.folderId());
        queue.releaseAll(row.scanId());
        long restarted;
        try {
            Properties parameters = operator.getParameters(executionId);
            // Also an execution that only joined the scan plans what its planning left undone.
            parameters.setProperty("role", PLAN);
            restarted = operator.restart(executionId, parameters);
        } catch (RuntimeException e) {
            scans.end(row.scanId(), row.state());
            throw e;
        }
        scans.lead(row.scanId(), restarted);
        participation.runsHere(row.scanId(), restarted);
        LOG.log(Level.INFO, "restarted scan {0} as execution {1}", row.scanId(), restarted);
        return restarted;
    }

    /** Stops the scan of the execution on every instance (each stops at its next chunk); false when it is not active. */
    public boolean stop(long executionId) {
        Optional<ScanRow> scan = scans.ofExecution(executionId);
        if (scan.isEmpty()) {
            BatchRuntime.getJobOperator().stop(executionId);
            return true;
        }
        if (!scan.get().state().isActive()) {
            return false;
        }
        scans.requestStop(scan.get().scanId());
        participation.stopLocalExecutions(scan.get().scanId());
        return true;
    }
}
