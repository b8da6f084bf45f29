package org.imagetagger.similarity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.imagetagger.catalog.control.ImageSearch;
import org.imagetagger.catalog.entity.Image;

/**
 * {@code q} by meaning (CONTRACT §3 {@code match}): the nearest embeddings to the search text's, alone
 * ({@code meaning}) or fused with the full-text ranking by {@link RankFusion} (the default). The other filters
 * narrow the candidates first when they are selective ({@link #PREFILTER_UP_TO} images at most: only those are
 * scored), else they are applied to the nearest; either way the filters are ImageSearch's own. Each ranking is cut
 * at {@link #DEPTH} (or the end of the page asked, if further); the order is deterministic, so paging is stable.
 * Empty when search by meaning cannot answer (off, model missing, index not loaded, server down): words then.
 */
@ApplicationScoped
public class MeaningSearch {

    public enum Match {
        WORDS, MEANING, BOTH;

        /** {@code words}, {@code meaning}, or null/blank/{@code both} for both. */
        public static Match parse(String value) {
            if (value == null || value.isBlank()) {
                return BOTH;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    static final int DEPTH = 200;
    static final int PREFILTER_UP_TO = 20_000;

    @Inject
    ImageSearch search;

    @Inject
    ImageEmbeddings embeddings;

    @Inject
    VectorIndexSync sync;

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    @jakarta.annotation.Resource
    jakarta.enterprise.concurrent.ManagedExecutorService executor;

    /** Cosine below which an image is not found by meaning (nor shown as similar). */
    @Inject
    @ConfigProperty(name = "tagger.embedding.min-similarity", defaultValue = "0.3")
    double minSimilarity;

    public Optional<ImageSearch.Page> find(ImageSearch.Criteria criteria, Match match) {
        if (match == Match.WORDS || criteria.text() == null || criteria.text().isBlank()
                || (match == Match.BOTH && hasOperators(criteria.text()))) {
            return Optional.empty();
        }
        Optional<VectorIndex> index = sync.index().filter(i -> i.size() > 0);
        if (index.isEmpty()) {
            return Optional.empty();
        }
        // The query's embedding (a request to the server) is asked while the database picks the filtered candidates.
        String text = criteria.text().strip();
        java.util.concurrent.Future<Optional<float[]>> asked = executor.submit(() -> embeddings.query(text));
        ImageSearch.Criteria filters = criteria.with(null, ImageSearch.Sort.RELEVANCE);
        List<Long> allowed = filters.filters() ? search.ids(filters, null, PREFILTER_UP_TO + 1) : null;
        Optional<float[]> query = answer(asked);
        if (query.isEmpty()) {
            return Optional.empty();
        }
        int end = criteria.page() * criteria.size() + criteria.size();
        int depth = Math.max(DEPTH, end);
        List<Long> ranked = nearest(index.get(), query.get(), filters, allowed, depth);
        if (match == Match.BOTH) {
            List<Long> words = search.ids(criteria.with(criteria.text(), ImageSearch.Sort.RELEVANCE), null, depth);
            ranked = RankFusion.fuse(List.of(words, ranked));
        }
        if (criteria.sort() != ImageSearch.Sort.RELEVANCE && !ranked.isEmpty()) {
            ranked = search.ids(criteria.with(null, criteria.sort()), ranked, ranked.size());
        }
        int from = Math.min(ranked.size(), criteria.page() * criteria.size());
        return Optional.of(new ImageSearch.Page(load(ranked.subList(from, Math.min(ranked.size(), end))), ranked.size()));
    }

    /**
     * Whether the text uses full-text operators (a quoted phrase, {@code -word}, {@code OR}): meaning cannot honour
     * them (an embedding of "beach -dog" is near dogs), so such a query is matched by words unless {@code match=meaning}.
     */
    static boolean hasOperators(String text) {
        return text.contains("\"") || OPERATOR.matcher(text).find();
    }

    private static final java.util.regex.Pattern OPERATOR = java.util.regex.Pattern.compile("(^|\\s)-\\S|\\sOR\\s");

    /** The images nearest by meaning to this one, best first, itself left out; empty when it has no embedding. */
    public List<Image> similar(long imageId, int size) {
        Optional<VectorIndex> index = sync.index();
        float[] vector = index.map(i -> i.vectorOf(imageId)).orElse(null);
        if (vector == null) {
            return List.of();
        }
        List<Long> ids = index.get().nearest(vector, size + 1).stream()
                .filter(hit -> hit.id() != imageId && hit.score() >= minSimilarity).limit(size).map(VectorIndex.Hit::id).toList();
        return load(ids);
    }

    private static Optional<float[]> answer(java.util.concurrent.Future<Optional<float[]>> asked) {
        try {
            return asked.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException e) {
            return Optional.empty();
        }
    }

    /** {@code allowed}: the images the filters let through, when there are filters (null: none). */
    private List<Long> nearest(VectorIndex index, float[] query, ImageSearch.Criteria filters, List<Long> allowed, int depth) {
        List<VectorIndex.Hit> hits;
        if (allowed == null) {
            hits = index.nearest(query, depth);
        } else {
            if (allowed.size() <= PREFILTER_UP_TO) {
                hits = index.nearest(query, depth, allowed);
            } else {
                // A broad filter: most of the nearest pass it, so filter those rather than list every allowed id.
                List<VectorIndex.Hit> near = index.nearest(query, depth * 8).stream().filter(h -> h.score() >= minSimilarity).toList();
                Set<Long> kept = new HashSet<>(search.ids(filters, near.stream().map(VectorIndex.Hit::id).toList(), near.size()));
                hits = near.stream().filter(h -> kept.contains(h.id())).limit(depth).toList();
            }
        }
        return hits.stream().filter(h -> h.score() >= minSimilarity).map(VectorIndex.Hit::id).toList();
    }

    /** The images of these ids in this order, their tags loaded in one query. */
    private List<Image> load(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        TypedQuery<Image> query = em.createQuery("SELECT i FROM Image i WHERE i.id IN :ids", Image.class).setParameter("ids", ids);
        query.setHint("eclipselink.batch", "i.tags");
        query.setHint("eclipselink.batch.type", "IN");
        Map<Long, Image> byId = query.getResultList().stream().collect(Collectors.toMap(Image::getId, Function.identity()));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }
}
