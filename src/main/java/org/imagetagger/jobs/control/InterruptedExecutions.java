package org.imagetagger.jobs.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.imagetagger.cluster.control.ClusterMember;
import org.imagetagger.platform.DatabaseReady;

/**
 * Executions that the job repository shows running although the instance that ran them is dead (kill -9, power
 * loss) are marked FAILED, at startup and then every few seconds, so that they show what happened and can be
 * restarted. An execution belongs to the instance {@code scan_executions} names; one without a record there
 * (started by an earlier version, or between its start and its record) counts as dead only when it was created
 * before every live instance started. Executions of live instances are never touched. The batch API neither
 * lists nor changes them (the runtimes report only their own executions as running), so this updates the
 * status columns of the server's job repository through {@link JobRepositoryTables}.
 */
@ApplicationScoped
public class InterruptedExecutions {

    private static final System.Logger LOG = System.getLogger(InterruptedExecutions.class.getName());
    static final String EXIT_STATUS = "FAILED: the server running this execution stopped; its scan goes on elsewhere or can be restarted";
    static final long PERIOD_SECONDS = 5;

    @Resource(lookup = "jdbc/tagger")
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> checking;

    /** After the cluster membership: this instance is among the live ones. */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 650) DatabaseReady ready) {
        checking = scheduler.scheduleWithFixedDelay(this::check, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (checking != null) {
            checking.cancel(false);
        }
    }

    private void check() {
        // The job repositories keep the JVM's local time, as java.sql.Timestamp writes it.
        Timestamp jvmStart = new Timestamp(ManagementFactory.getRuntimeMXBean().getStartTime());
        try (Connection connection = dataSource.getConnection()) {
            Timestamp unrecordedBefore = earliestLiveStart(connection).filter(t -> t.before(jvmStart)).orElse(jvmStart);
            List<Long> failed = markStale(connection, unrecordedBefore, new Timestamp(System.currentTimeMillis()), id -> ownerAlive(connection, id));
            for (long executionId : failed) {
                try (PreparedStatement ended = connection.prepareStatement("UPDATE scan_executions SET end_status = 'FAILED' WHERE execution_id = ?")) {
                    ended.setLong(1, executionId);
                    ended.executeUpdate();
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.DEBUG, "no job repository to check yet: {0}", e.toString());
        }
    }

    /** Whose an execution is: empty when not recorded, else whether its instance is alive. */
    interface Owners {
        Optional<Boolean> ownerAlive(long executionId) throws SQLException;
    }

    /** Marks the executions of dead instances in every job repository of this database FAILED; returns their ids. */
    static List<Long> markStale(Connection connection, Timestamp unrecordedBefore, Timestamp now, Owners owners) throws SQLException {
        List<Long> marked = new ArrayList<>();
        for (JobRepositoryTables tables : JobRepositoryTables.present(connection)) {
            for (JobRepositoryTables.Running running : tables.runningExecutions(connection)) {
                Optional<Boolean> alive = owners.ownerAlive(running.executionId());
                boolean dead = alive.map(a -> !a).orElse(running.created().before(unrecordedBefore));
                if (dead) {
                    tables.markFailed(connection, running.executionId(), EXIT_STATUS, now);
                    marked.add(running.executionId());
                    LOG.log(Level.WARNING, "execution {0} was running on a server that stopped; marked FAILED", running.executionId());
                }
            }
        }
        return marked;
    }

    private static Optional<Boolean> ownerAlive(Connection connection, long executionId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT member_id IN (" + ClusterMember.LIVE_MEMBERS + ")"
                + " FROM scan_executions WHERE execution_id = ?")) {
            query.setLong(1, executionId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getBoolean(1)) : Optional.empty();
            }
        }
    }

    private static Optional<Timestamp> earliestLiveStart(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT MIN(started_at) FROM cluster_members WHERE member_id IN ("
                + ClusterMember.LIVE_MEMBERS + ")");
             ResultSet rows = query.executeQuery()) {
            return rows.next() ? Optional.ofNullable(rows.getTimestamp(1)) : Optional.empty();
        }
    }
}
