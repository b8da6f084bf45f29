package org.imagetagger.scan.entity;

/** Where a scan stands over all its executions; the first three are active (one per folder at a time). */
public enum ScanState {
    /** The folder is being walked; files planned so far can already be claimed. */
    PLANNING,
    /** Planned; executions claim and tag its files. */
    RUNNING,
    /** Stop requested from some instance; each execution stops at its next chunk. */
    STOPPING,
    COMPLETED,
    STOPPED,
    FAILED;

    public boolean isActive() {
        return this == PLANNING || this == RUNNING || this == STOPPING;
    }
}
