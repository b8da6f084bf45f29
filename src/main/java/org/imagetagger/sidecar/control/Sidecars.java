package org.imagetagger.sidecar.control;

import com.adobe.internal.xmp.XMPException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.imagetagger.catalog.control.TagStore;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.catalog.entity.ImageStatus;
import org.imagetagger.catalog.entity.Tag;
import org.imagetagger.catalog.entity.TagAssignment;
import org.imagetagger.catalog.entity.TagNormalizer;
import org.imagetagger.catalog.entity.TagsChanged;
import org.imagetagger.tagging.entity.TagProfile;

/**
 * What happens to just tagged images besides the model's answer: keywords already in the file or its sidecar
 * become manual tags, and, when sidecars are on, the XMP sidecar is written. Runs in the chunk's transaction
 * after the outcomes are recorded, so a failure becomes a warning on the image in the same commit and never
 * touches its tags. A
 * chunk that rolls back after its sidecars were written leaves them one step ahead of the catalog; the retry
 * writes them again with the same result, since a merge is idempotent.
 */
@ApplicationScoped
public class Sidecars {

    private static final System.Logger LOG = System.getLogger(Sidecars.class.getName());
    private static final int MAX_IMPORTED = 200;

    @Inject
    SidecarSettings settings;

    @Inject
    TagStore tags;

    @Inject
    ExistingMetadata existing;

    private final TagNormalizer normalizer = new TagNormalizer();

    /** For the images a chunk just recorded: those TAGGED get their imported keywords and, when on, a sidecar. */
    public void afterTagging(Collection<Image> recorded) {
        afterTagging(recorded, image -> null);
    }

    /** The same, with the keywords the analysis already read from each file (null for a file it did not read). */
    public void afterTagging(Collection<Image> recorded, Function<Image, XmpSidecar.UserMetadata> alreadyRead) {
        boolean write = settings.enabled();
        for (Image image : recorded) {
            if (image.getStatus() == ImageStatus.TAGGED) {
                importMetadata(image, Path.of(image.getPath()), alreadyRead.apply(image));
                if (write) {
                    write(image);
                }
            }
        }
    }

    /** Tags set by hand go into the sidecar at once (when sidecars are on). */
    void onTagsChanged(@Observes TagsChanged change) {
        if (settings.enabled()) {
            write(change.image());
        }
    }

    private void importMetadata(Image image, Path file, XmpSidecar.UserMetadata embedded) {
        XmpSidecar.UserMetadata found = existing.read(file, embedded);
        image.recordImportedDescription(found.description());
        List<List<String>> paths = found.hierarchies().stream().map(TagProfile::path).filter(p -> p.size() > 1)
                .filter(p -> p.stream().allMatch(s -> s.length() <= Tag.MAX_LENGTH)).limit(MAX_IMPORTED).toList();
        if (!paths.isEmpty()) {
            // Lightroom and digiKam keep the hierarchy: its leaves become tags that know their parents.
            tags.place(paths);
        }
        List<String> candidates = new ArrayList<>(found.keywords());
        paths.forEach(p -> candidates.add(p.get(p.size() - 1)));
        List<String> keywords = normalizer.normalize(candidates, MAX_IMPORTED);
        if (!keywords.isEmpty()) {
            LOG.log(Level.DEBUG, "image {0}: keywords {1} imported as manual tags", image.getId(), keywords);
            image.addManualTags(tags.resolve(keywords));
        }
    }

    void write(Image image) {
        Path file = Path.of(image.getPath());
        Optional<Path> dir = settings.dir();
        Optional<Path> target = SidecarLocation.of(file, dir, Files::isWritable);
        if (target.isEmpty()) {
            warn(image, "cannot write the XMP sidecar: the server may not write in " + file.getParent()
                    + " and no sidecar folder (tagger.sidecars.dir) is set");
            return;
        }
        List<String> manual = image.tagAssignments().stream().filter(TagAssignment::isManual).map(a -> a.getTag().getName()).toList();
        List<String> ai = image.tagAssignments().stream().filter(a -> !a.isManual()).map(a -> a.getTag().getName()).toList();
        List<String> hierarchies = image.tagAssignments().stream().map(a -> a.getTag().getPath()).filter(Objects::nonNull).toList();
        try {
            write(target.get(), image.getDescription(), ai, manual, hierarchies);
            image.recordSidecarWarning(null);
        } catch (IOException | XMPException | RuntimeException failed) {
            warn(image, "cannot write the XMP sidecar " + target.get() + ": " + reason(failed));
        }
    }

    /** Merges into the sidecar at {@code target} and replaces it atomically; an unchanged sidecar is not touched. */
    static void write(Path target, String description, List<String> ai, List<String> manual) throws IOException, XMPException {
        write(target, description, ai, manual, List.of());
    }

    static void write(Path target, String description, List<String> ai, List<String> manual, List<String> hierarchies)
            throws IOException, XMPException {
        byte[] existing = Files.isRegularFile(target) ? Files.readAllBytes(target) : null;
        byte[] merged = XmpSidecar.merge(existing, description, ai, manual, hierarchies);
        if (existing != null && Arrays.equals(existing, merged)) {
            return;
        }
        Path directory = Files.createDirectories(target.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
        try {
            Files.write(temp, merged);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notOnThisFileSystem) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void warn(Image image, String warning) {
        LOG.log(Level.WARNING, "image {0}: {1}", image.getId(), warning);
        image.recordSidecarWarning(warning);
    }

    private static String reason(Exception e) {
        String type = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.FileSystemException ? "file system error" : e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + " (" + e.getMessage() + ")";
    }
}
