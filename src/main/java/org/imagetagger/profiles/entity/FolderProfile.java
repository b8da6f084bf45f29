package org.imagetagger.profiles.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A folder's overrides of the global tagging settings; a null field follows the settings. The row goes with
 * its folder (ON DELETE CASCADE). Times are UTC.
 */
@Entity
@Table(name = "folder_profiles")
public class FolderProfile {

    public static final int MAX_CONTEXT = 2000;
    public static final int MAX_PROMPT = 8000;
    public static final int MAX_VOCABULARY_TEXT = 20000;

    @Id
    @Column(name = "folder_id")
    private Long folderId;

    @Column(name = "context", length = MAX_CONTEXT)
    private String context;

    @Column(name = "prompt", length = MAX_PROMPT)
    private String prompt;

    @Column(name = "tag_language", length = 100)
    private String language;

    @Column(name = "model", length = 200)
    private String model;

    /** One entry a line, as given ({@code Animals/Dog}). */
    @Column(name = "vocabulary", length = MAX_VOCABULARY_TEXT)
    private String vocabulary;

    @Column(name = "vocabulary_only", nullable = false)
    private boolean vocabularyOnly;

    @Column(name = "updated_at", nullable = false)
    private LocalDateTime updatedAt;

    protected FolderProfile() {
    }

    public FolderProfile(long folderId, LocalDateTime now) {
        this.folderId = folderId;
        this.updatedAt = Objects.requireNonNull(now);
    }

    /** Replaces every field; the caller has validated them. */
    public void change(String context, String prompt, String language, String model, List<String> vocabulary,
                       boolean vocabularyOnly, LocalDateTime now) {
        this.context = context;
        this.prompt = prompt;
        this.language = language;
        this.model = model;
        this.vocabulary = vocabulary == null || vocabulary.isEmpty() ? null : String.join("\n", vocabulary);
        this.vocabularyOnly = vocabularyOnly;
        this.updatedAt = Objects.requireNonNull(now);
    }

    public Long getFolderId() { return folderId; }
    public String getContext() { return context; }
    public String getPrompt() { return prompt; }
    public String getLanguage() { return language; }
    public String getModel() { return model; }
    public boolean isVocabularyOnly() { return vocabularyOnly; }
    public LocalDateTime getUpdatedAt() { return updatedAt; }

    public List<String> getVocabulary() {
        return vocabulary == null ? List.of() : Arrays.stream(vocabulary.split("\n")).filter(e -> !e.isBlank()).toList();
    }
}
