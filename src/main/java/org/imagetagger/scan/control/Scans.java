package org.imagetagger.scan.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.imagetagger.cluster.control.ClusterMember;
import org.imagetagger.platform.DatabaseKind;
import org.imagetagger.platform.Times;
import org.imagetagger.scan.entity.ScanMode;
import org.imagetagger.scan.entity.ScanProgress;
import org.imagetagger.scan.entity.ScanState;

/**
 * The scans of all instances ({@code scans}, {@code scan_executions}). Each change is one statement in a
 * transaction of its own, except the progress counters, which commit with the chunk they count. The unique
 * {@code active_folder_id} is what allows one active scan per folder in the whole cluster.
 */
@ApplicationScoped
public class Scans {

    private static final String ACTIVE = "('PLANNING', 'RUNNING', 'STOPPING')";

    @Resource(lookup = "jdbc/tagger")
    DataSource dataSource;

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    @Inject
    ClusterMember member;

    @Inject
    DatabaseKind database;

    /** A new active scan of the folder, or {@link ScanAlreadyRunningException} naming the active one's execution. */
    public long open(long folderId, ScanMode mode) {
        String next = database.isPostgres() ? "SELECT nextval('scan_seq')" : "SELECT NEXT VALUE FOR scan_seq";
        try (Connection connection = dataSource.getConnection()) {
            long scanId;
            try (PreparedStatement query = connection.prepareStatement(next); ResultSet rows = query.executeQuery()) {
                rows.next();
                scanId = rows.getLong(1);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO scans (scan_id, folder_id, active_folder_id, scan_mode, scan_state,"
                    + " started_at, updated_at) VALUES (?, ?, ?, ?, 'PLANNING', ?, ?)")) {
                Timestamp now = Timestamp.valueOf(Times.nowUtc());
                insert.setLong(1, scanId);
                insert.setLong(2, folderId);
                insert.setLong(3, folderId);
                insert.setString(4, mode.parameter());
                insert.setTimestamp(5, now);
                insert.setTimestamp(6, now);
                insert.executeUpdate();
                return scanId;
            } catch (SQLException duplicate) {
                throw new ScanAlreadyRunningException(folderId, activeLeadOf(connection, folderId).orElse(null));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the scan: " + e.getMessage(), e);
        }
    }

    /** Makes an ended scan active again (a restart), unless another scan of its folder is active. */
    public void reopen(long scanId, long folderId) {
        try (Connection connection = dataSource.getConnection()) {
            // No lead until the restarted execution is named (lead): an ended lead would look dead and be taken over.
            try (PreparedStatement update = connection.prepareStatement("UPDATE scans SET active_folder_id = folder_id, lead_execution = NULL,"
                    + " scan_state = CASE WHEN planned THEN 'RUNNING' ELSE 'PLANNING' END WHERE scan_id = ? AND active_folder_id IS NULL")) {
                update.setLong(1, scanId);
                update.executeUpdate();
            } catch (SQLException duplicate) {
                throw new ScanAlreadyRunningException(folderId, activeLeadOf(connection, folderId).orElse(null));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reopen the scan: " + e.getMessage(), e);
        }
    }

    private Optional<Long> activeLeadOf(Connection connection, long folderId) throws SQLException {
        // The scan may be between its row and its first execution: give it a moment to name that execution.
        for (int attempt = 0; attempt < 20; attempt++) {
            try (PreparedStatement query = connection.prepareStatement("SELECT lead_execution FROM scans WHERE active_folder_id = ?")) {
                query.setLong(1, folderId);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    long lead = rows.getLong(1);
                    if (!rows.wasNull()) {
                        return Optional.of(lead);
                    }
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.empty();
    }

    /** The execution that now leads the scan (the one whose status is the scan's), run by this instance. */
    public void lead(long scanId, long executionId) {
        // Recorded first: a lead that other instances cannot find in scan_executions looks dead to them.
        ranHere(scanId, executionId);
        update("UPDATE scans SET lead_execution = " + executionId + " WHERE scan_id = " + scanId);
    }

    /** Records that this instance runs the execution (unless its end was recorded first). */
    public void ranHere(long scanId, long executionId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO scan_executions (execution_id, scan_id, member_id, member_name) VALUES (?, ?, ?, ?)")) {
            insert.setLong(1, executionId);
            insert.setLong(2, scanId);
            insert.setString(3, member.id());
            insert.setString(4, member.name());
            insert.executeUpdate();
        } catch (SQLException alreadyEnded) {
            // A very short execution recorded its end first (executionEnded).
        }
    }

    /** Records how an execution of this instance ended; also when it ended before it was recorded as started. */
    public void executionEnded(long scanId, long executionId, String status) {
        if (update("UPDATE scan_executions SET end_status = '" + status + "' WHERE execution_id = " + executionId) == 0) {
            ranHere(scanId, executionId);
            update("UPDATE scan_executions SET end_status = '" + status + "' WHERE execution_id = " + executionId);
        }
    }

    /** Running: its end not recorded, on an instance that is alive (read here, not from a batch runtime: JBeret caches others' executions). */
    public boolean isRunning(long executionId) {
        return !strings("SELECT execution_id FROM scan_executions WHERE execution_id = " + executionId
                + " AND end_status IS NULL AND member_id IN (" + ClusterMember.LIVE_MEMBERS + ")").isEmpty();
    }

    /**
     * How an execution of another instance ended, as that instance recorded it; empty while it runs, for this
     * instance's own executions (its runtime knows them best) and for executions of earlier versions.
     */
    public Optional<String> endStatusElsewhere(long executionId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT end_status FROM scan_executions WHERE execution_id = ?"
                     + " AND end_status IS NOT NULL AND member_id <> ?")) {
            query.setLong(1, executionId);
            query.setString(2, member.id());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the scans: " + e.getMessage(), e);
        }
    }

    /** Takes over a scan whose lead execution's instance is dead or whose lead ended without ending the scan. */
    public boolean adopt(long scanId, long formerLead, long executionId) {
        ranHere(scanId, executionId);
        return update("UPDATE scans SET lead_execution = " + executionId + " WHERE scan_id = " + scanId
                + " AND lead_execution = " + formerLead) == 1;
    }

    public void planned(long scanId) {
        update("UPDATE scans SET planned = TRUE, scan_state = CASE WHEN scan_state = 'PLANNING' THEN 'RUNNING' ELSE scan_state END"
                + " WHERE scan_id = " + scanId);
    }

    public void addToTotal(long scanId, long files) {
        update("UPDATE scans SET total = total + " + files + " WHERE scan_id = " + scanId);
    }

    public void requestStop(long scanId) {
        update("UPDATE scans SET scan_state = 'STOPPING' WHERE scan_id = " + scanId + " AND scan_state IN " + ACTIVE);
    }

    /** Ends an active scan; only the first end counts. */
    public boolean end(long scanId, ScanState state) {
        return update("UPDATE scans SET scan_state = '" + state.name() + "', active_folder_id = NULL WHERE scan_id = " + scanId
                + " AND active_folder_id IS NOT NULL") == 1;
    }

    /** Ends the scan COMPLETED if it is planned and none of its files is queued or claimed any more. */
    public boolean completeIfDone(long scanId) {
        return update("UPDATE scans SET scan_state = 'COMPLETED', active_folder_id = NULL WHERE scan_id = " + scanId
                + " AND scan_state = 'RUNNING' AND planned = TRUE AND NOT EXISTS (SELECT 1 FROM scan_items WHERE scan_id = " + scanId
                + " AND item_state <> 'DONE')") == 1;
    }

    /** Adds a chunk's counts, inside the chunk's transaction (concurrent chunks of other instances wait for the row). */
    public void count(long scanId, long tagged, long failed, String lastPath) {
        em.createNativeQuery("UPDATE scans SET done = done + " + (tagged + failed) + ", tagged = tagged + " + tagged
                        + ", failed = failed + " + failed + ", last_path = ?, updated_at = ? WHERE scan_id = " + scanId)
                .setParameter(1, lastPath)
                .setParameter(2, Times.nowUtc())
                .executeUpdate();
    }

    public Optional<ScanRow> find(long scanId) {
        return rows("SELECT " + ScanRow.COLUMNS + " FROM scans WHERE scan_id = " + scanId).stream().findFirst();
    }

    /** The scan an execution belongs to, whichever instance ran it. */
    public Optional<ScanRow> ofExecution(long executionId) {
        return rows("SELECT " + ScanRow.COLUMNS + " FROM scans WHERE scan_id IN (SELECT scan_id FROM scan_executions WHERE execution_id = "
                + executionId + ")").stream().findFirst();
    }

    public List<ScanRow> active() {
        return rows("SELECT " + ScanRow.COLUMNS + " FROM scans WHERE active_folder_id IS NOT NULL ORDER BY scan_id");
    }

    /** The instance that runs (or ran) the execution, by name; empty for executions of an older version. */
    public Optional<String> instanceOf(long executionId) {
        return strings("SELECT member_name FROM scan_executions WHERE execution_id = " + executionId).stream().findFirst();
    }

    /** Every execution of the scan, on every instance. */
    public List<Long> executionsOf(long scanId) {
        return strings("SELECT execution_id FROM scan_executions WHERE scan_id = " + scanId).stream().map(Long::valueOf).toList();
    }

    /** How many executions all scans have had, on every instance. */
    public long executionsOfAllScans() {
        return Long.parseLong(strings("SELECT COUNT(*) FROM scan_executions").get(0));
    }

    /** Executions running now, on every instance. */
    public List<Long> runningExecutions() {
        return strings("SELECT execution_id FROM scan_executions WHERE end_status IS NULL AND member_id IN (" + ClusterMember.LIVE_MEMBERS + ")")
                .stream().map(Long::valueOf).toList();
    }

    private int update(String sql) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the scans: " + e.getMessage(), e);
        }
    }

    private List<String> strings(String sql) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql);
             ResultSet rows = query.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the scans: " + e.getMessage(), e);
        }
    }

    private List<ScanRow> rows(String sql) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql);
             ResultSet rows = query.executeQuery()) {
            List<ScanRow> scans = new ArrayList<>();
            while (rows.next()) {
                scans.add(ScanRow.of(rows));
            }
            return scans;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the scans: " + e.getMessage(), e);
        }
    }

    /** One row of {@code scans}. */
    public record ScanRow(long scanId, long folderId, ScanMode mode, ScanState state, boolean planned, Long leadExecution,
                          ScanProgress progress, Timestamp startedAt) {

        static final String COLUMNS = "scan_id, folder_id, scan_mode, scan_state, planned, lead_execution, total, done, tagged, failed, skipped,"
                + " last_path, started_at, updated_at";

        static ScanRow of(ResultSet row) throws SQLException {
            long lead = row.getLong("lead_execution");
            Long leadExecution = row.wasNull() ? null : lead;
            ScanProgress progress = new ScanProgress(row.getLong("scan_id"), row.getLong("folder_id"), row.getString("scan_mode"),
                    row.getString("scan_state"), row.getLong("total"), row.getLong("done"), row.getLong("tagged"), row.getLong("failed"),
                    row.getLong("skipped"), row.getString("last_path"), row.getTimestamp("started_at").toLocalDateTime(),
                    row.getTimestamp("updated_at").toLocalDateTime());
            return new ScanRow(row.getLong("scan_id"), row.getLong("folder_id"), ScanMode.parse(row.getString("scan_mode")),
                    ScanState.valueOf(row.getString("scan_state")), row.getBoolean("planned"), leadExecution, progress,
                    row.getTimestamp("started_at"));
        }
    }
}
