package org.imagetagger.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * A normalised keyword (lowercase, trimmed); names are unique. A keyword of a hierarchy ({@code Animals/Dog},
 * as Lightroom and digiKam keep them) knows its place: the path from the top, {@code animals/dog}, ending in its
 * own name; null for a keyword of no hierarchy.
 */
@Entity
@Table(name = "tags")
@NamedQuery(name = Tag.BY_NAMES, query = "SELECT t FROM Tag t WHERE t.name IN :names")
@NamedQuery(name = Tag.FAMILY, query = "SELECT t.name, t.id FROM Tag t"
        + " WHERE t.name = :name OR t.path LIKE :topPrefix ESCAPE '\\' OR t.path LIKE :innerPrefix ESCAPE '\\'")
public class Tag {

    public static final String BY_NAMES = "Tag.byNames";
    /** A tag's name and id with those of every tag below it in a hierarchy. */
    public static final String FAMILY = "Tag.family";
    public static final String SEPARATOR = "/";
    public static final int MAX_LENGTH = 64;

    @Id
    @SequenceGenerator(name = "tag_seq", sequenceName = "tag_seq", allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "tag_seq")
    private Long id;

    @Column(nullable = false, unique = true, length = MAX_LENGTH)
    private String name;

    @Column(name = "tag_path", length = 1000)
    private String path;

    protected Tag() {
    }

    public Tag(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_LENGTH || !name.equals(name.strip().toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("tag names are 1 to " + MAX_LENGTH + " lowercase characters: '" + name + "'");
        }
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    /** {@code animals/dog}, or null when the keyword has no place in a hierarchy. */
    public String getPath() {
        return path;
    }

    /** Puts the keyword under its parents ({@code [animals, dog]}); a single segment takes it out of any hierarchy. */
    public void placeAt(java.util.List<String> segments) {
        if (segments.isEmpty() || !segments.get(segments.size() - 1).equals(name)) {
            throw new IllegalArgumentException("the path of tag '" + name + "' ends in its name: " + segments);
        }
        this.path = segments.size() == 1 ? null : String.join(SEPARATOR, segments);
    }
}
