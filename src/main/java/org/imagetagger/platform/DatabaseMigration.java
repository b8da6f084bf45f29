package org.imagetagger.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings the schema up to date before anything else touches the database (called by {@link DatabaseStartup}). */
@ApplicationScoped
public class DatabaseMigration {

    private static final System.Logger LOG = System.getLogger(DatabaseMigration.class.getName());

    @Resource(lookup = "jdbc/tagger")
    DataSource dataSource;

    @Inject
    DatabaseKind database;

    private volatile String schemaVersion;

    void migrate() {
        Flyway flyway = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/common",
                        "classpath:db/migration/" + (database.isPostgres() ? "postgresql" : "h2"))
                .failOnMissingLocations(false)
                // The batch job repository may share the schema and exist first (WildFly creates JBeret's tables
                // at server start): such a schema starts at version 0, so every migration still runs.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        var result = flyway.migrate();
        // The result names no version when there was nothing to do; the history table always does.
        var current = flyway.info().current();
        schemaVersion = current == null ? "empty" : current.getVersion().getVersion();
        LOG.log(Level.INFO, "database schema at version {0} ({1} migrations applied)",
                result.targetSchemaVersion, result.migrationsExecuted);
    }

    /** The schema version reached at start, or empty while (or if never) migrated. */
    public java.util.Optional<String> schemaVersion() {
        return java.util.Optional.ofNullable(schemaVersion);
    }
}
