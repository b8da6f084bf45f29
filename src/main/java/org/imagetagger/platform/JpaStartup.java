package org.imagetagger.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * Logs EclipseLink in once the database is there. persistence.xml deploys the unit for validation only, so that a
 * server started before its database still deploys (Payara opens an EntityManager while deploying); this deploys it
 * again for real, logged in, with the platform detected from the database (PostgreSQL, or H2 when embedded).
 * Through reflection, because the WAR does not compile against a provider: Hibernate (WildFly) has no such step.
 */
@ApplicationScoped
public class JpaStartup {

    private static final System.Logger LOG = System.getLogger(JpaStartup.class.getName());
    private static final String ECLIPSELINK_FACTORY = "org.eclipse.persistence.jpa.JpaEntityManagerFactory";

    @PersistenceUnit(unitName = "tagger")
    EntityManagerFactory factory;

    void connect() {
        Class<?> eclipseLink;
        try {
            eclipseLink = Class.forName(ECLIPSELINK_FACTORY, false, factory.getClass().getClassLoader());
        } catch (ClassNotFoundException otherProvider) {
            return;
        }
        Object unit = factory.unwrap(eclipseLink);
        try {
            unit.getClass().getMethod("refreshMetadata", Map.class).invoke(unit, Map.of(
                    "eclipselink.validation-only", "false",
                    "eclipselink.target-database", "Auto"));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot deploy the persistence unit: " + e, e);
        }
        factory.createEntityManager().close();
        LOG.log(Level.DEBUG, "EclipseLink logged in");
    }
}
