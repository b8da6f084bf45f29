package org.imagetagger.catalog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.imaging.ImageFormats;

/**
 * The original file of a catalogued image, if it may be served: still a supported image file, inside its
 * folder once links are resolved (a file swapped for a link to /etc/passwd is not), and inside the roots.
 */
@ApplicationScoped
public class ImageFiles {

    @Inject
    FolderStore folders;

    @Inject
    FolderRegistration registration;

    public Optional<Path> original(Image image) {
        Path file = Path.of(image.getPath());
        return folders.find(image.getFolderId())
                .map(folder -> Path.of(folder.getPath()))
                .filter(folder -> FileConfinement.isInside(file, folder) && registration.isUnderRoots(folder))
                .filter(folder -> ImageFormats.isSupported(file) && Files.isRegularFile(file))
                .map(folder -> file);
    }
}
