package org.imagetagger.catalog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.catalog.entity.ImageStatus;
import org.imagetagger.platform.DatabaseKind;

/** The image list of the API: text, tag, folder, status and taken-date filters, sorted and paged. */
@ApplicationScoped
public class ImageSearch {

    public enum Sort { NEWEST, OLDEST, PATH, RELEVANCE }

    public record Criteria(String text, List<String> allTags, List<String> anyTags, List<String> noTags,
                           Long folderId, ImageStatus status, Range taken, Sort sort, int page, int size) {

        /** The same filters with another text (null: none) and order; for search by meaning. */
        public Criteria with(String otherText, Sort otherSort) {
            return new Criteria(otherText, allTags, anyTags, noTags, folderId, status, taken, otherSort, page, size);
        }

        /** Whether anything but the text narrows the result. */
        public boolean filters() {
            return !allTags.isEmpty() || !anyTags.isEmpty() || !noTags.isEmpty() || folderId != null || status != null
                    || (taken != null && (taken.from() != null || taken.until() != null));
        }
    }

    /** When a photo was taken (EXIF, camera time): from inclusive, until exclusive; null bounds are open. */
    public record Range(LocalDateTime from, LocalDateTime until) {
    }

    public record Page(List<Image> items, long total) {
    }

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    @Inject
    DatabaseKind database;

    @Inject
    TagStore tags;

    public Page find(Criteria criteria) {
        Map<String, Object> parameters = new HashMap<>();
        boolean postgres = database.isPostgres();
        boolean tagArray = postgres && TagIdArrayFilter.available(em);
        Map<String, List<String>> families = families(criteria);
        List<String> conditions = conditions(criteria, families, parameters, postgres, tagArray);
        if (tagArray && !new TagIdArrayFilter(em).addConditions(criteria, families, conditions)) {
            return new Page(List.of(), 0);
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        TypedQuery<Image> query = em.createQuery("SELECT i FROM Image i" + where + orderBy(criteria, postgres), Image.class);
        parameters.forEach(query::setParameter);
        long offset = (long) criteria.page() * criteria.size();
        query.setFirstResult((int) offset).setMaxResults(criteria.size());
        // Tags of the whole page in one query rather than one per image (EclipseLink; Hibernate ignores the hint
        // and loads each detached image's tags on its own, see hibernate.enable_lazy_load_no_trans).
        query.setHint("eclipselink.batch", "i.tags");
        query.setHint("eclipselink.batch.type", "IN");
        List<Image> items = query.getResultList();
        // A page that is not full ends the results, so it tells the total: a narrow search needs no count query.
        if (items.size() < criteria.size() && (!items.isEmpty() || offset == 0)) {
            return new Page(items, offset + items.size());
        }
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(i) FROM Image i" + where, Long.class);
        parameters.forEach(count::setParameter);
        return new Page(items, count.getSingleResult());
    }

    /**
     * Ids of the images the criteria find, in their order, at most {@code limit}; only among {@code among} when it is
     * not null. For search by meaning ({@code org.imagetagger.similarity.control.MeaningSearch}); page and size are not used.
     */
    public List<Long> ids(Criteria criteria, java.util.Collection<Long> among, int limit) {
        if (among != null && among.isEmpty()) {
            return List.of();
        }
        Map<String, Object> parameters = new HashMap<>();
        boolean postgres = database.isPostgres();
        boolean tagArray = postgres && TagIdArrayFilter.available(em);
        Map<String, List<String>> families = families(criteria);
        List<String> conditions = conditions(criteria, families, parameters, postgres, tagArray);
        if (tagArray && !new TagIdArrayFilter(em).addConditions(criteria, families, conditions)) {
            return List.of();
        }
        if (among != null) {
            conditions.add("i.id IN :among");
            parameters.put("among", List.copyOf(among));
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        TypedQuery<Long> query = em.createQuery("SELECT i.id FROM Image i" + where + orderBy(criteria, postgres), Long.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList();
    }

    /** Every tag the criteria name, with the tags below it in a hierarchy: {@code animals} also finds {@code dog}. */
    private Map<String, List<String>> families(Criteria c) {
        java.util.Set<String> names = new java.util.HashSet<>(c.allTags());
        names.addAll(c.anyTags());
        names.addAll(c.noTags());
        return names.isEmpty() ? Map.of() : tags.withDescendants(names);
    }

    static List<String> expanded(List<String> names, Map<String, List<String>> families) {
        return names.stream().flatMap(n -> families.getOrDefault(n, List.of(n)).stream()).distinct().toList();
    }

    private static List<String> conditions(Criteria c, Map<String, List<String>> families, Map<String, Object> parameters,
                                           boolean postgres, boolean tagArray) {
        List<String> conditions = new ArrayList<>();
        if (c.folderId() != null) {
            conditions.add("i.folderId = :folderId");
            parameters.put("folderId", c.folderId());
        }
        if (c.status() != null) {
            conditions.add("i.status = :status");
            parameters.put("status", c.status());
        }
        if (c.taken() != null && c.taken().from() != null) {
            conditions.add("i.takenAt >= :takenFrom");
            parameters.put("takenFrom", c.taken().from());
        }
        if (c.taken() != null && c.taken().until() != null) {
            conditions.add("i.takenAt < :takenUntil");
            parameters.put("takenUntil", c.taken().until());
        }
        if (hasText(c)) {
            if (postgres) {
                // SQL functions of V20__portable_text_search.sql (PostgreSQL only), reached through JPA's FUNCTION
                // so that EclipseLink and Hibernate run the same query; websearch_to_tsquery syntax.
                conditions.add("FUNCTION('tagger_text_match', i.searchText, :text) = TRUE");
                parameters.put("text", c.text().strip());
            } else {
                addPortableTextConditions(c.text(), conditions, parameters);
            }
        }
        if (tagArray) {
            return conditions;
        }
        for (int n = 0; n < c.allTags().size(); n++) {
            conditions.add(hasTag("IN :all" + n));
            parameters.put("all" + n, expanded(List.of(c.allTags().get(n)), families));
        }
        if (!c.anyTags().isEmpty()) {
            conditions.add(hasTag("IN :anyTags"));
            parameters.put("anyTags", expanded(c.anyTags(), families));
        }
        if (!c.noTags().isEmpty()) {
            conditions.add("NOT " + hasTag("IN :noTags"));
            parameters.put("noTags", expanded(c.noTags(), families));
        }
        return conditions;
    }

    private static String hasTag(String nameCondition) {
        return "EXISTS (SELECT i2.id FROM Image i2 JOIN i2.tags a2 WHERE i2.id = i.id AND a2.tag.name " + nameCondition + ")";
    }

    /** The embedded database's stand-in: every word must occur in the search text, every -word must not. */
    private static void addPortableTextConditions(String text, List<String> conditions, Map<String, Object> parameters) {
        int n = 0;
        for (String word : text.strip().toLowerCase(Locale.ROOT).split("\\s+")) {
            boolean excluded = word.startsWith("-") && word.length() > 1;
            String term = (excluded ? word.substring(1) : word).replace("\"", "");
            if (term.isEmpty()) {
                continue;
            }
            conditions.add((excluded ? "NOT " : "") + "LOWER(i.searchText) LIKE :word" + n);
            parameters.put("word" + n++, "%" + term + "%");
        }
    }

    private static boolean hasText(Criteria c) {
        return c.text() != null && !c.text().isBlank();
    }

    private static String orderBy(Criteria c, boolean postgres) {
        return switch (c.sort()) {
            case OLDEST -> " ORDER BY COALESCE(i.takenAt, i.modifiedAt) ASC, i.id ASC";
            case PATH -> " ORDER BY i.path ASC, i.id ASC";
            case RELEVANCE -> postgres && hasText(c)
                    ? " ORDER BY FUNCTION('tagger_text_rank', i.searchText, :text) DESC, i.id DESC"
                    : " ORDER BY COALESCE(i.takenAt, i.modifiedAt) DESC, i.id DESC";
            case NEWEST -> " ORDER BY COALESCE(i.takenAt, i.modifiedAt) DESC, i.id DESC";
        };
    }
}
