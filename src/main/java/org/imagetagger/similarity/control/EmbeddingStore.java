package org.imagetagger.similarity.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.imagetagger.platform.Times;

/**
 * The {@code image_embeddings} table (V70): the truth every instance's {@link VectorIndex} is built from. Writes go
 * through the persistence context's connection, so they commit with the chunk (or the caller's transaction); reads
 * for the index go straight to the pool, outside any transaction.
 */
@ApplicationScoped
public class EmbeddingStore {

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    @Resource(lookup = "jdbc/tagger")
    DataSource dataSource;

    /** Stores (replaces) the embeddings of these images; in the caller's transaction. */
    public void save(List<Long> imageIds, String model, List<VectorIndex.Quantized> vectors) {
        // Images inserted by this chunk must be in the database before rows that refer to them.
        em.flush();
        LocalDateTime now = Times.nowUtc();
        for (int n = 0; n < imageIds.size(); n++) {
            VectorIndex.Quantized vector = vectors.get(n);
            em.createNativeQuery("DELETE FROM image_embeddings WHERE image_id = ?1").setParameter(1, imageIds.get(n)).executeUpdate();
            em.createNativeQuery("INSERT INTO image_embeddings (image_id, model, dimensions, scale, codes, updated_at)"
                            + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                    .setParameter(1, imageIds.get(n)).setParameter(2, model).setParameter(3, vector.code().length)
                    .setParameter(4, vector.scale()).setParameter(5, vector.code()).setParameter(6, now)
                    .executeUpdate();
        }
    }

    /** As {@link #save} in a transaction of its own (embeddings filled in outside a chunk). */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.REQUIRES_NEW)
    public void saveCommitted(List<Long> imageIds, String model, List<VectorIndex.Quantized> vectors) {
        save(imageIds, model, vectors);
    }

    /**
     * Hands each embedding of {@code model} written after {@code since} (all when null) to {@code each}; returns
     * the latest {@code updated_at} seen, or {@code since} when none.
     */
    public LocalDateTime changedSince(String model, LocalDateTime since, BiConsumer<Long, VectorIndex.Quantized> each) throws SQLException {
        LocalDateTime latest = since;
        try (Connection db = dataSource.getConnection()) {
            boolean autoCommit = db.getAutoCommit();
            // PostgreSQL streams rows in pages of the fetch size only inside a transaction: 100,000 rows never sit in memory twice.
            db.setAutoCommit(false);
            try (PreparedStatement query = db.prepareStatement("SELECT image_id, scale, codes, updated_at FROM image_embeddings"
                    + " WHERE model = ?" + (since == null ? "" : " AND updated_at > ?"))) {
                query.setFetchSize(2000);
                query.setString(1, model);
                if (since != null) {
                    query.setTimestamp(2, Timestamp.valueOf(since));
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        each.accept(rows.getLong(1), new VectorIndex.Quantized(rows.getBytes(3), rows.getFloat(2)));
                        LocalDateTime updated = rows.getTimestamp(4).toLocalDateTime();
                        if (latest == null || updated.isAfter(latest)) {
                            latest = updated;
                        }
                    }
                }
            } finally {
                db.rollback();
                db.setAutoCommit(autoCommit);
            }
        }
        return latest;
    }

    /** How many embeddings of {@code model} there are and their dimensions (the most), to size the index before a load. */
    public int[] countAndDimensions(String model) throws SQLException {
        try (Connection db = dataSource.getConnection();
             PreparedStatement query = db.prepareStatement("SELECT COUNT(*), MAX(dimensions) FROM image_embeddings WHERE model = ?")) {
            query.setString(1, model);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return new int[] {rows.getInt(1), rows.getInt(2)};
            }
        }
    }

    /** Ids of the images that have an embedding of {@code model}. */
    public Set<Long> ids(String model) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection db = dataSource.getConnection();
             PreparedStatement query = db.prepareStatement("SELECT image_id FROM image_embeddings WHERE model = ?")) {
            query.setString(1, model);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Up to {@code limit} tagged images of a folder without an embedding of {@code model}, smallest id first. */
    @SuppressWarnings("unchecked")
    public List<Long> missing(long folderId, String model, int limit) {
        List<Number> ids = em.createNativeQuery("SELECT i.id FROM images i LEFT JOIN image_embeddings e"
                        + " ON e.image_id = i.id AND e.model = ?1"
                        + " WHERE i.folder_id = ?2 AND i.status = 'TAGGED' AND i.description IS NOT NULL AND e.image_id IS NULL"
                        + " ORDER BY i.id")
                .setParameter(1, model).setParameter(2, folderId).setMaxResults(limit).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }
}
