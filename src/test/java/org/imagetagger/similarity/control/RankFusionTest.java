package org.imagetagger.similarity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankFusionTest {

    @Test
    void anImageBothRankingsFindComesFirst() {
        List<Long> words = List.of(1L, 2L, 3L);
        List<Long> meaning = List.of(4L, 3L, 5L);
        assertEquals(3L, RankFusion.fuse(List.of(words, meaning)).get(0));
    }

    @Test
    void equalScoresAreOrderedBySmallerIdSoPagesStayStable() {
        List<Long> fused = RankFusion.fuse(List.of(List.of(9L, 7L), List.of(2L, 8L)));
        assertEquals(List.of(2L, 9L, 7L, 8L), fused);
        assertEquals(fused, RankFusion.fuse(List.of(List.of(9L, 7L), List.of(2L, 8L))));
    }

    @Test
    void oneRankingAloneKeepsItsOrder() {
        assertEquals(List.of(5L, 1L, 3L), RankFusion.fuse(List.of(List.of(5L, 1L, 3L), List.of())));
    }
}
