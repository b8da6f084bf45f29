package org.imagetagger.tagging.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class TagProfileTest {

    @Test
    void hierarchicalEntriesGiveTheirLowercaseLeavesOnce() {
        TagProfile profile = new TagProfile(" ", null, "", null,
                List.of("Animals/Dog", "Animals | Cat", "Places/Beach", "dog", "Golden  Retriever"), true);
        assertEquals(List.of("dog", "cat", "beach", "golden retriever"), profile.leaves());
        assertEquals(List.of("animals", "cat"), TagProfile.path(" Animals | Cat "));
        assertNull(profile.context(), "blank is unset");
        assertNull(profile.language());
    }
}
