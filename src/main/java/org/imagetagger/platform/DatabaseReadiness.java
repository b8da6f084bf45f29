package org.imagetagger.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the database answers and the schema migrations have run. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Resource(lookup = "jdbc/tagger")
    DataSource dataSource;

    @Inject
    DatabaseMigration migration;

    @Inject
    DatabaseAvailability availability;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database");
        boolean reachable;
        try (Connection connection = dataSource.getConnection()) {
            reachable = connection.isValid(2);
            response.withData("database", connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            reachable = false;
        }
        response.withData("reachable", reachable);
        if (!availability.ready()) {
            response.withData("problem", availability.problem());
        }
        migration.schemaVersion().ifPresent(version -> response.withData("schemaVersion", version));
        return response.status(reachable && migration.schemaVersion().isPresent()).build();
    }
}
