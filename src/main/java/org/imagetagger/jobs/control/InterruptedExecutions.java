package org.imagetagger.jobs.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * At startup, executions that the job repository shows running although they were created before this JVM
 * started belonged to a JVM that died (kill -9, power loss): this server runs alone on its repository. They
 * are marked FAILED so that they can be restarted from their last checkpoint. The batch API neither lists
 * nor changes them (Payara reports only live executions as running), so this reads and updates the status
 * columns of Payara's job repository (jbatch tables); on another runtime the tables are absent and it does nothing.
 */
@ApplicationScoped
public class InterruptedExecutions {

    private static final System.Logger LOG = System.getLogger(InterruptedExecutions.class.getName());
    private static final String EXIT_STATUS = "FAILED: the server stopped while this execution ran; restart it to resume";

    @Resource(lookup = "jdbc/tagger")
    DataSource dataSource;

    void markAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // The job repository keeps the JVM's local time, as java.sql.Timestamp writes it.
        Timestamp jvmStart = new Timestamp(ManagementFactory.getRuntimeMXBean().getStartTime());
        Timestamp now = new Timestamp(System.currentTimeMillis());
        try (Connection connection = dataSource.getConnection()) {
            for (long executionId : staleExecutions(connection, jvmStart)) {
                markFailed(connection, executionId, now);
                LOG.log(Level.WARNING, "execution {0} was running when the server stopped; marked FAILED", executionId);
            }
        } catch (SQLException e) {
            LOG.log(Level.DEBUG, "no job repository to check yet: {0}", e.getMessage());
        }
    }

    /** Running in the repository, but older than this JVM: a redeployment must not touch live executions. */
    private static List<Long> staleExecutions(Connection connection, Timestamp jvmStart) throws SQLException {
        List<Long> stale = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT jobexecid FROM jbatchexecutioninstancedata"
                + " WHERE batchstatus IN ('STARTING', 'STARTED', 'STOPPING') AND createtime < ?")) {
            query.setTimestamp(1, jvmStart);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stale.add(rows.getLong(1));
                }
            }
        }
        return stale;
    }

    private static void markFailed(Connection connection, long executionId, Timestamp now) throws SQLException {
        try (PreparedStatement job = connection.prepareStatement("UPDATE jbatchexecutioninstancedata"
                + " SET batchstatus = 'FAILED', exitstatus = ?, endtime = ?, updatetime = ? WHERE jobexecid = ?");
             PreparedStatement steps = connection.prepareStatement("UPDATE jbatchstepexecutioninstancedata"
                     + " SET batchstatus = 'FAILED', exitstatus = 'FAILED', endtime = ?"
                     + " WHERE jobexecid = ? AND batchstatus IN ('STARTING', 'STARTED', 'STOPPING')")) {
            job.setString(1, EXIT_STATUS);
            job.setTimestamp(2, now);
            job.setTimestamp(3, now);
            job.setLong(4, executionId);
            job.executeUpdate();
            steps.setTimestamp(1, now);
            steps.setLong(2, executionId);
            steps.executeUpdate();
        }
    }
}
