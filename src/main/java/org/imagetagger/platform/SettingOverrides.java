package org.imagetagger.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The overrides in force, cached: read for every image of a scan, changed rarely. {@link #change} stores and
 * then drops the cache, so the next read (the next image, the next job) sees the new values; a change made
 * through another instance is read within {@link #MAX_AGE_MILLIS}.
 */
@ApplicationScoped
public class SettingOverrides {

    private static final System.Logger LOG = System.getLogger(SettingOverrides.class.getName());

    @Inject
    SettingsStore store;

    @Inject
    DatabaseAvailability database;

    static final long MAX_AGE_MILLIS = 2000;

    private volatile Map<String, String> cached;
    private volatile long cachedAtMillis;
    // Bumped by every change: a load that began before a change must not cache what it read.
    private final AtomicLong generation = new AtomicLong();

    public Optional<String> get(String key) {
        return Optional.ofNullable(all().get(key));
    }

    public Map<String, String> all() {
        if (!database.ready()) {
            // Health and the vision check ask before the database is there: configuration applies until then.
            return Map.of();
        }
        Map<String, String> current = cached;
        if (current == null || System.currentTimeMillis() - cachedAtMillis > MAX_AGE_MILLIS) {
            long loading = generation.get();
            try {
                current = Map.copyOf(store.all());
                synchronized (this) {
                    if (generation.get() == loading) {
                        cached = current;
                        cachedAtMillis = System.currentTimeMillis();
                    }
                }
            } catch (PersistenceException unreadable) {
                LOG.log(Level.DEBUG, "settings not readable: {0}", unreadable.getMessage());
                return Map.of();
            }
        }
        return current;
    }

    /** Stores the changes in their own transaction (null removes an override), then forgets the cache. */
    public void change(Map<String, String> changes) {
        try {
            store.apply(changes);
        } finally {
            synchronized (this) {
                generation.incrementAndGet();
                cached = null;
            }
        }
    }
}
