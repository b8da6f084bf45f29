package org.imagetagger.comparison.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/** One image of a comparison: what the catalog holds and what the other model answered. Times are UTC. */
@Entity
@Table(name = "comparison_results")
@NamedQuery(name = ComparisonResult.OF_EXECUTION,
        query = "SELECT r FROM ComparisonResult r WHERE r.executionId = :executionId ORDER BY r.path")
public class ComparisonResult {

    public static final String OF_EXECUTION = "ComparisonResult.ofExecution";
    private static final int MAX_TEXT = 4000;

    /** What one side said about the image. */
    public record Answer(String model, String description, List<String> tags, Long millis, Long serverMillis) {
    }

    @Id
    @SequenceGenerator(name = "comparison_result_seq", sequenceName = "comparison_result_seq", allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "comparison_result_seq")
    private Long id;

    @Column(name = "execution_id", nullable = false)
    private long executionId;
    @Column(name = "folder_id", nullable = false)
    private long folderId;
    @Column(name = "image_id", nullable = false)
    private long imageId;
    @Column(nullable = false, length = 4096)
    private String path;

    @Column(name = "current_model")
    private String currentModel;
    @Column(name = "current_description", length = MAX_TEXT)
    private String currentDescription;
    @Column(name = "current_tags", length = 8000)
    private String currentTags;
    @Column(name = "current_server_millis")
    private Long currentServerMillis;

    @Column(name = "candidate_model", nullable = false)
    private String candidateModel;
    @Column(name = "candidate_description", length = MAX_TEXT)
    private String candidateDescription;
    @Column(name = "candidate_tags", length = 8000)
    private String candidateTags;
    @Column(name = "candidate_millis")
    private Long candidateMillis;
    @Column(name = "candidate_server_millis")
    private Long candidateServerMillis;

    @Column(length = 2000)
    private String failure;

    @Column(name = "compared_at", nullable = false)
    private LocalDateTime comparedAt;

    protected ComparisonResult() {
    }

    public ComparisonResult(long executionId, long folderId, long imageId, String path, Answer current, Answer candidate,
                            String failure, LocalDateTime now) {
        this.executionId = executionId;
        this.folderId = folderId;
        this.imageId = imageId;
        this.path = path;
        this.currentModel = current.model();
        this.currentDescription = truncate(current.description());
        this.currentTags = String.join("\n", current.tags());
        this.currentServerMillis = current.serverMillis();
        this.candidateModel = candidate.model();
        this.candidateDescription = truncate(candidate.description());
        this.candidateTags = String.join("\n", candidate.tags());
        this.candidateMillis = candidate.millis();
        this.candidateServerMillis = candidate.serverMillis();
        this.failure = failure == null ? null : failure.substring(0, Math.min(failure.length(), 2000));
        this.comparedAt = now;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    public Answer current() {
        return new Answer(currentModel, currentDescription, lines(currentTags), null, currentServerMillis);
    }

    public Answer candidate() {
        return new Answer(candidateModel, candidateDescription, lines(candidateTags), candidateMillis, candidateServerMillis);
    }

    public Long getId() { return id; }
    public long getExecutionId() { return executionId; }
    public long getFolderId() { return folderId; }
    public long getImageId() { return imageId; }
    public String getPath() { return path; }
    public String getFailure() { return failure; }
    public LocalDateTime getComparedAt() { return comparedAt; }
}
