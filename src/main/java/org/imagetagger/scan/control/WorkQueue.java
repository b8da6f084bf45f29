package org.imagetagger.scan.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.imagetagger.cluster.control.ClusterMember;
import org.imagetagger.scan.entity.ClaimedFile;
import org.imagetagger.scan.control.Scans.ScanRow;
import org.imagetagger.scan.entity.ScanMode;

/**
 * The files of the scans, shared by every instance ({@code scan_items}): planned QUEUED, CLAIMED by one
 * execution in a short transaction of its own ({@code FOR UPDATE SKIP LOCKED}: two instances never claim the
 * same file), DONE in the chunk transaction that writes its image, and only while the claim still stands
 * (fencing: a claim taken back from an instance thought dead is not written by it).
 */
@ApplicationScoped
public class WorkQueue {

    @Resource(lookup = "jdbc/tagger")
    DataSource dataSource;

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    @Inject
    ClusterMember member;

    /** Adds planned files after {@code lastSeq}, in one transaction of its own; returns the last seq used. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long enqueue(long scanId, long lastSeq, List<Path> files) {
        long seq = lastSeq;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO scan_items (scan_id, seq, path, item_state) VALUES (?, ?, ?, 'QUEUED')")) {
            for (Path file : files) {
                insert.setLong(1, scanId);
                insert.setLong(2, ++seq);
                insert.setString(3, file.toString());
                insert.addBatch();
            }
            insert.executeBatch();
            return seq;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot queue the files of scan " + scanId + ": " + e.getMessage(), e);
        }
    }

    /** The files a scan planned so far and its last seq, so that planning again after a crash adds only the rest. */
    public Planned planned(long scanId) {
        Set<String> paths = new HashSet<>();
        long lastSeq = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT seq, path FROM scan_items WHERE scan_id = " + scanId);
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                lastSeq = Math.max(lastSeq, rows.getLong(1));
                paths.add(rows.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the files of scan " + scanId + ": " + e.getMessage(), e);
        }
        return new Planned(paths, lastSeq);
    }

    public record Planned(Set<String> paths, long lastSeq) {
    }

    /**
     * Claims up to {@code count} queued files of an active scan for the execution, in one short transaction of
     * its own (the chunk's transaction is suspended meanwhile).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<ClaimedFile> claim(ScanRow scan, Path folderRoot, long executionId, int count) {
        List<ClaimedFile> claimed = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement query = connection.prepareStatement("SELECT seq, path FROM scan_items WHERE scan_id = " + scan.scanId()
                    + " AND item_state = 'QUEUED' AND EXISTS (SELECT 1 FROM scans WHERE scan_id = " + scan.scanId()
                    + " AND scan_state IN ('PLANNING', 'RUNNING')) ORDER BY seq LIMIT " + count + " FOR UPDATE SKIP LOCKED");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new ClaimedFile(scan.scanId(), rows.getLong(1), scan.folderId(), folderRoot, Path.of(rows.getString(2)),
                            scan.mode() == ScanMode.NEW));
                }
            }
            if (!claimed.isEmpty()) {
                try (PreparedStatement update = connection.prepareStatement("UPDATE scan_items SET item_state = 'CLAIMED', owner_member = ?,"
                        + " owner_execution = " + executionId + " WHERE scan_id = " + scan.scanId() + " AND seq IN (" + seqs(claimed) + ")")) {
                    update.setString(1, member.id());
                    update.executeUpdate();
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim files of scan " + scan.scanId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Of the given claims, those the execution still holds, now DONE: runs in the chunk's transaction, so they
     * are DONE exactly when their images are written. The rows stay locked until the chunk commits.
     */
    public Set<Long> completeOwned(long scanId, long executionId, Collection<ClaimedFile> claims) {
        if (claims.isEmpty()) {
            return Set.of();
        }
        String owned = " FROM scan_items WHERE scan_id = " + scanId + " AND owner_execution = " + executionId
                + " AND item_state = 'CLAIMED' AND seq IN (" + seqs(claims) + ")";
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("SELECT seq" + owned + " FOR UPDATE").getResultList();
        Set<Long> seqs = rows.stream().map(row -> ((Number) row).longValue()).collect(Collectors.toSet());
        if (!seqs.isEmpty()) {
            em.createNativeQuery("UPDATE scan_items SET item_state = 'DONE' WHERE scan_id = " + scanId + " AND seq IN ("
                    + seqs.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")").executeUpdate();
        }
        return seqs;
    }

    /** Gives the execution's unwritten claims back to the queue (it ended: stopped, failed, done). */
    public int release(long executionId) {
        return update("UPDATE scan_items SET item_state = 'QUEUED', owner_member = NULL, owner_execution = NULL"
                + " WHERE item_state = 'CLAIMED' AND owner_execution = " + executionId);
    }

    /** Gives the claims of dead instances back to the queue: what they held is all that may be tagged twice. */
    public int releaseClaimsOfDeadInstances() {
        return update("UPDATE scan_items SET item_state = 'QUEUED', owner_member = NULL, owner_execution = NULL"
                + " WHERE item_state = 'CLAIMED' AND owner_member NOT IN (" + ClusterMember.LIVE_MEMBERS + ")");
    }

    /** Gives back every claim of a scan that no execution runs any more (before it is restarted). */
    public int releaseAll(long scanId) {
        return update("UPDATE scan_items SET item_state = 'QUEUED', owner_member = NULL, owner_execution = NULL"
                + " WHERE item_state = 'CLAIMED' AND scan_id = " + scanId);
    }

    public long queued(long scanId) {
        return count("SELECT COUNT(*) FROM scan_items WHERE scan_id = " + scanId + " AND item_state = 'QUEUED'");
    }

    /** Files of the scan not yet written: queued, or claimed by some execution. */
    public long unfinished(long scanId) {
        return count("SELECT COUNT(*) FROM scan_items WHERE scan_id = " + scanId + " AND item_state <> 'DONE'");
    }

    /** Files of the scan that other executions still have to write: queued, or claimed by another execution. */
    public long unfinishedByOthers(long scanId, long executionId) {
        return count("SELECT COUNT(*) FROM scan_items WHERE scan_id = " + scanId + " AND (item_state = 'QUEUED'"
                + " OR (item_state = 'CLAIMED' AND owner_execution <> " + executionId + "))");
    }

    private long count(String sql) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql);
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the queued files: " + e.getMessage(), e);
        }
    }

    private int update(String sql) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the queued files: " + e.getMessage(), e);
        }
    }

    private static String seqs(Collection<ClaimedFile> claims) {
        return claims.stream().map(claim -> String.valueOf(claim.seq())).collect(Collectors.joining(", "));
    }
}
