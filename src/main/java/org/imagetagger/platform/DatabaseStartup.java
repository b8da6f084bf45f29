package org.imagetagger.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Migrates the schema at start and then fires {@link DatabaseReady}. A database that is not there yet (compose and
 * Kubernetes start it beside the server), missing or refusing us does not stop the server: it is tried again every
 * few seconds, health says why it is not ready, and the API answers 503 naming the problem until it is.
 */
@ApplicationScoped
public class DatabaseStartup {

    private static final System.Logger LOG = System.getLogger(DatabaseStartup.class.getName());
    private static final long RETRY_SECONDS = 3;

    @Inject
    DatabaseMigration migration;

    @Inject
    DatabaseAvailability availability;

    @Inject
    JpaStartup jpa;

    @Inject
    Event<DatabaseReady> ready;

    @Inject
    @ConfigProperty(name = "tagger.db.url")
    Optional<String> url;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        attempt();
    }

    private void attempt() {
        try {
            migration.migrate();
            jpa.connect();
        } catch (RuntimeException e) {
            String problem = describe(e);
            if (!Objects.equals(problem, availability.problem())) {
                LOG.log(Level.WARNING, "{0}; trying again every {1} s", problem, RETRY_SECONDS);
            }
            availability.unavailable(problem);
            scheduler.schedule(this::attempt, RETRY_SECONDS, TimeUnit.SECONDS);
            return;
        }
        availability.available();
        LOG.log(Level.INFO, "the database is ready");
        ready.fire(new DatabaseReady());
    }

    /** The driver's own words (e.g. FATAL: database "x" does not exist), not the pool's wrappers around them. */
    private String describe(Throwable failure) {
        String words = failure.getMessage();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException && cause.getMessage() != null) {
                words = cause.getMessage();
            }
        }
        return "the database " + url.map(DatabaseStartup::withoutQuery).orElse("") + " cannot be used: " + words;
    }

    /** Parameters of a JDBC URL may hold a password. */
    private static String withoutQuery(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
