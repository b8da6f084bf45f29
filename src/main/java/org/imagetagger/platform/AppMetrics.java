package org.imagetagger.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The application's metrics, on MicroProfile Metrics where the server has it (Payara), and nothing where it
 * has not: WildFly 39 dropped MicroProfile Metrics (its metrics are Micrometer's), so the same WAR must
 * deploy without a MetricRegistry. The MicroProfile types are touched only inside {@link MpMetrics}, which
 * is loaded only after the API class was found; tags are given as name/value pairs.
 */
@ApplicationScoped
public class AppMetrics {

    private static final System.Logger LOG = System.getLogger(AppMetrics.class.getName());
    private static final String REGISTRY = "org.eclipse.microprofile.metrics.MetricRegistry";

    private Sink sink = Sink.NONE;

    @PostConstruct
    void find() {
        sink = available(getClass().getClassLoader()) ? MpMetrics.resolve().orElse(Sink.NONE) : Sink.NONE;
        if (sink == Sink.NONE) {
            LOG.log(Level.INFO, "no MicroProfile Metrics on this server: application metrics are not recorded");
        }
    }

    /** Whether the MicroProfile Metrics API is visible to the application (package-private for the test). */
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

    /** MicroProfile Metrics 5: loaded only once the API is known to be there. */
    private record MpMetrics(MetricRegistry registry) implements Sink {

        static java.util.Optional<Sink> resolve() {
            try {
                var candidates = CDI.current().select(MetricRegistry.class);
                return candidates.isResolvable() ? java.util.Optional.of(new MpMetrics(candidates.get())) : java.util.Optional.empty();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.DEBUG, "MicroProfile Metrics API without a registry: {0}", e.toString());
                return java.util.Optional.empty();
            }
        }

        @Override
        public void count(String name, long amount, String... tags) {
            registry.counter(name, tags(tags)).inc(amount);
        }

        @Override
        public void time(String name, Duration took, String... tags) {
            registry.timer(name, tags(tags)).update(took);
        }

        @Override
        public void gauge(String name, String description, Supplier<? extends Number> value) {
            registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), value, Supplier::get);
        }

        private static Tag[] tags(String... pairs) {
            Tag[] tags = new Tag[pairs.length / 2];
            for (int n = 0; n < tags.length; n++) {
                tags[n] = new Tag(pairs[2 * n], pairs[2 * n + 1]);
            }
            return tags;
        }
    }
}
