package org.imagetagger.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A normalised keyword (lowercase, trimmed); names are unique. */
@Entity
@Table(name = "tags")
@NamedQuery(name = Tag.BY_NAMES, query = "SELECT t FROM Tag t WHERE t.name IN :names")
public class Tag {

    public static final String BY_NAMES = "Tag.byNames";
    public static final int MAX_LENGTH = 64;

    @Id
    @SequenceGenerator(name = "tag_seq", sequenceName = "tag_seq", allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "tag_seq")
    private Long id;

    @Column(nullable = false, unique = true, length = MAX_LENGTH)
    private String name;

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
}
