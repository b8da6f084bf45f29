package org.imagetagger.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import java.util.Objects;

/** One tag on one image, from the model or put there by the user (manual tags survive re-tagging). */
@Embeddable
public class TagAssignment {

    @ManyToOne(optional = false)
    @JoinColumn(name = "tag_id", nullable = false)
    private Tag tag;

    @Column(nullable = false)
    private boolean manual;

    protected TagAssignment() {
    }

    public TagAssignment(Tag tag, boolean manual) {
        this.tag = Objects.requireNonNull(tag);
        this.manual = manual;
    }

    public Tag getTag() {
        return tag;
    }

    public boolean isManual() {
        return manual;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TagAssignment other && Objects.equals(tag.getName(), other.tag.getName());
    }

    @Override
    public int hashCode() {
        return tag.getName().hashCode();
    }
}
