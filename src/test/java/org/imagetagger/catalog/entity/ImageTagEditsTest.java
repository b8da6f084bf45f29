package org.imagetagger.catalog.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 19: who set which tag survives a hand edit, and a tag removed by hand stays removed over re-tags. */
class ImageTagEditsTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 1, 6, 0);

    @Test
    void aHandEditMarksOnlyAddedTagsAsManualAndRemembersRemovedOnes() {
        Image image = tagged("dog", "beach", "cat");
        image.editTags(tags("dog", "beach", "sunset"));
        assertEquals(List.of("sunset"), manual(image));
        assertEquals(List.of("cat"), image.rejectedTags());

        image.markTagged("again", "m", tags("dog", "cat", "sand"), NOW);
        assertEquals(List.of("dog", "sand", "sunset"), image.tagNames(), "cat stays removed; kept model tags follow the model");
        assertEquals(List.of("sunset"), manual(image));
    }

    @Test
    void aRemovedTagAddedAgainByHandIsNoLongerRejected() {
        Image image = tagged("dog", "cat");
        image.editTags(tags("dog"));
        image.editTags(tags("dog", "cat"));
        assertEquals(List.of(), image.rejectedTags());
        assertEquals(List.of("cat"), manual(image));
        image.markTagged("again", "m", tags("dog"), NOW);
        assertEquals(List.of("cat", "dog"), image.tagNames());
    }

    @Test
    void newContentForgetsTheRejectedTagsButKeepsTheManualOnes() {
        Image image = tagged("dog", "cat");
        image.recordFile(10, NOW, "aaaa");
        image.editTags(tags("dog", "mine"));
        image.recordFile(10, NOW, "aaaa");
        assertEquals(List.of("cat"), image.rejectedTags(), "the same picture again keeps them");
        image.recordFile(12, NOW.plusMinutes(1), "bbbb");
        image.markTagged("edited", "m", tags("dog", "cat"), NOW);
        assertEquals(List.of("cat", "dog", "mine"), image.tagNames());
        assertEquals(List.of("mine"), manual(image));
    }

    private static Image tagged(String... names) {
        Image image = new Image(1, Path.of("/photos/a.jpg"));
        image.markTagged("a photo", "m", tags(names), NOW);
        return image;
    }

    private static List<Tag> tags(String... names) {
        return java.util.Arrays.stream(names).map(Tag::new).toList();
    }

    private static List<String> manual(Image image) {
        return image.tagAssignments().stream().filter(TagAssignment::isManual).map(a -> a.getTag().getName()).toList();
    }
}
