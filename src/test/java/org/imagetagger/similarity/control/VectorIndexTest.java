package org.imagetagger.similarity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VectorIndexTest {

    private static final int DIMENSIONS = 768;

    @Test
    void findsTheNearestByCosineWithRecallAboveNinetyFivePercentAgainstExactFloats() {
        Random random = new Random(5);
        float[][] centres = new float[50][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = gaussian(random, 1f);
        }
        int n = 5000;
        float[][] vectors = new float[n][];
        VectorIndex index = new VectorIndex();
        for (int i = 0; i < n; i++) {
            vectors[i] = clustered(random, centres[i % centres.length]);
            index.put(i, VectorIndex.Quantized.of(vectors[i]));
        }
        int found = 0;
        int asked = 0;
        for (int q = 0; q < 50; q++) {
            float[] query = clustered(random, centres[q % centres.length]);
            Set<Long> exact = new HashSet<>(exactNearest(vectors, query, 10));
            for (VectorIndex.Hit hit : index.nearest(query, 10)) {
                found += exact.contains(hit.id()) ? 1 : 0;
            }
            asked += 10;
        }
        double recall = found / (double) asked;
        assertTrue(recall >= 0.95, "recall@10 " + recall);
    }

    @Test
    void scoresAreCosinesAndTheBestComesFirst() {
        VectorIndex index = new VectorIndex();
        index.put(1, VectorIndex.Quantized.of(axis(0, 3f)));
        index.put(2, VectorIndex.Quantized.of(mix(0.6f, 0.8f)));
        index.put(3, VectorIndex.Quantized.of(axis(1, 1f)));
        List<VectorIndex.Hit> hits = index.nearest(axis(0, 1f), 3);
        assertEquals(List.of(1L, 2L, 3L), hits.stream().map(VectorIndex.Hit::id).toList());
        assertEquals(1.0, hits.get(0).score(), 0.01);
        assertEquals(0.6, hits.get(1).score(), 0.01);
        assertEquals(0.0, hits.get(2).score(), 0.01);
    }

    @Test
    void replacesRemovesAndSearchesOnlyAmongTheGivenImages() {
        VectorIndex index = new VectorIndex();
        for (long id = 1; id <= 5; id++) {
            index.put(id, VectorIndex.Quantized.of(axis((int) id, 1f)));
        }
        index.put(3, VectorIndex.Quantized.of(axis(0, 1f)));
        index.remove(1);
        assertEquals(4, index.size());
        assertFalse(index.contains(1));
        assertNull(index.vectorOf(1));
        assertEquals(3L, index.nearest(axis(0, 1f), 1).get(0).id());
        assertEquals(List.of(4L), index.nearest(axis(0, 1f), 3, List.of(4L, 99L)).stream().map(VectorIndex.Hit::id).toList());
        assertEquals(2, index.retainOnly(Set.of(2L, 3L)));
        assertEquals(Set.of(2L, 3L), new HashSet<>(index.nearest(axis(2, 1f), 5).stream().map(VectorIndex.Hit::id).toList()));
        assertEquals(5L, index.nearest(axis(5, 1f), 1).size() == 1 ? 5L : 0L, "the moved vector is still found");
    }

    @Test
    void signBitsPreselectCandidatesAtOneHundredThousandWithoutLosingTheTopTen() {
        Random random = new Random(9);
        float[][] centres = new float[500][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = gaussian(random, 1f);
        }
        int n = 100_000;
        float[][] vectors = new float[n][];
        VectorIndex index = new VectorIndex();
        for (int i = 0; i < n; i++) {
            vectors[i] = clustered(random, centres[random.nextInt(centres.length)]);
            index.put(i, VectorIndex.Quantized.of(vectors[i]));
        }
        long[] micros = new long[30];
        int found = 0;
        for (int r = 0; r < micros.length; r++) {
            float[] query = clustered(random, centres[random.nextInt(centres.length)]);
            long start = System.nanoTime();
            List<VectorIndex.Hit> hits = index.nearest(query, 1000);
            micros[r] = (System.nanoTime() - start) / 1000;
            Set<Long> exact = new HashSet<>(exactNearest(vectors, query, 10));
            found += (int) hits.subList(0, 10).stream().filter(h -> exact.contains(h.id())).count();
        }
        double recall = found / (micros.length * 10.0);
        java.util.Arrays.sort(micros);
        System.out.printf("BENCHMARK in-memory search of 100,000 × %d (sign bits, then int8): median %d µs, max %d µs, recall@10 %.3f%n",
                DIMENSIONS, micros[15], micros[29], recall);
        assertTrue(recall >= 0.95, "recall@10 " + recall);
        assertTrue(micros[15] < 500_000, "median search " + micros[15] + " µs");
    }

    private static List<Long> exactNearest(float[][] vectors, float[] query, int k) {
        double[] scores = new double[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            scores[i] = cosine(vectors[i], query);
        }
        return IntStream.range(0, vectors.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparing(i -> i))
                .limit(k).map(Integer::longValue).toList();
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int n = 0; n < a.length; n++) {
            dot += a[n] * b[n];
            na += a[n] * a[n];
            nb += b[n] * b[n];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static float[] gaussian(Random random, float sigma) {
        float[] v = new float[DIMENSIONS];
        for (int n = 0; n < v.length; n++) {
            v[n] = (float) random.nextGaussian() * sigma;
        }
        return v;
    }

    private static float[] clustered(Random random, float[] centre) {
        float[] v = gaussian(random, 0.8f);
        for (int n = 0; n < v.length; n++) {
            v[n] += centre[n];
        }
        return v;
    }

    private static float[] axis(int n, float length) {
        float[] v = new float[DIMENSIONS];
        v[n] = length;
        return v;
    }

    private static float[] mix(float a, float b) {
        float[] v = new float[DIMENSIONS];
        v[0] = a;
        v[1] = b;
        return v;
    }
}
