package org.imagetagger.catalog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.function.Function;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.catalog.entity.ImageStatus;

/** Images of the catalog; joins the caller's transaction (a chunk's, or a request's). */
@ApplicationScoped
public class ImageStore {

    /** What the catalog remembers of a file, enough to tell whether it changed without reading it. */
    public record FileState(long sizeBytes, LocalDateTime modifiedAt, ImageStatus status) {
    }

    private static final int VANISHED_PAGE = 2000;

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    public Optional<Image> find(long id) {
        return Optional.ofNullable(em.find(Image.class, id));
    }

    public Optional<Image> findByPath(Path file) {
        return em.createNamedQuery(Image.BY_PATH, Image.class).setParameter("path", file.toString())
                .getResultStream().findFirst();
    }

    /** The catalogued images at these paths, by path: one query for a whole chunk. */
    public Map<String, Image> findByPaths(Collection<Path> files) {
        if (files.isEmpty()) {
            return new HashMap<>();
        }
        return em.createNamedQuery(Image.BY_PATHS, Image.class)
                .setParameter("paths", files.stream().map(Path::toString).toList())
                .getResultStream()
                .collect(Collectors.toMap(Image::getPath, Function.identity(), (a, b) -> a, HashMap::new));
    }

    public Image add(Image image) {
        em.persist(image);
        return image;
    }

    /** Described images (tagged, or missing since) with exactly this content: candidates to copy or move. */
    public List<Image> withContent(String checksum, long sizeBytes) {
        return em.createNamedQuery(Image.WITH_CONTENT, Image.class)
                .setParameter("checksum", checksum)
                .setParameter("sizeBytes", sizeBytes)
                .setParameter("statuses", List.of(ImageStatus.TAGGED, ImageStatus.MISSING))
                .getResultList();
    }

    /** Marks the folder's images whose file is gone MISSING; returns how many. Reads ids and paths only. */
    @Transactional
    public int markVanished(long folderId) {
        int count = 0;
        String after = "";
        // Page by path, so that a folder of a million images never sits in memory at once.
        for (boolean more = true; more; ) {
            List<Object[]> page = em.createNamedQuery(Image.PRESENT_IN_FOLDER, Object[].class)
                    .setParameter("folderId", folderId)
                    .setParameter("missing", ImageStatus.MISSING)
                    .setParameter("after", after)
                    .setMaxResults(VANISHED_PAGE)
                    .getResultList();
            more = page.size() == VANISHED_PAGE;
            if (!page.isEmpty()) {
                after = (String) page.get(page.size() - 1)[1];
            }
            for (Object[] row : page) {
                if (!Files.exists(Path.of((String) row[1]))) {
                    em.find(Image.class, (Long) row[0]).markMissing();
                    count++;
                }
            }
        }
        return count;
    }

    /** Marks the images at these paths MISSING where the file is gone; returns how many. */
    @Transactional
    public int markVanished(Collection<Path> files) {
        int count = 0;
        for (Path file : files) {
            if (!Files.exists(file)) {
                Optional<Image> image = findByPath(file).filter(i -> i.getStatus() != ImageStatus.MISSING);
                image.ifPresent(Image::markMissing);
                count += image.isPresent() ? 1 : 0;
            }
        }
        return count;
    }

    /** One query per directory: a scan of a million files asks the database once per folder, not per file. */
    public Map<String, FileState> fileStatesIn(Path directory) {
        Map<String, FileState> states = new HashMap<>();
        em.createQuery("SELECT i.fileName, i.sizeBytes, i.modifiedAt, i.status FROM Image i WHERE i.directory = :directory",
                        Object[].class)
                .setParameter("directory", directory.toString())
                .getResultStream()
                .forEach(row -> states.put((String) row[0],
                        new FileState((Long) row[1], (LocalDateTime) row[2], (ImageStatus) row[3])));
        return states;
    }

    /**
     * How many of a folder's images are FAILED, and how many of those have had fewer than {@code maxAttempts} tries.
     * In a transaction: a non-transactional query in the request thread that then starts a job left that job's
     * planning with a closed EntityManager on Payara.
     */
    @Transactional
    public FailedCount failedCount(long folderId, int maxAttempts) {
        Object[] row = em.createQuery("SELECT COUNT(i), SUM(CASE WHEN i.attempts < :maxAttempts THEN 1 ELSE 0 END) FROM Image i"
                        + " WHERE i.folderId = :folderId AND i.status = org.imagetagger.catalog.entity.ImageStatus.FAILED", Object[].class)
                .setParameter("folderId", folderId)
                .setParameter("maxAttempts", maxAttempts)
                .getSingleResult();
        return new FailedCount(((Number) row[0]).longValue(), row[1] == null ? 0 : ((Number) row[1]).longValue());
    }

    public record FailedCount(long failed, long retryable) {
    }

    /** A folder's FAILED images worth another try, in path order, after the given path (for paging a restart). */
    public List<String> retryablePaths(long folderId, int maxAttempts, String after, int limit) {
        return em.createNamedQuery(Image.RETRYABLE_PATHS_OF_FOLDER, String.class)
                .setParameter("folderId", folderId)
                .setParameter("maxAttempts", maxAttempts)
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * A folder's TAGGED images asked another question than {@code fingerprint} (another model, prompt or
     * profile, or before fingerprints were kept), in path order after the given path: what a {@code stale} scan
     * asks again.
     */
    public List<String> pathsWithStaleFingerprint(long folderId, String fingerprint, String after, int limit) {
        return em.createNamedQuery(Image.STALE_PATHS_OF_FOLDER, String.class)
                .setParameter("folderId", folderId)
                .setParameter("fingerprint", fingerprint)
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList();
    }

    /** How many images {@link #pathsWithStaleFingerprint} finds in the folder. */
    public long countWithStaleFingerprint(long folderId, String fingerprint) {
        return em.createNamedQuery(Image.STALE_COUNT_OF_FOLDER, Long.class)
                .setParameter("folderId", folderId)
                .setParameter("fingerprint", fingerprint)
                .getSingleResult();
    }

    /** The vision server's mean time for the folder's images, from the timings it reported; null when none did. */
    public Double meanServerMillis(long folderId) {
        return em.createQuery("SELECT AVG(i.serverMillis) FROM Image i WHERE i.folderId = :folderId AND i.serverMillis IS NOT NULL",
                        Double.class)
                .setParameter("folderId", folderId)
                .getSingleResult();
    }

    public Map<ImageStatus, Long> countByStatus() {
        Map<ImageStatus, Long> counts = new HashMap<>();
        for (ImageStatus status : ImageStatus.values()) {
            counts.put(status, 0L);
        }
        em.createQuery("SELECT i.status, COUNT(i) FROM Image i GROUP BY i.status", Object[].class)
                .getResultStream()
                .forEach(row -> counts.put((ImageStatus) row[0], ((Number) row[1]).longValue()));
        return counts;
    }
}
