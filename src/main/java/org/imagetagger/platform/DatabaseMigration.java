package org.imagetagger.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings the schema up to date before anything else touches the database. */
@ApplicationScoped
public class DatabaseMigration {

    private static final System.Logger LOG = System.getLogger(DatabaseMigration.class.getName());

    @Resource(lookup = "jdbc/tagger")
    DataSource dataSource;

    @Inject
    DatabaseKind database;

    void migrate(@Observes @Initialized(ApplicationScoped.class) Object started) {
        var result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/common",
                        "classpath:db/migration/" + (database.isPostgres() ? "postgresql" : "h2"))
                .failOnMissingLocations(false)
                .load()
                .migrate();
        LOG.log(Level.INFO, "database schema at version {0} ({1} migrations applied)",
                result.targetSchemaVersion, result.migrationsExecuted);
    }
}
