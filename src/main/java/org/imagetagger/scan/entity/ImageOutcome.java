package org.imagetagger.scan.entity;

import java.util.List;
import org.imagetagger.imaging.ExifData;
import org.imagetagger.sidecar.control.XmpSidecar;
import org.imagetagger.tagging.entity.TaggedWith;

/** What the analysis of one file found out: one of its three real cases. */
public sealed interface ImageOutcome {

    /** The file as it was read: every case has it. */
    FileFacts file();

    /**
     * The model described the picture; {@code taggedWith} says which question it answered, and how fast;
     * {@code perceptualHash} is that of the decoded picture (null when none was decoded); {@code embedded} is what
     * the file already carries (IPTC/XMP keywords, caption), read in the same pass as the EXIF.
     */
    record Described(FileFacts file, int width, int height, ExifData exif, String description, List<String> tags, String model,
                     TaggedWith taggedWith, Long perceptualHash, XmpSidecar.UserMetadata embedded) implements ImageOutcome {
    }

    /**
     * The catalog already describes this content (same SHA-256 and size) as image {@code twinId}: its
     * description and tags are taken instead of asking the model. With {@code moved}, that row itself follows
     * the file to its new path (a rename, a move, a file that came back).
     */
    record SameContent(FileFacts file, long twinId, boolean moved) implements ImageOutcome {
    }

    /** This file cannot be tagged, for the reason given; the scan goes on. */
    record Failed(FileFacts file, String reason) implements ImageOutcome {
    }
}
