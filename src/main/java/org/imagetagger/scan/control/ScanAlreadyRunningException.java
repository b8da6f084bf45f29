package org.imagetagger.scan.control;

public class ScanAlreadyRunningException extends RuntimeException {

    private final long executionId;

    public ScanAlreadyRunningException(long folderId, long executionId) {
        super("a scan of folder " + folderId + " is already running (execution " + executionId + ")");
        this.executionId = executionId;
    }

    public long executionId() {
        return executionId;
    }
}
