package org.imagetagger.catalog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.imagetagger.catalog.entity.Tag;

@ApplicationScoped
public class TagStore {

    private static final System.Logger LOG = System.getLogger(TagStore.class.getName());

    /** A tag and how many images carry it. */
    public record TagCount(String name, long count) {
    }

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    @Inject
    TagCreator creator;

    /** The tags of these names, in the given order, creating the missing ones. Joins the caller's transaction. */
    public List<Tag> resolve(Collection<String> names) {
        Map<String, Tag> known = resolveAll(names);
        return names.stream().map(known::get).toList();
    }

    /** The tags of these names by name, creating the missing ones: one query for a whole chunk's tags. */
    public Map<String, Tag> resolveAll(Collection<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<String, Tag> known = byName(names);
        for (String name : names) {
            if (!known.containsKey(name)) {
                try {
                    creator.create(name);
                } catch (RuntimeException concurrentlyCreated) {
                    LOG.log(Level.DEBUG, "tag {0} was created concurrently", name);
                }
            }
        }
        if (!known.keySet().containsAll(names)) {
            known = byName(names);
        }
        for (String name : names) {
            if (!known.containsKey(name)) {
                throw new IllegalStateException("tag '" + name + "' could neither be created nor found");
            }
        }
        return known;
    }

    /**
     * Gives keywords their place in a hierarchy ({@code [animals, dog]}: tag {@code dog} under {@code animals}),
     * creating the tags of every level; a keyword placed elsewhere before moves. Joins the caller's transaction.
     */
    public void place(Collection<List<String>> paths) {
        Set<String> names = new HashSet<>();
        paths.forEach(names::addAll);
        Map<String, Tag> known = resolveAll(names);
        for (List<String> path : paths) {
            for (int depth = 2; depth <= path.size(); depth++) {
                known.get(path.get(depth - 1)).placeAt(path.subList(0, depth));
            }
        }
    }

    /** Each name with the names of the tags below it in a hierarchy: a search for a parent finds its children. */
    /**
     * Tag names, each with the names below it in a hierarchy ({@code animals}: {@code animals}, {@code animals/dog}),
     * and the ids of those that exist.
     */
    public record Families(Map<String, List<String>> names, Map<String, Long> ids) {
        public static final Families NONE = new Families(Map.of(), Map.of());
    }

    /** One query per name: the tag itself and those below it, with their ids. */
    public Families withDescendants(Collection<String> names) {
        Map<String, List<String>> families = new HashMap<>();
        Map<String, Long> ids = new HashMap<>();
        for (String name : names) {
            String escaped = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            List<String> family = new ArrayList<>();
            family.add(name);
            List<String> below = new ArrayList<>();
            em.createNamedQuery(Tag.FAMILY, Object[].class)
                    .setParameter("name", name)
                    .setParameter("topPrefix", escaped + Tag.SEPARATOR + "%")
                    .setParameter("innerPrefix", "%" + Tag.SEPARATOR + escaped + Tag.SEPARATOR + "%")
                    .getResultStream().forEach(row -> {
                        ids.put((String) row[0], ((Number) row[1]).longValue());
                        if (!row[0].equals(name)) {
                            below.add((String) row[0]);
                        }
                    });
            below.stream().sorted().forEach(family::add);
            families.put(name, List.copyOf(family));
        }
        return new Families(families, ids);
    }

    public List<TagCount> counts(String prefix, int limit) {
        String pattern = prefix == null ? "%" : prefix.toLowerCase(java.util.Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%";
        return em.createQuery("""
                SELECT t.name, COUNT(i) FROM Image i JOIN i.tags a JOIN a.tag t
                WHERE t.name LIKE :pattern ESCAPE '\\'
                GROUP BY t.name ORDER BY COUNT(i) DESC, t.name""", Object[].class)
                .setParameter("pattern", pattern)
                .setMaxResults(limit)
                .getResultStream()
                .map(row -> new TagCount((String) row[0], ((Number) row[1]).longValue()))
                .toList();
    }

    public long countDistinct() {
        return em.createQuery("SELECT COUNT(DISTINCT a.tag) FROM Image i JOIN i.tags a", Long.class).getSingleResult();
    }

    private Map<String, Tag> byName(Collection<String> names) {
        return em.createNamedQuery(Tag.BY_NAMES, Tag.class).setParameter("names", names).getResultStream()
                .collect(Collectors.toMap(Tag::getName, Function.identity()));
    }
}
