package org.imagetagger.jobs.control;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The status columns of a batch runtime's JDBC job repository, the one place where the WAR knows how a server
 * stores its executions: Payara's jbatch tables or JBeret's (WildFly). Jakarta Batch has no API to end an
 * execution that a dead JVM left running, and neither runtime does it by itself after a kill -9.
 */
enum JobRepositoryTables {

    /** Payara (IBM JBatch RI): job execution and step execution tables. */
    PAYARA("jbatchexecutioninstancedata", "jobexecid", "updatetime", "jbatchstepexecutioninstancedata", ""),
    /** WildFly (JBeret's jdbc-job-repository); its version column guards against concurrent updates. */
    JBERET("job_execution", "jobexecutionid", "lastupdatedtime", "step_execution", ", version = COALESCE(version, 0) + 1");

    private static final String RUNNING = "('STARTING', 'STARTED', 'STOPPING')";

    private final String executions;
    private final String id;
    private final String updated;
    private final String steps;
    private final String touchVersion;

    JobRepositoryTables(String executions, String id, String updated, String steps, String touchVersion) {
        this.executions = executions;
        this.id = id;
        this.updated = updated;
        this.steps = steps;
        this.touchVersion = touchVersion;
    }

    /** The repositories in the connection's schema: none before the runtime created its tables, rarely both. */
    static List<JobRepositoryTables> present(Connection connection) throws SQLException {
        List<JobRepositoryTables> present = new ArrayList<>();
        DatabaseMetaData metaData = connection.getMetaData();
        String schema = connection.getSchema();
        for (JobRepositoryTables tables : values()) {
            if (exists(metaData, schema, tables.executions) && exists(metaData, schema, tables.steps)) {
                present.add(tables);
            }
        }
        return present;
    }

    /** Unquoted names: PostgreSQL keeps them in lower case, H2 in upper case. */
    private static boolean exists(DatabaseMetaData metaData, String schema, String table) throws SQLException {
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rows = metaData.getTables(null, schema, name, new String[] {"TABLE"})) {
                if (rows.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An execution the repository shows running, and when it was created. */
    record Running(long executionId, Timestamp created) {
    }

    List<Running> runningExecutions(Connection connection) throws SQLException {
        List<Running> running = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT " + id + ", createtime FROM " + executions
                + " WHERE batchstatus IN " + RUNNING + " ORDER BY " + id);
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                running.add(new Running(rows.getLong(1), rows.getTimestamp(2)));
            }
        }
        return running;
    }

    /** The execution and its running steps become FAILED, so that the execution can be restarted. */
    void markFailed(Connection connection, long executionId, String exitStatus, Timestamp now) throws SQLException {
        try (PreparedStatement job = connection.prepareStatement("UPDATE " + executions + " SET batchstatus = 'FAILED', exitstatus = ?,"
                + " endtime = ?, " + updated + " = ?" + touchVersion + " WHERE " + id + " = ? AND batchstatus IN " + RUNNING);
             PreparedStatement running = connection.prepareStatement("UPDATE " + steps + " SET batchstatus = 'FAILED', exitstatus = 'FAILED',"
                     + " endtime = ?" + touchVersion + " WHERE " + id + " = ? AND batchstatus IN " + RUNNING)) {
            job.setString(1, exitStatus);
            job.setTimestamp(2, now);
            job.setTimestamp(3, now);
            job.setLong(4, executionId);
            job.executeUpdate();
            running.setTimestamp(1, now);
            running.setLong(2, executionId);
            running.executeUpdate();
        }
    }
}
