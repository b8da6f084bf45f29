package org.imagetagger.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The application's metrics, on MicroProfile Metrics where the server has it (Payara), and nowhere where it
 * has not: WildFly 39 dropped MicroProfile Metrics (its metrics are Micrometer's), so the same WAR must
 * deploy without a MetricRegistry. Only {@link MicroProfileMetrics} names MicroProfile types; it is looked up
 * once the API class was found. Tags are given as name/value pairs.
 */
@ApplicationScoped
public class AppMetrics {

    private static final System.Logger LOG = System.getLogger(AppMetrics.class.getName());
    private static final String REGISTRY = "org.eclipse.microprofile.metrics.MetricRegistry";

    private Sink sink = Sink.NONE;

    @PostConstruct
    void find() {
        if (available(getClass().getClassLoader())) {
            try {
                sink = CDI.current().select(MicroProfileMetrics.class).get();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "MicroProfile Metrics API without a usable registry: {0}", e.toString());
            }
        }
        if (sink == Sink.NONE) {
            LOG.log(Level.INFO, "no MicroProfile Metrics on this server: application metrics are not recorded");
        }
    }

    /** Whether the MicroProfile Metrics API is visible to the application. */
    static boolean available(ClassLoader loader) {
        try {
            Class.forName(REGISTRY, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Adds {@code amount} to the counter {@code name} with the given tag name/value pairs. */
    public void count(String name, long amount, String... tags) {
        sink.count(name, amount, tags);
    }

    public void time(String name, Duration took, String... tags) {
        sink.time(name, took, tags);
    }

    public void gauge(String name, String description, Supplier<? extends Number> value) {
        sink.gauge(name, description, value);
    }

    /** Where metrics go; the no-op one when the server has no metrics implementation. */
    interface Sink {
        Sink NONE = new Sink() {
        };

        default void count(String name, long amount, String... tags) {
        }

        default void time(String name, Duration took, String... tags) {
        }

        default void gauge(String name, String description, Supplier<? extends Number> value) {
        }
    }
}
