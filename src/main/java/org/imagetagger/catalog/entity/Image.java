package org.imagetagger.catalog.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.imagetagger.imaging.ExifData;

/**
 * One image file of a registered folder, with what the model and its EXIF say about it.
 * A TAGGED image always has its description and tags; a FAILED one its reason. Times are UTC.
 */
@Entity
@Table(name = "images")
@NamedQuery(name = Image.BY_PATH, query = "SELECT i FROM Image i WHERE i.path = :path")
@NamedQuery(name = Image.BY_PATHS, query = "SELECT i FROM Image i WHERE i.path IN :paths")
@NamedQuery(name = Image.RETRYABLE_PATHS_OF_FOLDER, query = "SELECT i.path FROM Image i WHERE i.folderId = :folderId"
        + " AND i.status = org.imagetagger.catalog.entity.ImageStatus.FAILED AND i.attempts < :maxAttempts"
        + " AND i.path > :after ORDER BY i.path")
@NamedQuery(name = Image.WITH_CONTENT,
        query = "SELECT i FROM Image i WHERE i.checksum = :checksum AND i.sizeBytes = :sizeBytes"
                + " AND i.description IS NOT NULL AND i.status IN :statuses ORDER BY i.id")
@NamedQuery(name = Image.PRESENT_IN_FOLDER,
        query = "SELECT i.id, i.path FROM Image i WHERE i.folderId = :folderId AND i.status <> :missing AND i.path > :after"
                + " ORDER BY i.path")
@NamedQuery(name = Image.STALE_PATHS_OF_FOLDER, query = "SELECT i.path FROM Image i WHERE i.folderId = :folderId"
        + " AND i.status = org.imagetagger.catalog.entity.ImageStatus.TAGGED"
        + " AND (i.tagFingerprint IS NULL OR i.tagFingerprint <> :fingerprint) AND i.path > :after ORDER BY i.path")
@NamedQuery(name = Image.STALE_COUNT_OF_FOLDER, query = "SELECT COUNT(i) FROM Image i WHERE i.folderId = :folderId"
        + " AND i.status = org.imagetagger.catalog.entity.ImageStatus.TAGGED"
        + " AND (i.tagFingerprint IS NULL OR i.tagFingerprint <> :fingerprint)")
public class Image {

    public static final String BY_PATH = "Image.byPath";
    public static final String BY_PATHS = "Image.byPaths";
    public static final String RETRYABLE_PATHS_OF_FOLDER = "Image.retryablePathsOfFolder";
    public static final String WITH_CONTENT = "Image.withContent";
    public static final String PRESENT_IN_FOLDER = "Image.presentInFolder";
    public static final String STALE_PATHS_OF_FOLDER = "Image.stalePathsOfFolder";
    public static final String STALE_COUNT_OF_FOLDER = "Image.staleCountOfFolder";
    private static final int MAX_ERROR_LENGTH = 2000;
    private static final int MAX_REJECTED_LENGTH = 4000;
    private static final int MAX_DESCRIPTION_LENGTH = 4000;

    @Id
    @SequenceGenerator(name = "image_seq", sequenceName = "image_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "image_seq")
    private Long id;

    @Column(name = "folder_id", nullable = false)
    private Long folderId;

    @Column(nullable = false, unique = true, length = 4096)
    private String path;

    @Column(nullable = false, length = 4096)
    private String directory;

    @Column(name = "file_name", nullable = false, length = 1024)
    private String fileName;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "modified_at", nullable = false)
    private LocalDateTime modifiedAt;

    private String checksum;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ImageStatus status = ImageStatus.PENDING;

    @Column(length = MAX_ERROR_LENGTH)
    private String error;

    private int attempts;

    @Column(length = MAX_DESCRIPTION_LENGTH)
    private String description;

    private String model;
    private Integer width;
    private Integer height;

    @Column(name = "taken_at")
    private LocalDateTime takenAt;
    @Column(name = "camera_make")
    private String cameraMake;
    @Column(name = "camera_model")
    private String cameraModel;
    private String lens;
    private Integer orientation;
    private Double latitude;
    private Double longitude;

    /** A video's length; null for photos. */
    @Column(name = "duration_seconds")
    private Double durationSeconds;

    @Column(name = "tagged_at")
    private LocalDateTime taggedAt;

    /** The fingerprint of model, prompt and folder profile the model was asked with; null when not known. */
    @Column(name = "tag_fingerprint", length = 64)
    private String tagFingerprint;

    /** The vision server's own time for the answer (Ollama's total_duration), when it reported one. */
    @Column(name = "server_millis")
    private Long serverMillis;

    /** Tokens the server generated for the answer (Ollama's eval_count), when it reported them. */
    @Column(name = "eval_count")
    private Integer evalCount;

    /** 64-bit perceptual hash of the decoded picture (near duplicates, issue 14); null before it was computed. */
    @Column(name = "perceptual_hash")
    private Long perceptualHash;

    /** Why the XMP sidecar could not be written; null when it was (or sidecars are off). */
    @Column(name = "sidecar_warning", length = MAX_ERROR_LENGTH)
    private String sidecarWarning;

    /** What another tool wrote as the description (IPTC caption, XMP dc:description); searched like ours. */
    @Column(name = "imported_description", length = MAX_DESCRIPTION_LENGTH)
    private String importedDescription;

    /** Description, tags and file name words: what text search looks in (a GIN index on PostgreSQL). */
    @Column(name = "search_text", length = 8000)
    private String searchText;

    /**
     * Tags the user removed by hand, one per line: the model's later answers cannot bring them back
     * (a tag the user adds again leaves this list).
     */
    @Column(name = "rejected_tags", length = MAX_REJECTED_LENGTH)
    private String rejectedTags;

    @Version
    private long version;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "image_tags", joinColumns = @JoinColumn(name = "image_id"))
    private Set<TagAssignment> tags = new LinkedHashSet<>();

    protected Image() {
    }

    public Image(long folderId, Path file) {
        this.folderId = folderId;
        this.path = file.toString();
        Path parent = Objects.requireNonNull(file.getParent(), "an image lies in a directory");
        this.directory = parent.toString();
        this.fileName = file.getFileName().toString();
        refreshSearchText();
    }

    /**
     * What the file system says now; a change of either means the content may have changed. New content (another
     * checksum) forgets the tags the user rejected for the old one.
     */
    public void recordFile(long sizeBytes, LocalDateTime modifiedAt, String checksum) {
        if (this.checksum != null && checksum != null && !this.checksum.equals(checksum)) {
            // Another picture now: what the user rejected for the old one may fit it (manual tags stay).
            this.rejectedTags = null;
        }
        this.sizeBytes = sizeBytes;
        this.modifiedAt = Objects.requireNonNull(modifiedAt);
        this.checksum = checksum;
    }

    public void recordPicture(int width, int height, ExifData exif) {
        this.width = width;
        this.height = height;
        this.takenAt = exif.takenAt();
        this.cameraMake = exif.make();
        this.cameraModel = exif.model();
        this.lens = exif.lens();
        this.orientation = exif.orientation();
        this.latitude = exif.latitude();
        this.longitude = exif.longitude();
        this.durationSeconds = exif.durationSeconds();
    }

    /** The model's answer replaces earlier model tags; tags the user set by hand stay. */
    public void markTagged(String description, String model, Collection<Tag> modelTags, LocalDateTime now) {
        this.description = truncate(Objects.requireNonNull(description, "description"), MAX_DESCRIPTION_LENGTH);
        this.model = model;
        tags.removeIf(assignment -> !assignment.isManual());
        Set<String> rejected = rejectedTagNames();
        for (Tag tag : modelTags) {
            if (!rejected.contains(tag.getName())) {
                tags.add(new TagAssignment(tag, false));
            }
        }
        this.status = ImageStatus.TAGGED;
        this.error = null;
        this.attempts++;
        this.taggedAt = now;
        refreshSearchText();
    }

    /** What question the model was asked ({@code markTagged} has the model and time) and how long it took. */
    public void recordTagging(String fingerprint, Long serverMillis, Integer evalCount) {
        this.tagFingerprint = fingerprint;
        this.serverMillis = serverMillis;
        this.evalCount = evalCount;
    }

    public void recordPerceptualHash(Long hash) {
        this.perceptualHash = hash;
    }

    public Long getPerceptualHash() {
        return perceptualHash;
    }

    public void markFailed(String reason, LocalDateTime now) {
        this.status = ImageStatus.FAILED;
        this.error = truncate(Objects.requireNonNullElse(reason, "unknown error"), MAX_ERROR_LENGTH);
        this.attempts++;
        this.taggedAt = now;
    }

    /** The file is gone; what is known about it stays, so that it can come back without the model. */
    public void markMissing() {
        this.status = ImageStatus.MISSING;
    }

    /**
     * The same content turned up at another path (a rename or move) or again at its own path: the row,
     * its tags and its description follow the file.
     */
    public void moveTo(long folderId, Path file) {
        this.folderId = folderId;
        this.path = file.toString();
        this.directory = Objects.requireNonNull(file.getParent(), "an image lies in a directory").toString();
        this.fileName = file.getFileName().toString();
        if (description != null) {
            this.status = ImageStatus.TAGGED;
            this.error = null;
        }
    }

    /**
     * A hand edit of the whole tag list. Tags the user added become manual; kept tags keep where they came from
     * (a kept model tag stays the model's); removed tags are remembered as rejected, so no re-tag brings them back.
     */
    public void editTags(Collection<Tag> wanted) {
        Map<String, Boolean> manualBefore = new HashMap<>();
        tags.forEach(a -> manualBefore.put(a.getTag().getName(), a.isManual()));
        Set<String> wantedNames = new HashSet<>();
        wanted.forEach(t -> wantedNames.add(t.getName()));
        Set<String> rejected = rejectedTagNames();
        manualBefore.keySet().stream().filter(name -> !wantedNames.contains(name)).forEach(rejected::add);
        rejected.removeAll(wantedNames);
        tags.clear();
        for (Tag tag : wanted) {
            tags.add(new TagAssignment(tag, manualBefore.getOrDefault(tag.getName(), true)));
        }
        storeRejected(rejected);
        refreshSearchText();
    }

    /** Tags the user removed by hand, sorted. */
    public List<String> rejectedTags() {
        return rejectedTagNames().stream().sorted().toList();
    }

    private Set<String> rejectedTagNames() {
        Set<String> names = new LinkedHashSet<>();
        if (rejectedTags != null) {
            for (String line : rejectedTags.split("\n")) {
                if (!line.isBlank()) {
                    names.add(line);
                }
            }
        }
        return names;
    }

    private void storeRejected(Set<String> names) {
        StringBuilder text = new StringBuilder();
        // The most recent removals are kept when the list outgrows its column.
        List<String> newestLast = new ArrayList<>(names);
        for (int i = newestLast.size() - 1; i >= 0; i--) {
            String line = newestLast.get(i) + "\n";
            if (text.length() + line.length() > MAX_REJECTED_LENGTH) {
                break;
            }
            text.insert(0, line);
        }
        rejectedTags = text.isEmpty() ? null : text.toString();
    }

    /** A description found in the file or its sidecar; a file without one keeps the one found earlier. */
    public void recordImportedDescription(String description) {
        if (description != null && !description.isBlank()) {
            this.importedDescription = truncate(description.strip(), MAX_DESCRIPTION_LENGTH);
            refreshSearchText();
        }
    }

    /**
     * Keywords found in the file or its sidecar (written by the user or another tool) become manual tags:
     * like tags set by hand they survive re-tagging. Other tags stay.
     */
    public void addManualTags(Collection<Tag> imported) {
        for (Tag tag : imported) {
            TagAssignment manual = new TagAssignment(tag, true);
            tags.remove(manual);
            tags.add(manual);
        }
        refreshSearchText();
    }

    /** How the last sidecar write went: null when written, else the reason. */
    public void recordSidecarWarning(String warning) {
        this.sidecarWarning = warning == null ? null : truncate(warning, MAX_ERROR_LENGTH);
    }

    public boolean isUnchanged(long sizeBytes, LocalDateTime modifiedAt) {
        return this.sizeBytes == sizeBytes && Objects.equals(this.modifiedAt, modifiedAt);
    }

    public List<String> tagNames() {
        return tags.stream().map(a -> a.getTag().getName()).sorted(Comparator.naturalOrder()).toList();
    }

    public List<TagAssignment> tagAssignments() {
        return tags.stream().sorted(Comparator.comparing(a -> a.getTag().getName())).toList();
    }

    private void refreshSearchText() {
        String words = String.join(" ", description == null ? "" : description,
                importedDescription == null ? "" : importedDescription, String.join(" ", tagNames()),
                fileName, fileName.replaceAll("[^\\p{L}\\p{N}]+", " "));
        searchText = truncate(words.strip(), 8000);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    public Long getId() { return id; }
    public Long getFolderId() { return folderId; }
    public String getPath() { return path; }
    public String getDirectory() { return directory; }
    public String getFileName() { return fileName; }
    public long getSizeBytes() { return sizeBytes; }
    public LocalDateTime getModifiedAt() { return modifiedAt; }
    public String getChecksum() { return checksum; }
    public ImageStatus getStatus() { return status; }
    public String getError() { return error; }
    public int getAttempts() { return attempts; }
    public String getDescription() { return description; }
    public String getModel() { return model; }
    public Double getDurationSeconds() { return durationSeconds; }
    public Integer getWidth() { return width; }
    public Integer getHeight() { return height; }
    public LocalDateTime getTakenAt() { return takenAt; }
    public String getCameraMake() { return cameraMake; }
    public String getCameraModel() { return cameraModel; }
    public String getLens() { return lens; }
    public Integer getOrientation() { return orientation; }
    public Double getLatitude() { return latitude; }
    public Double getLongitude() { return longitude; }
    public LocalDateTime getTaggedAt() { return taggedAt; }
    public String getSidecarWarning() { return sidecarWarning; }
    public String getTagFingerprint() { return tagFingerprint; }
    public Long getServerMillis() { return serverMillis; }
    public Integer getEvalCount() { return evalCount; }
    public String getImportedDescription() { return importedDescription; }
}
