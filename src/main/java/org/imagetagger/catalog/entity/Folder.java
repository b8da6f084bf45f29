package org.imagetagger.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Objects;

/** A directory the user registered; its images are catalogued by scans. Times are UTC. */
@Entity
@Table(name = "folders")
@NamedQuery(name = Folder.ALL, query = "SELECT f FROM Folder f ORDER BY f.path")
@NamedQuery(name = Folder.BY_PATH, query = "SELECT f FROM Folder f WHERE f.path = :path")
public class Folder {

    public static final String ALL = "Folder.all";
    public static final String BY_PATH = "Folder.byPath";

    @Id
    @SequenceGenerator(name = "folder_seq", sequenceName = "folder_seq", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "folder_seq")
    private Long id;

    @Column(nullable = false, unique = true, length = 4096)
    private String path;

    @Column(name = "include_subfolders", nullable = false)
    private boolean recursive;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "added_at", nullable = false)
    private LocalDateTime addedAt;

    protected Folder() {
    }

    public Folder(String path, boolean recursive, boolean active, LocalDateTime addedAt) {
        this.path = Objects.requireNonNull(path, "path");
        this.recursive = recursive;
        this.active = active;
        this.addedAt = Objects.requireNonNull(addedAt, "addedAt");
    }

    public Long getId() {
        return id;
    }

    public String getPath() {
        return path;
    }

    public boolean isRecursive() {
        return recursive;
    }

    public void setRecursive(boolean recursive) {
        this.recursive = recursive;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public LocalDateTime getAddedAt() {
        return addedAt;
    }
}
