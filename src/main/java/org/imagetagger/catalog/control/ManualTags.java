package org.imagetagger.catalog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.tagging.control.TagNormalizer;

/** Tags the user sets by hand; they replace all tags of the image and survive later re-tagging. */
@ApplicationScoped
public class ManualTags {

    @Inject
    ImageStore images;

    @Inject
    TagStore tags;

    private final TagNormalizer normalizer = new TagNormalizer();

    @Transactional
    public Optional<Image> replace(long imageId, List<String> names) {
        Optional<Image> image = images.find(imageId);
        image.ifPresent(i -> i.replaceManualTags(tags.resolve(normalizer.normalize(names, 200))));
        return image;
    }
}
