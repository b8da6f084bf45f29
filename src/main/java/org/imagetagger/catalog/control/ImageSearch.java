package org.imagetagger.catalog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.catalog.entity.ImageStatus;

/** The image list of the API: text, tag, folder and status filters, sorted and paged. */
@ApplicationScoped
public class ImageSearch {

    public enum Sort { NEWEST, OLDEST, PATH, RELEVANCE }

    public record Criteria(String text, List<String> allTags, List<String> anyTags, List<String> noTags,
                           Long folderId, ImageStatus status, Sort sort, int page, int size) {
    }

    public record Page(List<Image> items, long total) {
    }

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    public Page find(Criteria criteria) {
        Map<String, Object> parameters = new HashMap<>();
        String where = where(criteria, parameters);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(i) FROM Image i" + where, Long.class);
        parameters.forEach(count::setParameter);
        long total = count.getSingleResult();

        TypedQuery<Image> query = em.createQuery("SELECT i FROM Image i" + where + orderBy(criteria.sort()), Image.class);
        parameters.forEach(query::setParameter);
        query.setFirstResult(criteria.page() * criteria.size()).setMaxResults(criteria.size());
        // Tags of the whole page in one query rather than one per image.
        query.setHint("eclipselink.batch", "i.tags");
        query.setHint("eclipselink.batch.type", "IN");
        return new Page(query.getResultList(), total);
    }

    private static String where(Criteria c, Map<String, Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (c.folderId() != null) {
            conditions.add("i.folderId = :folderId");
            parameters.put("folderId", c.folderId());
        }
        if (c.status() != null) {
            conditions.add("i.status = :status");
            parameters.put("status", c.status());
        }
        if (c.text() != null && !c.text().isBlank()) {
            conditions.add("(LOWER(i.description) LIKE :text OR LOWER(i.fileName) LIKE :text OR " + hasTag("LIKE :text") + ")");
            parameters.put("text", "%" + c.text().strip().toLowerCase(Locale.ROOT) + "%");
        }
        for (int n = 0; n < c.allTags().size(); n++) {
            conditions.add(hasTag("= :all" + n));
            parameters.put("all" + n, c.allTags().get(n));
        }
        if (!c.anyTags().isEmpty()) {
            conditions.add(hasTag("IN :anyTags"));
            parameters.put("anyTags", c.anyTags());
        }
        if (!c.noTags().isEmpty()) {
            conditions.add("NOT " + hasTag("IN :noTags"));
            parameters.put("noTags", c.noTags());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static String hasTag(String nameCondition) {
        return "EXISTS (SELECT i2.id FROM Image i2 JOIN i2.tags a2 WHERE i2.id = i.id AND a2.tag.name " + nameCondition + ")";
    }

    private static String orderBy(Sort sort) {
        return switch (sort) {
            case OLDEST -> " ORDER BY COALESCE(i.takenAt, i.modifiedAt) ASC, i.id ASC";
            case PATH -> " ORDER BY i.path ASC, i.id ASC";
            case NEWEST, RELEVANCE -> " ORDER BY COALESCE(i.takenAt, i.modifiedAt) DESC, i.id DESC";
        };
    }
}
