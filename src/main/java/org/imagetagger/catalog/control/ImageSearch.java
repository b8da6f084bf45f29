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

    /** @param after where a keyset page starts (then {@code page} is not used), or null for offset paging */
    public record Criteria(String text, List<String> allTags, List<String> anyTags, List<String> noTags,
                           Long folderId, ImageStatus status, Range taken, Sort sort, int page, int size, PageCursor after) {

        public Criteria(String text, List<String> allTags, List<String> anyTags, List<String> noTags,
                        Long folderId, ImageStatus status, Range taken, Sort sort, int page, int size) {
            this(text, allTags, anyTags, noTags, folderId, status, taken, sort, page, size, null);
        }

        /** The same filters with another text (null: none) and order; for search by meaning. */
        public Criteria with(String otherText, Sort otherSort) {
            return new Criteria(otherText, allTags, anyTags, noTags, folderId, status, taken, otherSort, page, size, after);
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

    /** @param nextCursor where the next keyset page starts; null when this page ends the results or the sort has no keyset */
    public record Page(List<Image> items, long total, String nextCursor) {

        public Page(List<Image> items, long total) {
            this(items, total, null);
        }
    }

    /** How many images of the results lie in one month of the timeline, and the cursor that jumps there. */
    public record Month(int year, int month, long count, String cursor) {
    }

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    @Inject
    DatabaseKind database;

    @Inject
    TagStore tags;

    public Page find(Criteria criteria) {
        Filter filter = filter(criteria);
        if (filter == null) {
            return new Page(List.of(), 0);
        }
        boolean postgres = filter.postgres();
        SearchWords words = filter.words();
        Map<String, Object> parameters = filter.parameters();
        String where = filter.where();
        Sort keyset = keysetSort(criteria.sort(), words);
        String pageWhere = where;
        Map<String, Object> pageParameters = new HashMap<>(parameters);
        if (criteria.after() != null) {
            if (keyset == null || criteria.after().sort() != keyset) {
                throw new IllegalArgumentException("this cursor belongs to another sort order; 'after' pages sort=newest, oldest or path"
                        + " (relevance only through 'page')");
            }
            pageWhere = (where.isEmpty() ? " WHERE " : where + " AND ") + afterCondition(keyset);
            pageParameters.put("afterKey", criteria.after().keyValue());
            pageParameters.put("afterId", criteria.after().id());
        }
        TypedQuery<Image> query = em.createQuery("SELECT i FROM Image i" + pageWhere + orderBy(criteria, words, postgres), Image.class);
        if (postgres && words.hasText() && criteria.sort() == Sort.RELEVANCE) {
            pageParameters.put("text", words.text());
        }
        pageParameters.forEach(query::setParameter);
        long offset = criteria.after() != null ? 0 : (long) criteria.page() * criteria.size();
        query.setFirstResult((int) offset).setMaxResults(criteria.size());
        // Tags of the whole page in one query rather than one per image (EclipseLink; Hibernate ignores the hint
        // and loads each detached image's tags on its own, see hibernate.enable_lazy_load_no_trans).
        query.setHint("eclipselink.batch", "i.tags");
        query.setHint("eclipselink.batch.type", "IN");
        List<Image> items = query.getResultList();
        String next = keyset != null && items.size() == criteria.size()
                ? PageCursor.after(keyset, items.get(items.size() - 1)).encode() : null;
        // A page that is not full ends the results, so it tells the total: a narrow search needs no count query.
        if (criteria.after() == null && items.size() < criteria.size() && (!items.isEmpty() || offset == 0)) {
            return new Page(items, offset + items.size(), next);
        }
        if (criteria.after() != null) {
            // Keyset pages of one list follow each other within seconds: its total is counted once, not per page.
            String key = where + new java.util.TreeMap<>(parameters);
            long now = System.currentTimeMillis();
            CountedTotal known = afterTotals.get(key);
            if (known != null && now - known.atMillis() < AFTER_TOTAL_MILLIS) {
                return new Page(items, known.total(), next);
            }
            long total = count(where, parameters);
            if (afterTotals.size() > 256) {
                afterTotals.clear();
            }
            afterTotals.put(key, new CountedTotal(total, now));
            return new Page(items, total, next);
        }
        return new Page(items, count(where, parameters), next);
    }

    private record CountedTotal(long total, long atMillis) {
    }

    /** How long the total of a list stays valid for its keyset pages ({@code after=}). */
    private static final long AFTER_TOTAL_MILLIS = 10_000;
    private final Map<String, CountedTotal> afterTotals = new java.util.concurrent.ConcurrentHashMap<>();

    private long count(String where, Map<String, Object> parameters) {
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(i) FROM Image i" + where, Long.class);
        parameters.forEach(count::setParameter);
        return count.getSingleResult();
    }

    /**
     * The results per month of the timeline (taken date, else file time), newest month first (oldest first for
     * {@code sort=oldest}), each with the cursor of its first image in that order; paging is not used.
     */
    public List<Month> timeline(Criteria criteria) {
        Filter filter = filter(criteria);
        if (filter == null) {
            return List.of();
        }
        Map<String, Object> parameters = filter.parameters();
        String where = filter.where();
        String year = "EXTRACT(YEAR FROM " + TIME + ")";
        String month = "EXTRACT(MONTH FROM " + TIME + ")";
        TypedQuery<Object[]> query = em.createQuery("SELECT " + year + ", " + month + ", COUNT(i) FROM Image i" + where
                + " GROUP BY " + year + ", " + month, Object[].class);
        parameters.forEach(query::setParameter);
        Sort order = criteria.sort() == Sort.OLDEST ? Sort.OLDEST : Sort.NEWEST;
        java.util.Comparator<Month> byTime = java.util.Comparator.comparingInt(Month::year).thenComparingInt(Month::month);
        return query.getResultList().stream()
                .filter(row -> row[0] != null && row[1] != null)
                .map(row -> {
                    int y = ((Number) row[0]).intValue();
                    int m = ((Number) row[1]).intValue();
                    return new Month(y, m, ((Number) row[2]).longValue(), PageCursor.atMonth(order, y, m).encode());
                })
                .sorted(order == Sort.OLDEST ? byTime : byTime.reversed())
                .toList();
    }

    /** The timeline's time of an image: taken, else the file's time (the same as sort=newest). */
    private static final String TIME = "COALESCE(i.takenAt, i.modifiedAt)";

    /** The sort a cursor can page, or null (relevance of a text search has no stable key). */
    static Sort keysetSort(Sort sort, SearchWords words) {
        return switch (sort) {
            case NEWEST, OLDEST, PATH -> sort;
            case RELEVANCE -> words.hasText() ? null : Sort.NEWEST;
        };
    }

    /** The bound on the key alone comes first, so that the database starts reading the (V81) index there. */
    private static String afterCondition(Sort sort) {
        return switch (sort) {
            case NEWEST -> TIME + " <= :afterKey AND (" + TIME + " < :afterKey OR i.id < :afterId)";
            case OLDEST -> TIME + " >= :afterKey AND (" + TIME + " > :afterKey OR i.id > :afterId)";
            case PATH -> "i.path >= :afterKey AND (i.path > :afterKey OR i.id > :afterId)";
            case RELEVANCE -> throw new IllegalStateException("relevance has no keyset");
        };
    }

    /**
     * Ids of the images the criteria find, in their order, at most {@code limit}; only among {@code among} when it is
     * not null. For search by meaning ({@code org.imagetagger.similarity.control.MeaningSearch}); page and size are not used.
     */
    public List<Long> ids(Criteria criteria, java.util.Collection<Long> among, int limit) {
        if (among != null && among.isEmpty()) {
            return List.of();
        }
        Filter filter = filter(criteria);
        if (filter == null) {
            return List.of();
        }
        Map<String, Object> parameters = filter.parameters();
        String where = filter.where();
        if (among != null) {
            where = (where.isEmpty() ? " WHERE " : where + " AND ") + "i.id IN :among";
            parameters.put("among", List.copyOf(among));
        }
        TypedQuery<Long> query = em.createQuery("SELECT i.id FROM Image i" + where + orderBy(criteria, filter.words(), filter.postgres()), Long.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList();
    }

    /** The WHERE clause of the criteria (empty or starting with a space) with its parameters. */
    private record Filter(String where, Map<String, Object> parameters, SearchWords words, boolean postgres) {
    }

    /** The criteria as a WHERE clause, or null when no image can match them (a required tag that does not exist). */
    private Filter filter(Criteria criteria) {
        Map<String, Object> parameters = new HashMap<>();
        boolean postgres = database.isPostgres();
        boolean tagArray = postgres && TagIdArrayFilter.available(em);
        TagStore.Families families = families(criteria);
        SearchWords words = SearchWords.parse(criteria.text());
        List<String> conditions = conditions(criteria, words, families.names(), parameters, postgres, tagArray);
        if (tagArray && !TagIdArrayFilter.addConditions(criteria, families, conditions, parameters)) {
            return null;
        }
        return new Filter(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), parameters, words, postgres);
    }

    /** Every tag the criteria name, with the tags below it in a hierarchy: {@code animals} also finds {@code dog}. */
    private TagStore.Families families(Criteria c) {
        java.util.Set<String> names = new java.util.HashSet<>(c.allTags());
        names.addAll(c.anyTags());
        names.addAll(c.noTags());
        return names.isEmpty() ? TagStore.Families.NONE : tags.withDescendants(names);
    }

    static List<String> expanded(List<String> names, Map<String, List<String>> families) {
        return names.stream().flatMap(n -> families.getOrDefault(n, List.of(n)).stream()).distinct().toList();
    }

    private static List<String> conditions(Criteria c, SearchWords words, Map<String, List<String>> families,
                                           Map<String, Object> parameters, boolean postgres, boolean tagArray) {
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
        if (!words.dates().isEmpty()) {
            List<String> anyMonth = new ArrayList<>();
            for (int n = 0; n < words.dates().size(); n++) {
                anyMonth.add("(" + TIME + " >= :dateFrom" + n + " AND " + TIME + " < :dateUntil" + n + ")");
                parameters.put("dateFrom" + n, words.dates().get(n).from());
                parameters.put("dateUntil" + n, words.dates().get(n).until());
            }
            conditions.add("(" + String.join(" OR ", anyMonth) + ")");
        }
        if (words.hasText()) {
            if (postgres) {
                // SQL functions of V20__portable_text_search.sql (PostgreSQL only), reached through JPA's FUNCTION
                // so that EclipseLink and Hibernate run the same query; websearch_to_tsquery syntax. Or: every plain
                // word in a name, part or typo (V80's trigram index; tagger_name_match).
                String names = "";
                for (int n = 0; n < words.nameWords().size(); n++) {
                    names += (n == 0 ? "" : " AND ") + "FUNCTION('tagger_name_match', i.fileName, i.directory, i.cameraMake, i.cameraModel,"
                            + " i.lens, :namePattern" + n + ", :nameWord" + n + ") = TRUE";
                    parameters.put("namePattern" + n, SearchWords.containing(words.nameWords().get(n)));
                    parameters.put("nameWord" + n, words.nameWords().get(n));
                }
                conditions.add(names.isEmpty() ? "FUNCTION('tagger_text_match', i.searchText, :text) = TRUE"
                        : "(FUNCTION('tagger_text_match', i.searchText, :text) = TRUE OR (" + names + "))");
                parameters.put("text", words.text());
            } else {
                addPortableTextConditions(words.text(), conditions, parameters);
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

    /**
     * The embedded database's stand-in: every word must occur in the search text or a name (file, folder, camera,
     * lens), every -word must not occur in the search text.
     */
    private static void addPortableTextConditions(String text, List<String> conditions, Map<String, Object> parameters) {
        int n = 0;
        for (String word : text.strip().toLowerCase(Locale.ROOT).split("\\s+")) {
            boolean excluded = word.startsWith("-") && word.length() > 1;
            String term = (excluded ? word.substring(1) : word).replace("\"", "");
            if (term.isEmpty()) {
                continue;
            }
            String like = " LIKE :word" + n;
            conditions.add(excluded ? "NOT LOWER(i.searchText)" + like
                    : "(LOWER(i.searchText)" + like + " OR LOWER(i.fileName)" + like + " OR LOWER(i.directory)" + like
                      + " OR LOWER(i.cameraMake)" + like + " OR LOWER(i.cameraModel)" + like + " OR LOWER(i.lens)" + like + ")");
            parameters.put("word" + n++, "%" + term + "%");
        }
    }

    private static String orderBy(Criteria c, SearchWords words, boolean postgres) {
        return switch (c.sort()) {
            case OLDEST -> " ORDER BY COALESCE(i.takenAt, i.modifiedAt) ASC, i.id ASC";
            case PATH -> " ORDER BY i.path ASC, i.id ASC";
            case RELEVANCE -> postgres && words.hasText()
                    ? " ORDER BY FUNCTION('tagger_text_rank', i.searchText, :text) DESC, i.id DESC"
                    : " ORDER BY COALESCE(i.takenAt, i.modifiedAt) DESC, i.id DESC";
            case NEWEST -> " ORDER BY COALESCE(i.takenAt, i.modifiedAt) DESC, i.id DESC";
        };
    }
}
