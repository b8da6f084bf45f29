package org.imagetagger.scan.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Counters of one scan execution, committed with the chunk whose images they count. */
@Entity
@Table(name = "scan_progress")
public class ScanProgress {

    @Id
    @Column(name = "execution_id")
    private long executionId;

    @Column(name = "folder_id")
    private Long folderId;

    private long total;
    private long done;
    private long tagged;
    private long failed;
    private long skipped;

    @Column(name = "last_path", length = 4096)
    private String currentPath;

    @Column(name = "started_at", nullable = false)
    private LocalDateTime startedAt;

    @Column(name = "updated_at", nullable = false)
    private LocalDateTime updatedAt;

    protected ScanProgress() {
    }

    public ScanProgress(long executionId, Long folderId, long total, LocalDateTime now) {
        this.executionId = executionId;
        this.folderId = folderId;
        this.total = total;
        this.startedAt = now;
        this.updatedAt = now;
    }

    public void count(long tagged, long failed, long skipped, String currentPath, LocalDateTime now) {
        this.tagged += tagged;
        this.failed += failed;
        this.skipped += skipped;
        this.done += tagged + failed + skipped;
        this.currentPath = currentPath;
        this.updatedAt = now;
    }

    public long getExecutionId() { return executionId; }
    public Long getFolderId() { return folderId; }
    public long getTotal() { return total; }
    public long getDone() { return done; }
    public long getTagged() { return tagged; }
    public long getFailed() { return failed; }
    public long getSkipped() { return skipped; }
    public String getCurrentPath() { return currentPath; }
    public LocalDateTime getStartedAt() { return startedAt; }
    public LocalDateTime getUpdatedAt() { return updatedAt; }
}
