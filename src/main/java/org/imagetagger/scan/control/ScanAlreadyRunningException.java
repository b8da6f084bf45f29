package org.imagetagger.scan.control;

/** A scan of the folder is active somewhere in the cluster; {@code executionId} is its latest execution (null while it starts). */
public class ScanAlreadyRunningException extends RuntimeException {

    private final Long executionId;

    public ScanAlreadyRunningException(long folderId, Long executionId) {
        super("a scan of folder " + folderId + " is already running" + (executionId == null ? "" : " (execution " + executionId + ")"));
        this.executionId = executionId;
    }

    public Long executionId() {
        return executionId;
    }
}
