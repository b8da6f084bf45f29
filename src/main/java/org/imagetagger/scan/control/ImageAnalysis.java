package org.imagetagger.scan.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.imagetagger.imaging.ConfinedFile;
import org.imagetagger.imaging.ExifData;
import org.imagetagger.imaging.ExifReader;
import org.imagetagger.imaging.ImageDecoder;
import org.imagetagger.imaging.ImageSize;
import org.imagetagger.imaging.ModelPicture;
import org.imagetagger.imaging.PixelLimit;
import org.imagetagger.platform.Times;
import org.imagetagger.profiles.control.FolderProfiles;
import org.imagetagger.scan.entity.ClaimedFile;
import org.imagetagger.sidecar.control.ExistingMetadata;
import org.imagetagger.scan.entity.FileFacts;
import org.imagetagger.scan.entity.ImageOutcome;
import org.imagetagger.tagging.control.VisionService;
import org.imagetagger.tagging.control.VisionSettings;
import org.imagetagger.imaging.UntaggableImageException;
import org.imagetagger.tagging.entity.VisionReply;
import org.imagetagger.tagging.entity.VisionUnavailableException;

/**
 * Everything one file goes through before the catalog: attributes, checksum, EXIF, decoding, the model.
 * Content the catalog already describes (same SHA-256 and size) is taken from there instead of the model.
 */
@ApplicationScoped
public class ImageAnalysis {

    private static final System.Logger LOG = System.getLogger(ImageAnalysis.class.getName());
    private static final float JPEG_QUALITY = 0.85f;

    @Inject
    VisionService vision;

    @Inject
    VisionSettings settings;

    @Inject
    KnownContent knownContent;

    @Inject
    FolderProfiles profiles;

    @Inject
    PixelLimit pixelLimit;

    /** Decoding at once on more threads than cores only adds memory; the read-ahead has more files in flight. */
    private static final int PARALLEL_DECODES = Math.min(4, Runtime.getRuntime().availableProcessors());

    private final Semaphore decoding = new Semaphore(PARALLEL_DECODES);
    private final ExifReader exifReader = new ExifReader();
    private final ImageDecoder decoder = new ImageDecoder();

    /** How many files are decoded at once at most. */
    public int parallelDecodes() {
        return PARALLEL_DECODES;
    }

    /**
     * The file is opened once, inside its folder without following any link ({@link ConfinedFile}), and copied to
     * a private snapshot while its SHA-256 is computed; EXIF, size and pixels (and any outside tool) are read from
     * that snapshot, so a file swapped for a link meanwhile is never read, and each file is read from the disk once.
     */
    public ImageOutcome analyse(ClaimedFile item) {
        Path file = item.path();
        FileFacts facts;
        Path snapshot = null;
        try (ConfinedFile original = ConfinedFile.open(item.folderRoot(), file)) {
            snapshot = Files.createTempFile("analysis-", suffixOf(file));
            String checksum;
            try (OutputStream copy = Files.newOutputStream(snapshot)) {
                checksum = Checksum.copyAndHash(original.inputStream(), copy);
            }
            facts = new FileFacts(item.folderId(), file, original.size(), Times.utc(original.lastModified().toInstant()), checksum);
        } catch (NoSuchFileException gone) {
            deleteQuietly(snapshot);
            return failed(unread(item), "file no longer exists");
        } catch (AccessDeniedException denied) {
            deleteQuietly(snapshot);
            return failed(unread(item), "permission denied: the server cannot read this file");
        } catch (ConfinedFile.EscapeException escape) {
            deleteQuietly(snapshot);
            return failed(unread(item), "not read: " + escape.getReason());
        } catch (IOException e) {
            deleteQuietly(snapshot);
            return failed(unread(item), "cannot read the file: " + e.getMessage());
        }
        try {
            return analyse(item, facts, snapshot);
        } finally {
            deleteQuietly(snapshot);
        }
    }

    private ImageOutcome analyse(ClaimedFile item, FileFacts facts, Path snapshot) {
        if (item.reuseKnownContent()) {
            Optional<ImageOutcome.SameContent> known = knownContent.recognise(facts);
            if (known.isPresent()) {
                LOG.log(Level.DEBUG, "{0} has the content of image {1}: no model request", facts.path(), known.get().twinId());
                return known.get();
            }
        }
        try {
            ExifReader.Parsed metadata = exifReader.parse(snapshot);
            ExifData exif = metadata.exif();
            ImageSize pictureSize = decoder.readSize(snapshot);
            int orientation = exif.orientation() == null ? 1 : exif.orientation();
            ModelPicture picture = forModel(snapshot, orientation);
            VisionReply reply = vision.describe(picture.jpeg(), profiles.of(item.folderId()));
            return new ImageOutcome.Described(facts, pictureSize.width(), pictureSize.height(), exif, reply.description(), reply.tags(),
                    reply.taggedWith().model(), reply.taggedWith(), picture.perceptualHash(),
                    ExistingMetadata.embedded(metadata.metadata(), facts.path()));
        } catch (UntaggableImageException e) {
            return failed(facts, e.getMessage());
        }
    }

    /** The snapshot keeps the file's extension: decoders and tools choose by it. */
    private static String suffixOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

    private static void deleteQuietly(Path snapshot) {
        if (snapshot != null) {
            try {
                Files.deleteIfExists(snapshot);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "cannot delete {0}: {1}", snapshot, e.toString());
            }
        }
    }

    private static FileFacts unread(ClaimedFile item) {
        return new FileFacts(item.folderId(), item.path(), 0, Times.nowUtc(), null);
    }

    /** The JPEG sent to the model and the perceptual hash of the same picture (issue 14). */
    private ModelPicture forModel(Path file, int orientation) throws UntaggableImageException {
        try {
            decoding.acquire();
        } catch (InterruptedException cancelled) {
            Thread.currentThread().interrupt();
            throw new VisionUnavailableException("cancelled before " + file + " was decoded");
        }
        try {
            return decoder.forModel(file, settings.maxDimension(), pixelLimit.maxPixels(), orientation, JPEG_QUALITY);
        } finally {
            decoding.release();
        }
    }

    private static ImageOutcome failed(FileFacts facts, String reason) {
        LOG.log(Level.WARNING, "cannot tag {0}: {1}", facts.path(), reason);
        return new ImageOutcome.Failed(facts, reason);
    }
}
