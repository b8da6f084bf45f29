package org.imagetagger.catalog.control;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one provider-specific piece of the search (issue 9): PostgreSQL's tag-id array is not mapped, so only
 * EclipseLink's {@code SQL()} operator reaches it from JPQL. Under another provider (Hibernate on WildFly)
 * {@link ImageSearch} filters tags with its portable {@code EXISTS} query instead: same results, without the
 * array's speed-up. CatalogApiIT runs the tag filters on both servers.
 */
final class TagIdArrayFilter {

    private TagIdArrayFilter() {
    }

    /** Whether this provider can reach the array: EclipseLink, whose classes stand behind the entity manager. */
    static boolean available(EntityManager em) {
        return em.getDelegate().getClass().getName().startsWith("org.eclipse.persistence.");
    }

    /**
     * PostgreSQL: tag filters on the images' own tag-id array (V30__image_tag_ids.sql, kept by a trigger), so
     * the GIN indexes of tags and text meet in one bitmap instead of a join per tag. The ids come with the names
     * ({@link TagStore#withDescendants}); they are bound as array parameters, so the query's text depends only on which filters are used and
     * EclipseLink's parsed-query cache and the driver's prepared statements serve every tag alike. False when no
     * image can match (a required tag that does not exist).
     */
    static boolean addConditions(ImageSearch.Criteria c, TagStore.Families tagFamilies, List<String> conditions,
                                 Map<String, Object> parameters) {
        Map<String, List<String>> families = tagFamilies.names();
        Map<String, Long> ids = tagFamilies.ids();
        if (families.isEmpty()) {
            return true;
        }
        // A tag with tags below it in a hierarchy is any one of them; plain tags are all required in one @>.
        List<String> plain = c.allTags().stream().filter(n -> families.getOrDefault(n, List.of(n)).size() == 1).toList();
        if (!plain.isEmpty()) {
            if (!ids.keySet().containsAll(plain)) {
                return false;
            }
            conditions.add(arrayCondition("tag_ids @> CAST(? AS bigint[])", "allTagIds", idArray(plain, ids), parameters));
        }
        int family = 0;
        for (String parent : c.allTags()) {
            if (families.getOrDefault(parent, List.of(parent)).size() > 1) {
                conditions.add(arrayCondition("tag_ids && CAST(? AS bigint[])", "familyTagIds" + family++,
                        idArray(families.get(parent), ids), parameters));
            }
        }
        if (!c.anyTags().isEmpty()) {
            String any = idArray(ImageSearch.expanded(c.anyTags(), families), ids);
            if (any.equals("{}")) {
                return false;
            }
            conditions.add(arrayCondition("tag_ids && CAST(? AS bigint[])", "anyTagIds", any, parameters));
        }
        String none = idArray(ImageSearch.expanded(c.noTags(), families), ids);
        if (!none.equals("{}")) {
            conditions.add(arrayCondition("NOT (tag_ids && CAST(? AS bigint[]))", "noTagIds", none, parameters));
        }
        return true;
    }

    private static String arrayCondition(String sql, String parameter, String array, Map<String, Object> parameters) {
        parameters.put(parameter, array);
        return "SQL('" + sql + "', :" + parameter + ")";
    }

    /** A PostgreSQL array literal of the known tags' ids, e.g. {@code {20,40}}. */
    private static String idArray(List<String> names, Map<String, Long> ids) {
        return names.stream().map(ids::get).filter(Objects::nonNull).distinct().map(String::valueOf)
                .collect(Collectors.joining(",", "{", "}"));
    }

}
