package org.imagetagger.similarity.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Unit vectors of one model, kept as int8 codes with one scale each (a quarter of float32: 100,000 × 768 take
 * 77 MB), plus their sign bits (96 bytes each). The cosine of the query with a vector is the dot product of the
 * codes times both scales, so the ranking is that of exact cosine but for the rounding of the codes. Up to
 * {@link #EXACT_UP_TO} vectors are all scored so; above, the sign bits choose the candidates first (the share of
 * differing signs estimates the angle, SimHash), {@link #CANDIDATES_PER_HIT} per hit wanted and at least
 * {@link #MIN_CANDIDATES}, and only those are scored with the codes: a fraction of the work for the same top ten
 * in all but rare cases (recall measured in VectorIndexTest and the benchmark). Thread-safe; searches do not block
 * each other.
 */
public class VectorIndex {

    /** One found vector: its image and its cosine similarity with the query. */
    public record Hit(long id, float score) {
    }

    static final int EXACT_UP_TO = 20_000;
    static final int CANDIDATES_PER_HIT = 4;
    static final int MIN_CANDIDATES = 3_000;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, Integer> slots = new HashMap<>();
    private int dimensions;
    private int count;
    private long[] ids = new long[1024];
    private float[] scales = new float[1024];
    private byte[] codes = new byte[0];
    private int words;
    private long[] signs = new long[0];

    /** A vector quantized: {@code code[n] * scale ≈ vector[n] / |vector|}. */
    public record Quantized(byte[] code, float scale) {

        public static Quantized of(float[] vector) {
            double norm = 0;
            float max = 0;
            for (float v : vector) {
                norm += (double) v * v;
                max = Math.max(max, Math.abs(v));
            }
            norm = Math.sqrt(norm);
            byte[] code = new byte[vector.length];
            if (norm == 0 || max == 0) {
                return new Quantized(code, 0f);
            }
            double step = max / 127.0;
            for (int n = 0; n < vector.length; n++) {
                code[n] = (byte) Math.round(vector[n] / step);
            }
            return new Quantized(code, (float) (step / norm));
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return count;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int dimensions() {
        lock.readLock().lock();
        try {
            return dimensions;
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean contains(long id) {
        lock.readLock().lock();
        try {
            return slots.containsKey(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Makes room for this many vectors of these dimensions at once, before a full load: growing step by step would
     * hold the old and the new array together (77 + 115 MB at 100,000 × 768).
     */
    public void reserve(int vectors, int dims) {
        lock.writeLock().lock();
        try {
            if (count == 0 && dims > 0) {
                dimensions = dims;
                words = (dims + 63) / 64;
                if ((long) vectors * dims > codes.length) {
                    codes = null;
                    codes = new byte[Math.toIntExact((long) vectors * dims)];
                    signs = new long[vectors * words];
                    ids = Arrays.copyOf(ids, Math.max(ids.length, vectors));
                    scales = Arrays.copyOf(scales, Math.max(scales.length, vectors));
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Adds or replaces the vector of an image; a vector of other dimensions than the index's first replaces nothing. */
    public void put(long id, Quantized vector) {
        lock.writeLock().lock();
        try {
            if (count == 0 && dimensions != vector.code().length) {
                dimensions = vector.code().length;
                words = (dimensions + 63) / 64;
                codes = new byte[0];
                signs = new long[0];
            }
            if (vector.code().length != dimensions) {
                remove(id);
                return;
            }
            Integer slot = slots.get(id);
            if (slot == null) {
                slot = count++;
                grow(count);
                slots.put(id, slot);
                ids[slot] = id;
            }
            System.arraycopy(vector.code(), 0, codes, slot * dimensions, dimensions);
            System.arraycopy(signsOf(vector.code()), 0, signs, slot * words, words);
            scales[slot] = vector.scale();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void remove(long id) {
        lock.writeLock().lock();
        try {
            Integer slot = slots.remove(id);
            if (slot == null) {
                return;
            }
            int last = --count;
            if (slot != last) {
                // The last vector moves into the hole: the codes stay one dense array.
                ids[slot] = ids[last];
                scales[slot] = scales[last];
                System.arraycopy(codes, last * dimensions, codes, slot * dimensions, dimensions);
                System.arraycopy(signs, last * words, signs, slot * words, words);
                slots.put(ids[slot], slot);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Keeps only the images given (the rows still in the database); returns how many were dropped. */
    public int retainOnly(java.util.Set<Long> present) {
        List<Long> gone = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (Long id : slots.keySet()) {
                if (!present.contains(id)) {
                    gone.add(id);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        gone.forEach(this::remove);
        return gone.size();
    }

    public void clear() {
        lock.writeLock().lock();
        try {
            slots.clear();
            count = 0;
            dimensions = 0;
            ids = new long[1024];
            scales = new float[1024];
            codes = new byte[0];
            signs = new long[0];
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The stored vector of an image, as floats of length 1; null when it has none. */
    public float[] vectorOf(long id) {
        lock.readLock().lock();
        try {
            Integer slot = slots.get(id);
            if (slot == null) {
                return null;
            }
            float[] vector = new float[dimensions];
            for (int n = 0; n < dimensions; n++) {
                vector[n] = codes[slot * dimensions + n] * scales[slot];
            }
            return vector;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The {@code k} vectors most similar to the query, best first; ties by the smaller id. */
    public List<Hit> nearest(float[] query, int k) {
        return nearest(query, k, null);
    }

    /** As {@link #nearest(float[], int)} but only among these images (null: all). */
    public List<Hit> nearest(float[] query, int k, Collection<Long> among) {
        lock.readLock().lock();
        try {
            if (count == 0 || query.length != dimensions || k <= 0) {
                return List.of();
            }
            Quantized q = Quantized.of(query);
            byte[] qc = q.code();
            PriorityQueue<Hit> best = new PriorityQueue<>(k + 1, VectorIndex::worseFirst);
            if (among == null && count > EXACT_UP_TO) {
                for (int slot : candidates(signsOf(qc), Math.max(MIN_CANDIDATES, k * CANDIDATES_PER_HIT))) {
                    offer(best, k, slot, dot(qc, slot) * scales[slot] * q.scale());
                }
            } else if (among == null) {
                for (int slot = 0; slot < count; slot++) {
                    offer(best, k, slot, dot(qc, slot) * scales[slot] * q.scale());
                }
            } else {
                for (Long id : among) {
                    Integer slot = slots.get(id);
                    if (slot != null) {
                        offer(best, k, slot, dot(qc, slot) * scales[slot] * q.scale());
                    }
                }
            }
            Hit[] sorted = best.toArray(new Hit[0]);
            Arrays.sort(sorted, (a, b) -> worseFirst(b, a));
            return List.of(sorted);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The slots of the vectors whose signs differ least from the query's, at least {@code wanted} of them. */
    private int[] candidates(long[] query, int wanted) {
        if (wanted >= count) {
            return java.util.stream.IntStream.range(0, count).toArray();
        }
        int[] distances = new int[count];
        int[] histogram = new int[words * 64 + 1];
        long[] all = signs;
        for (int slot = 0; slot < count; slot++) {
            int offset = slot * words;
            int distance = 0;
            for (int w = 0; w < words; w++) {
                distance += Long.bitCount(all[offset + w] ^ query[w]);
            }
            distances[slot] = distance;
            histogram[distance]++;
        }
        int limit = 0;
        int taken = histogram[0];
        while (taken < wanted && limit < histogram.length - 1) {
            taken += histogram[++limit];
        }
        int[] chosen = new int[taken];
        int n = 0;
        for (int slot = 0; slot < count; slot++) {
            if (distances[slot] <= limit) {
                chosen[n++] = slot;
            }
        }
        return chosen;
    }

    private long[] signsOf(byte[] code) {
        long[] bits = new long[words];
        for (int n = 0; n < code.length; n++) {
            if (code[n] > 0) {
                bits[n >> 6] |= 1L << (n & 63);
            }
        }
        return bits;
    }

    private void offer(PriorityQueue<Hit> best, int k, int slot, float score) {
        if (best.size() < k) {
            best.add(new Hit(ids[slot], score));
        } else {
            Hit worst = best.peek();
            if (score > worst.score() || (score == worst.score() && ids[slot] < worst.id())) {
                best.poll();
                best.add(new Hit(ids[slot], score));
            }
        }
    }

    private static int worseFirst(Hit a, Hit b) {
        int byScore = Float.compare(a.score(), b.score());
        return byScore != 0 ? byScore : Long.compare(b.id(), a.id());
    }

    private int dot(byte[] query, int slot) {
        int offset = slot * dimensions;
        byte[] all = codes;
        int sum0 = 0;
        int sum1 = 0;
        int sum2 = 0;
        int sum3 = 0;
        int n = 0;
        // Four sums: independent additions the processor can overlap.
        for (; n + 3 < dimensions; n += 4) {
            sum0 += query[n] * all[offset + n];
            sum1 += query[n + 1] * all[offset + n + 1];
            sum2 += query[n + 2] * all[offset + n + 2];
            sum3 += query[n + 3] * all[offset + n + 3];
        }
        for (; n < dimensions; n++) {
            sum0 += query[n] * all[offset + n];
        }
        return sum0 + sum1 + sum2 + sum3;
    }

    private void grow(int needed) {
        if (needed > ids.length) {
            int capacity = Math.max(needed, ids.length * 2);
            ids = Arrays.copyOf(ids, capacity);
            scales = Arrays.copyOf(scales, capacity);
        }
        if ((long) needed * words > signs.length) {
            signs = Arrays.copyOf(signs, Math.max(needed * words, signs.length * 3 / 2));
        }
        if ((long) needed * dimensions > codes.length) {
            long capacity = Math.max((long) needed * dimensions, Math.min(Integer.MAX_VALUE - 8, (long) codes.length * 3 / 2));
            codes = Arrays.copyOf(codes, (int) capacity);
        }
    }
}
