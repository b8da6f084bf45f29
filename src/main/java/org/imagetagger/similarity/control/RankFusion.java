package org.imagetagger.similarity.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack et al. 2009): each ranking gives an item {@code 1 / (K + rank)}, the sums decide.
 * Only ranks count, so full-text scores and cosines need no common scale. Ties go to the item first seen in the
 * earlier ranking, then the smaller id: the order is the same for the same input, so paging is stable.
 */
public final class RankFusion {

    /** The usual constant: damps the weight of the very first ranks. */
    public static final int K = 60;

    private RankFusion() {
    }

    public static List<Long> fuse(List<List<Long>> rankings) {
        Map<Long, Double> scores = new LinkedHashMap<>();
        for (List<Long> ranking : rankings) {
            for (int rank = 0; rank < ranking.size(); rank++) {
                scores.merge(ranking.get(rank), 1.0 / (K + rank + 1), Double::sum);
            }
        }
        List<Map.Entry<Long, Double>> entries = new ArrayList<>(scores.entrySet());
        entries.sort(Comparator.comparing((Map.Entry<Long, Double> e) -> e.getValue()).reversed()
                .thenComparing(Map.Entry::getKey));
        return entries.stream().map(Map.Entry::getKey).toList();
    }
}
