package org.imagetagger.jobs.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imagetagger.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The crash recovery of {@link InterruptedExecutions} on the job repository tables of both servers, each in a
 * schema of its own in this run's PostgreSQL database (no application server needed; the tables are cut down
 * to the columns the class touches, named as Payara's jbatch and WildFly's JBeret repositories name them).
 */
class JobRepositoryTablesIT {

    private static final Timestamp LONG_AGO = Timestamp.valueOf("2026-01-01 10:00:00");
    private static final Timestamp JVM_START = Timestamp.valueOf("2026-01-01 12:00:00");
    private static final Timestamp NOW = Timestamp.valueOf("2026-01-01 12:00:05");

    private static final InterruptedExecutions.Owners UNRECORDED = id -> Optional.empty();

    private Connection db;
    private String schema;

    @BeforeEach
    void schemaOfItsOwn() throws SQLException {
        db = TestDatabase.connect();
        schema = "repo_" + Long.toHexString(System.nanoTime());
        sql("CREATE SCHEMA " + schema);
        db.setSchema(schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        sql("DROP SCHEMA " + schema + " CASCADE");
        db.close();
    }

    @Test
    void jberetExecutionsOfADeadJvmBecomeFailedAndLiveOrFinishedOnesStayAsTheyAre() throws SQLException {
        sql("CREATE TABLE job_execution (jobexecutionid BIGINT PRIMARY KEY, version INTEGER, createtime TIMESTAMPTZ,"
                + " endtime TIMESTAMPTZ, lastupdatedtime TIMESTAMPTZ, batchstatus VARCHAR(30), exitstatus VARCHAR(512))");
        sql("CREATE TABLE step_execution (stepexecutionid BIGINT PRIMARY KEY, jobexecutionid BIGINT, version INTEGER,"
                + " endtime TIMESTAMPTZ, batchstatus VARCHAR(30), exitstatus VARCHAR(512))");
        insertJob("job_execution", 1, LONG_AGO, "STARTED", "version, ", "1, ");
        insertJob("job_execution", 2, LONG_AGO, "COMPLETED", "version, ", "3, ");
        insertJob("job_execution", 3, NOW, "STARTED", "version, ", "1, ");
        insertJob("job_execution", 4, LONG_AGO, "STOPPING", "version, ", "NULL, ");
        sql("INSERT INTO step_execution VALUES (10, 1, 1, NULL, 'COMPLETED', 'COMPLETED'), (11, 1, 1, NULL, 'STARTED', NULL),"
                + " (12, 3, 1, NULL, 'STARTED', NULL)");

        assertEquals(List.of(JobRepositoryTables.JBERET), JobRepositoryTables.present(db));
        assertEquals(List.of(1L, 4L), InterruptedExecutions.markStale(db, JVM_START, NOW, UNRECORDED));

        assertAll(
                () -> assertEquals("FAILED", value("SELECT batchstatus FROM job_execution WHERE jobexecutionid = 1")),
                () -> assertEquals(InterruptedExecutions.EXIT_STATUS, value("SELECT exitstatus FROM job_execution WHERE jobexecutionid = 1")),
                () -> assertNotNull(value("SELECT endtime FROM job_execution WHERE jobexecutionid = 1")),
                () -> assertEquals("2", value("SELECT version FROM job_execution WHERE jobexecutionid = 1")),
                () -> assertEquals("FAILED", value("SELECT batchstatus FROM job_execution WHERE jobexecutionid = 4")),
                () -> assertEquals("1", value("SELECT version FROM job_execution WHERE jobexecutionid = 4")),
                () -> assertEquals("COMPLETED", value("SELECT batchstatus FROM job_execution WHERE jobexecutionid = 2")),
                () -> assertEquals("STARTED", value("SELECT batchstatus FROM job_execution WHERE jobexecutionid = 3"), "created by this JVM"),
                () -> assertEquals("COMPLETED", value("SELECT batchstatus FROM step_execution WHERE stepexecutionid = 10")),
                () -> assertEquals("FAILED", value("SELECT batchstatus FROM step_execution WHERE stepexecutionid = 11")),
                () -> assertEquals("STARTED", value("SELECT batchstatus FROM step_execution WHERE stepexecutionid = 12")));
    }

    @Test
    void payaraExecutionsOfADeadJvmBecomeFailed() throws SQLException {
        sql("CREATE TABLE jbatchexecutioninstancedata (jobexecid BIGINT PRIMARY KEY, createtime TIMESTAMP, endtime TIMESTAMP,"
                + " updatetime TIMESTAMP, batchstatus VARCHAR(512), exitstatus VARCHAR(512))");
        sql("CREATE TABLE jbatchstepexecutioninstancedata (stepexecid BIGINT PRIMARY KEY, jobexecid BIGINT, endtime TIMESTAMP,"
                + " batchstatus VARCHAR(512), exitstatus VARCHAR(512))");
        insertJob("jbatchexecutioninstancedata", 5, LONG_AGO, "STARTING", "", "");
        insertJob("jbatchexecutioninstancedata", 6, NOW, "STARTED", "", "");
        sql("INSERT INTO jbatchstepexecutioninstancedata VALUES (20, 5, NULL, 'STARTED', NULL)");

        assertEquals(List.of(JobRepositoryTables.PAYARA), JobRepositoryTables.present(db));
        assertEquals(List.of(5L), InterruptedExecutions.markStale(db, JVM_START, NOW, UNRECORDED));

        assertAll(
                () -> assertEquals("FAILED", value("SELECT batchstatus FROM jbatchexecutioninstancedata WHERE jobexecid = 5")),
                () -> assertEquals("2026-01-01 12:00:05", value("SELECT updatetime FROM jbatchexecutioninstancedata WHERE jobexecid = 5")),
                () -> assertEquals("STARTED", value("SELECT batchstatus FROM jbatchexecutioninstancedata WHERE jobexecid = 6")),
                () -> assertEquals("FAILED", value("SELECT batchstatus FROM jbatchstepexecutioninstancedata WHERE stepexecid = 20")));
    }

    @Test
    void anExecutionOfADeadInstanceFailsAndOneOfALiveInstanceStaysHoweverOldItIs() throws SQLException {
        sql("CREATE TABLE jbatchexecutioninstancedata (jobexecid BIGINT PRIMARY KEY, createtime TIMESTAMP, endtime TIMESTAMP,"
                + " updatetime TIMESTAMP, batchstatus VARCHAR(512), exitstatus VARCHAR(512))");
        sql("CREATE TABLE jbatchstepexecutioninstancedata (stepexecid BIGINT PRIMARY KEY, jobexecid BIGINT, endtime TIMESTAMP,"
                + " batchstatus VARCHAR(512), exitstatus VARCHAR(512))");
        insertJob("jbatchexecutioninstancedata", 7, LONG_AGO, "STARTED", "", "");
        insertJob("jbatchexecutioninstancedata", 8, NOW, "STARTED", "", "");
        Map<Long, Boolean> alive = Map.of(7L, true, 8L, false);

        assertEquals(List.of(8L), InterruptedExecutions.markStale(db, JVM_START, NOW, id -> Optional.ofNullable(alive.get(id))));
        assertEquals("STARTED", value("SELECT batchstatus FROM jbatchexecutioninstancedata WHERE jobexecid = 7"));
    }

    @Test
    void aDatabaseWithoutJobRepositoryIsLeftAlone() throws SQLException {
        sql("CREATE TABLE images (id BIGINT PRIMARY KEY)");
        assertEquals(List.of(), JobRepositoryTables.present(db));
        assertEquals(List.of(), InterruptedExecutions.markStale(db, JVM_START, NOW, UNRECORDED));
    }

    private void insertJob(String table, long id, Timestamp created, String status, String versionColumn, String version) throws SQLException {
        String idColumn = table.equals("job_execution") ? "jobexecutionid" : "jobexecid";
        sql("INSERT INTO " + table + " (" + idColumn + ", " + versionColumn + "createtime, batchstatus) VALUES ("
                + id + ", " + version + "TIMESTAMP '" + created + "', '" + status + "')");
    }

    private void sql(String statement) throws SQLException {
        try (Statement sql = db.createStatement()) {
            sql.execute(statement);
        }
    }

    private String value(String query) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
