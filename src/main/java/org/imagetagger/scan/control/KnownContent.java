package org.imagetagger.scan.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.catalog.entity.ImageStatus;
import org.imagetagger.scan.entity.FileFacts;
import org.imagetagger.scan.entity.ImageOutcome;

/**
 * Recognises content the catalog has already described, by SHA-256 and size, so that renames, moves,
 * copies and files that come back never reach the model. Reads only; the writer applies the outcome.
 */
@ApplicationScoped
public class KnownContent {

    @Inject
    ImageStore images;

    @Transactional
    public Optional<ImageOutcome.SameContent> recognise(FileFacts file) {
        Optional<Image> own = images.findByPath(file.path());
        // A touched file whose row is intact is re-tagged, as before: the user may have edited it in place.
        if (own.isPresent() && own.get().getStatus() != ImageStatus.MISSING && file.checksum().equals(own.get().getChecksum())) {
            return Optional.empty();
        }
        List<Image> twins = images.withContent(file.checksum(), file.sizeBytes());
        if (twins.isEmpty()) {
            return Optional.empty();
        }
        if (own.isPresent() && twins.contains(own.get())) {
            return Optional.of(new ImageOutcome.SameContent(file, own.get().getId(), true));
        }
        if (own.isEmpty()) {
            for (Image twin : twins) {
                if (!Files.exists(Path.of(twin.getPath()))) {
                    return Optional.of(new ImageOutcome.SameContent(file, twin.getId(), true));
                }
            }
        }
        return Optional.of(new ImageOutcome.SameContent(file, twins.get(0).getId(), false));
    }
}
