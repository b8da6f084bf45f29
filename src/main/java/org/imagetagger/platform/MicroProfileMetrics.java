package org.imagetagger.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@link AppMetrics} on MicroProfile Metrics 5 (Payara). On a server without the API (WildFly 39) CDI cannot
 * load this class and leaves it out; AppMetrics then never asks for it.
 */
@ApplicationScoped
class MicroProfileMetrics implements AppMetrics.Sink {

    @Inject
    MetricRegistry registry;

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
