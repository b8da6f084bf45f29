package org.imagetagger.catalog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imagetagger.catalog.entity.Folder;
import org.imagetagger.catalog.entity.ImageStatus;

@ApplicationScoped
@Transactional
public class FolderStore {

    /** Per folder and status, how many images it has. */
    public record Counts(long images, long tagged, long failed) {
        public static final Counts NONE = new Counts(0, 0, 0);
    }

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    public List<Folder> all() {
        return em.createNamedQuery(Folder.ALL, Folder.class).getResultList();
    }

    public Optional<Folder> find(long id) {
        return Optional.ofNullable(em.find(Folder.class, id));
    }

    public Optional<Folder> findByPath(String path) {
        return em.createNamedQuery(Folder.BY_PATH, Folder.class).setParameter("path", path)
                .getResultStream().findFirst();
    }

    public Folder add(Folder folder) {
        em.persist(folder);
        return folder;
    }

    public Folder update(long id, Boolean recursive, Boolean active) {
        Folder folder = em.find(Folder.class, id);
        if (folder != null) {
            if (recursive != null) {
                folder.setRecursive(recursive);
            }
            if (active != null) {
                folder.setActive(active);
            }
        }
        return folder;
    }

    /** The database removes the folder's images and their tag links with it (ON DELETE CASCADE). */
    public boolean remove(long id) {
        return em.createQuery("DELETE FROM Folder f WHERE f.id = :id").setParameter("id", id).executeUpdate() > 0;
    }

    public Map<Long, Counts> counts() {
        List<Object[]> rows = em.createQuery(
                "SELECT i.folderId, i.status, COUNT(i) FROM Image i GROUP BY i.folderId, i.status", Object[].class)
                .getResultList();
        Map<Long, long[]> sums = new HashMap<>();
        for (Object[] row : rows) {
            long[] sum = sums.computeIfAbsent((Long) row[0], k -> new long[3]);
            long n = ((Number) row[2]).longValue();
            sum[0] += n;
            if (row[1] == ImageStatus.TAGGED) {
                sum[1] += n;
            } else if (row[1] == ImageStatus.FAILED) {
                sum[2] += n;
            }
        }
        Map<Long, Counts> counts = new HashMap<>();
        sums.forEach((id, s) -> counts.put(id, new Counts(s[0], s[1], s[2])));
        return counts;
    }

    public Counts countsOf(long folderId) {
        return counts().getOrDefault(folderId, Counts.NONE);
    }
}
