package org.imagetagger.tagging.entity;

import java.util.List;

/**
 * What a vision model said about one image, before tag normalising.
 */
public record VisionReply(String description, List<String> tags) {

    public VisionReply {
        description = description == null ? "" : description;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
