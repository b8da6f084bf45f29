package org.imagetagger.catalog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.catalog.entity.TagNormalizer;
import org.imagetagger.catalog.entity.TagsChanged;

/**
 * Tags the user edits by hand: the list sent replaces the image's tags; added tags become manual and survive
 * re-tagging, kept model tags stay the model's, removed tags stay removed over later re-tags.
 */
@ApplicationScoped
public class ManualTags {

    @Inject
    ImageStore images;

    @Inject
    TagStore tags;

    /** Observed by the sidecar writer, which brings the image's XMP sidecar up to date in this transaction. */
    @Inject
    Event<TagsChanged> changed;

    private final TagNormalizer normalizer = new TagNormalizer();

    @Transactional
    public Optional<Image> replace(long imageId, List<String> names) {
        Optional<Image> image = images.find(imageId);
        image.ifPresent(i -> {
            i.editTags(tags.resolve(normalizer.normalize(names, 200)));
            changed.fire(new TagsChanged(i));
        });
        return image;
    }
}
