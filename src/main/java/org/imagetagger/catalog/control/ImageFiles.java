package org.imagetagger.catalog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;
import org.imagetagger.catalog.entity.Folder;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.imaging.ConfinedFile;
import org.imagetagger.imaging.ImageFormats;

/**
 * The original file of a catalogued image, opened if it may be served: a supported image file, opened inside its
 * folder without following any link ({@link ConfinedFile}: a file swapped for a link to /etc/passwd is not, however
 * fast it is swapped), in a folder that is still its own real path and inside the roots.
 */
@ApplicationScoped
public class ImageFiles {

    private static final System.Logger LOG = System.getLogger(ImageFiles.class.getName());

    @Inject
    FolderStore folders;

    @Inject
    FolderRegistration registration;

    /** The open file, or empty when it is gone, unreadable or not confined; the caller closes it. */
    public Optional<ConfinedFile> open(Image image) {
        Path file = Path.of(image.getPath());
        if (!ImageFormats.isSupported(file)) {
            return Optional.empty();
        }
        Optional<Path> folder = folders.find(image.getFolderId()).map(Folder::getPath).map(Path::of)
                .filter(registration::isConfinedFolder);
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConfinedFile.open(folder.get(), file));
        } catch (ConfinedFile.EscapeException e) {
            // DEBUG: a race can be attempted thousands of times a minute; the answer is a plain 404 either way.
            LOG.log(Level.DEBUG, "refused to open {0}: {1}", file, e.getReason());
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot open {0}: {1}", file, e.toString());
            return Optional.empty();
        }
    }
}
