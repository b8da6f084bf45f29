package org.imagetagger.tagging.entity;

import java.util.List;

/**
 * What a vision model said about one image; {@code taggedWith} says which model and question produced it
 * (null while only parsed).
 */
public record VisionReply(String description, List<String> tags, TaggedWith taggedWith) {

    public VisionReply {
        description = description == null ? "" : description;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public VisionReply(String description, List<String> tags) {
        this(description, tags, null);
    }
}
