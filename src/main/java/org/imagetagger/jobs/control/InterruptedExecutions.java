package org.imagetagger.jobs.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * At startup, executions that the job repository shows running although they were created before this JVM
 * started belonged to a JVM that died (kill -9, power loss): this server runs alone on its repository. They
 * are marked FAILED so that they can be restarted from their last checkpoint. The batch API neither lists
 * nor changes them (the runtimes report only live executions as running), so this updates the status columns
 * of the server's job repository through {@link JobRepositoryTables} (Payara's or JBeret's tables).
 */
@ApplicationScoped
public class InterruptedExecutions {

    private static final System.Logger LOG = System.getLogger(InterruptedExecutions.class.getName());
    static final String EXIT_STATUS = "FAILED: the server stopped while this execution ran; restart it to resume";

    @Resource(lookup = "jdbc/tagger")
    DataSource dataSource;

    void markAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // The job repositories keep the JVM's local time, as java.sql.Timestamp writes it.
        Timestamp jvmStart = new Timestamp(ManagementFactory.getRuntimeMXBean().getStartTime());
        try (Connection connection = dataSource.getConnection()) {
            markStale(connection, jvmStart, new Timestamp(System.currentTimeMillis()));
        } catch (SQLException e) {
            LOG.log(Level.DEBUG, "no job repository to check yet: {0}", e.getMessage());
        }
    }

    /** Marks the stale executions of every job repository in this database FAILED; returns their ids. */
    static List<Long> markStale(Connection connection, Timestamp jvmStart, Timestamp now) throws SQLException {
        List<Long> marked = new ArrayList<>();
        for (JobRepositoryTables tables : JobRepositoryTables.present(connection)) {
            for (long executionId : tables.staleExecutions(connection, jvmStart)) {
                tables.markFailed(connection, executionId, EXIT_STATUS, now);
                marked.add(executionId);
                LOG.log(Level.WARNING, "execution {0} was running when the server stopped; marked FAILED", executionId);
            }
        }
        return marked;
    }
}
