package org.imagetagger.scan.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.catalog.entity.ImageStatus;
import org.imagetagger.imaging.ConfinedFile;
import org.imagetagger.imaging.ExifData;
import org.imagetagger.imaging.ExifReader;
import org.imagetagger.imaging.ImageDecoder;
import org.imagetagger.imaging.ImageFormats;
import org.imagetagger.imaging.ImageSize;
import org.imagetagger.platform.Times;
import org.imagetagger.tagging.entity.UntaggableImageException;

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

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    @Inject
    ImageStore images;

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
            List<Path> fresh = uncatalogued(page);
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
            return addPending(folderId, heads);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot catalogue {0} files of {1} ahead of tagging: {2}", page.size(), folderRoot, e.toString());
            return 0;
        }
    }

    /** The page's files without a row, less those that may be a MISSING image moved here (same byte size). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Path> uncatalogued(List<Path> page) {
        Map<String, Image> known = images.findByPaths(page);
        List<Path> fresh = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        List<Long> freshSizes = new ArrayList<>();
        for (Path file : page) {
            if (!known.containsKey(file.toString())) {
                try {
                    long size = Files.size(file);
                    fresh.add(file);
                    freshSizes.add(size);
                    sizes.add(size);
                } catch (IOException gone) {
                    LOG.log(Level.DEBUG, "not catalogued ahead: {0}: {1}", file, gone.toString());
                }
            }
        }
        if (fresh.isEmpty()) {
            return fresh;
        }
        Set<Long> missingSizes = new HashSet<>(em.createQuery(
                        "SELECT DISTINCT i.sizeBytes FROM Image i WHERE i.status = :missing AND i.sizeBytes IN :sizes", Long.class)
                .setParameter("missing", ImageStatus.MISSING)
                .setParameter("sizes", sizes.stream().distinct().toList())
                .getResultList());
        List<Path> result = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            if (!missingSizes.contains(freshSizes.get(i))) {
                result.add(fresh.get(i));
            }
        }
        return result;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int addPending(long folderId, List<Head> heads) {
        for (Head head : heads) {
            Image image = new Image(folderId, head.file());
            image.recordFile(head.sizeBytes(), head.modifiedAt(), null);
            if (head.size() != null) {
                image.recordPicture(head.size().width(), head.size().height(), head.exif());
            }
            images.add(image);
        }
        return heads.size();
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
