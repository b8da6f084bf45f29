package org.imagetagger.comparison.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import org.imagetagger.catalog.entity.ImageStatus;
import org.imagetagger.comparison.entity.ComparisonResult;

/** The sample a comparison asks about and the answers it keeps. Joins the caller's transaction. */
@ApplicationScoped
public class ComparisonStore {

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    /**
     * Up to {@code size} of the folder's tagged images, spread evenly over them in path order, so that a sample
     * of a library sorted by date or event covers all of it, and the same folder gives the same sample.
     */
    public List<Long> sample(long folderId, int size) {
        List<Long> ids = em.createQuery("SELECT i.id FROM Image i WHERE i.folderId = :folderId AND i.status = :tagged"
                        + " ORDER BY i.path", Long.class)
                .setParameter("folderId", folderId)
                .setParameter("tagged", ImageStatus.TAGGED)
                .getResultList();
        return spread(ids, size);
    }

    static List<Long> spread(List<Long> ids, int size) {
        if (ids.size() <= size) {
            return List.copyOf(ids);
        }
        List<Long> sample = new ArrayList<>(size);
        for (int n = 0; n < size; n++) {
            sample.add(ids.get((int) ((long) n * ids.size() / size)));
        }
        return sample;
    }

    public void add(ComparisonResult result) {
        em.persist(result);
    }

    public List<ComparisonResult> results(long executionId) {
        return em.createNamedQuery(ComparisonResult.OF_EXECUTION, ComparisonResult.class)
                .setParameter("executionId", executionId)
                .getResultList();
    }
}
