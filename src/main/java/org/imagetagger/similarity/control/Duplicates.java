package org.imagetagger.similarity.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.imagetagger.imaging.PerceptualHash;

/**
 * Groups of the same picture: byte copies (same SHA-256) and near copies (perceptual hashes at most
 * {@link #MAX_DISTANCE} bits apart). Pairs are found by multi-index hashing: split into {@code MAX_DISTANCE + 1}
 * blocks, two hashes that close agree in at least one block entirely (pigeonhole), so only hashes sharing a block
 * value are compared, not all pairs. The groups of the whole catalog are computed at once and kept a few seconds.
 */
@ApplicationScoped
public class Duplicates {

    /**
     * Bits two perceptual hashes may differ in and still be the same picture. Chosen by PerceptualHashTest on
     * generated photos: near copies (60 %, brighter, JPEG quality 70) differ in a few bits, unrelated photos in
     * far more.
     */
    public static final int MAX_DISTANCE = 8;
    private static final long KEEP_NANOS = 5_000_000_000L;

    /** One catalogued picture: its checksum and perceptual hash, either may be null. */
    public record Picture(long id, String checksum, Long hash) {
    }

    /** Images of one picture, smallest id first; {@code distance}: the most bits two of their hashes differ in. */
    public record Group(List<Long> ids, int distance) {
    }

    public record Page(List<Group> groups, long total) {
    }

    @Resource(lookup = "jdbc/tagger")
    DataSource dataSource;

    private volatile List<Group> computed;
    private volatile long computedAt;

    public Page page(int page, int size) {
        List<Group> all = groups();
        int from = (int) Math.min(all.size(), (long) page * size);
        return new Page(all.subList(from, Math.min(all.size(), from + size)), all.size());
    }

    public synchronized List<Group> groups() {
        if (computed == null || System.nanoTime() - computedAt > KEEP_NANOS) {
            computed = group(load(), MAX_DISTANCE);
            computedAt = System.nanoTime();
        }
        return computed;
    }

    private List<Picture> load() {
        List<Picture> pictures = new ArrayList<>();
        try (Connection db = dataSource.getConnection();
             PreparedStatement query = db.prepareStatement("SELECT id, checksum, perceptual_hash FROM images"
                     + " WHERE status <> 'MISSING' AND (perceptual_hash IS NOT NULL OR checksum IS NOT NULL)")) {
            query.setFetchSize(5000);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long hash = rows.getLong(3);
                    pictures.add(new Picture(rows.getLong(1), rows.getString(2), rows.wasNull() ? null : hash));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the images' checksums and hashes: " + e.getMessage(), e);
        }
        return pictures;
    }

    /** The groups of these pictures, the biggest first, then by smallest id. */
    public static List<Group> group(List<Picture> pictures, int maxDistance) {
        int n = pictures.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        Map<String, Integer> byChecksum = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String checksum = pictures.get(i).checksum();
            if (checksum != null) {
                Integer first = byChecksum.putIfAbsent(checksum, i);
                if (first != null) {
                    union(parent, first, i);
                }
            }
        }
        int blocks = maxDistance + 1;
        for (int block = 0; block < blocks; block++) {
            int from = block * 64 / blocks;
            int to = (block + 1) * 64 / blocks;
            long mask = to - from == 64 ? -1L : ((1L << (to - from)) - 1) << from;
            Map<Long, List<Integer>> buckets = new HashMap<>();
            for (int i = 0; i < n; i++) {
                Long hash = pictures.get(i).hash();
                if (hash != null) {
                    buckets.computeIfAbsent(hash & mask, k -> new ArrayList<>(2)).add(i);
                }
            }
            for (List<Integer> bucket : buckets.values()) {
                for (int a = 0; a < bucket.size(); a++) {
                    long ha = pictures.get(bucket.get(a)).hash();
                    for (int b = a + 1; b < bucket.size(); b++) {
                        if (PerceptualHash.distance(ha, pictures.get(bucket.get(b)).hash()) <= maxDistance) {
                            union(parent, bucket.get(a), bucket.get(b));
                        }
                    }
                }
            }
        }
        Map<Integer, List<Integer>> members = new HashMap<>();
        for (int i = 0; i < n; i++) {
            members.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
        }
        List<Group> groups = new ArrayList<>();
        for (List<Integer> group : members.values()) {
            if (group.size() > 1) {
                groups.add(new Group(group.stream().map(i -> pictures.get(i).id()).sorted().toList(), spread(pictures, group)));
            }
        }
        groups.sort(Comparator.comparingInt((Group g) -> -g.ids().size()).thenComparingLong(g -> g.ids().get(0)));
        return groups;
    }

    private static int spread(List<Picture> pictures, List<Integer> group) {
        int most = 0;
        for (int a = 0; a < group.size(); a++) {
            Picture pa = pictures.get(group.get(a));
            for (int b = a + 1; b < group.size(); b++) {
                Picture pb = pictures.get(group.get(b));
                boolean sameBytes = pa.checksum() != null && pa.checksum().equals(pb.checksum());
                if (!sameBytes && pa.hash() != null && pb.hash() != null) {
                    most = Math.max(most, PerceptualHash.distance(pa.hash(), pb.hash()));
                }
            }
        }
        return most;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
