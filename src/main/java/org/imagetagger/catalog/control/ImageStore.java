package org.imagetagger.catalog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.file.Path;
import java.time.LocalDateTime;
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

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    public Optional<Image> find(long id) {
        return Optional.ofNullable(em.find(Image.class, id));
    }

    public Optional<Image> findByPath(Path file) {
        return em.createNamedQuery(Image.BY_PATH, Image.class).setParameter("path", file.toString())
                .getResultStream().findFirst();
    }

    public Image add(Image image) {
        em.persist(image);
        return image;
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

    /** A folder's FAILED images worth another try, in path order, after the given path (for paging a restart). */
    public List<String> retryablePaths(long folderId, int maxAttempts, String after, int limit) {
        return em.createNamedQuery(Image.RETRYABLE_PATHS_OF_FOLDER, String.class)
                .setParameter("folderId", folderId)
                .setParameter("maxAttempts", maxAttempts)
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList();
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
