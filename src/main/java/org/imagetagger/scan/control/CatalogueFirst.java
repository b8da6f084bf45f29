package org.imagetagger.scan.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imagetagger.imaging.ConfinedFile;
import org.imagetagger.imaging.ExifData;
import org.imagetagger.imaging.ExifReader;
import org.imagetagger.imaging.ImageDecoder;
import org.imagetagger.imaging.ImageFormats;
import org.imagetagger.imaging.ImageSize;
import org.imagetagger.imaging.UntaggableImageException;
import org.imagetagger.platform.Times;

/**
 * The cheap pass of the planning step: every file a scan queues that the catalog does not know yet becomes a
 * PENDING image at once, with its size, time, EXIF and pixel size read from the head of the file (no decode, no
 * checksum), so that a new library is browsable long before the model has seen it. The tagging pass later fills
 * the same row (the writer finds it by path). Files that may be a catalogued image moved elsewhere (a MISSING
 * image of the same byte size) are left to the tagging pass, which recognises them by checksum and moves the row.
 */
@ApplicationScoped
public class CatalogueFirst {

    private static final System.Logger LOG = System.getLogger(CatalogueFirst.class.getName());
    /** EXIF (an APP1 segment is at most 64 KB) and the frame header of nearly every photo lie in the first bytes. */
    static final int HEAD_BYTES = 192 * 1024;

    @Inject
    PendingImages pending;

    private final ExifReader exifReader = new ExifReader();
    private final ImageDecoder decoder = new ImageDecoder();

    /** What the head of a new file says. */
    public record Head(Path file, long sizeBytes, java.time.LocalDateTime modifiedAt, ImageSize size, ExifData exif) {
    }

    /**
     * Adds the files of a planned page that the catalog has no row for as PENDING images; returns how many.
     * Never fails the scan: a file that cannot be read here is read again (and judged) by the tagging pass.
     */
    public int catalogue(long folderId, Path folderRoot, List<Path> page) {
        if (page.isEmpty()) {
            return 0;
        }
        try {
            List<Path> fresh = pending.uncatalogued(page);
            if (fresh.isEmpty()) {
                return 0;
            }
            List<Head> heads = new ArrayList<>(fresh.size());
            for (Path file : fresh) {
                Head head = readHead(folderRoot, file);
                if (head != null) {
                    heads.add(head);
                }
            }
            return pending.add(folderId, heads);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot catalogue {0} files of {1} ahead of tagging: {2}", page.size(), folderRoot, e.toString());
            return 0;
        }
    }

    /**
     * Opens the file inside its folder without following links and copies its first bytes to a private
     * snapshot, from which EXIF and the header's pixel size are read; videos and RAW files (outside tools) get
     * their facts from the tagging pass. Null when the file cannot be opened.
     */
    Head readHead(Path folderRoot, Path file) {
        Path snapshot = null;
        try (ConfinedFile original = ConfinedFile.open(folderRoot, file)) {
            long sizeBytes = original.size();
            java.time.LocalDateTime modifiedAt = Times.utc(original.lastModified().toInstant());
            ImageFormats.Kind kind = ImageFormats.kind(file);
            if (kind == ImageFormats.Kind.VIDEO || ImageFormats.isRaw(file)) {
                return new Head(file, sizeBytes, modifiedAt, null, ExifData.none());
            }
            snapshot = Files.createTempFile("head-", suffixOf(file));
            try (InputStream in = original.inputStream(); OutputStream out = Files.newOutputStream(snapshot)) {
                out.write(in.readNBytes(HEAD_BYTES));
            }
            ExifData exif = exifReader.read(snapshot);
            ImageSize size = null;
            try {
                size = decoder.readSize(snapshot);
            } catch (UntaggableImageException | RuntimeException e) {
                LOG.log(Level.DEBUG, "no pixel size in the head of {0}: {1}", file, e.toString());
            }
            return new Head(file, sizeBytes, modifiedAt, size, exif);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "not catalogued ahead: {0}: {1}", file, e.toString());
            return null;
        } finally {
            if (snapshot != null) {
                try {
                    Files.deleteIfExists(snapshot);
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, "cannot delete {0}: {1}", snapshot, e.toString());
                }
            }
        }
    }

    private static String suffixOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }
}
