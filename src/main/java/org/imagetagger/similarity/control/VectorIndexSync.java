package org.imagetagger.similarity.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.imagetagger.tagging.control.VisionSettings;
import org.imagetagger.platform.DatabaseReady;

/**
 * Keeps this instance's {@link VectorIndex} in step with {@code image_embeddings}, the truth all instances share:
 * loaded completely at start (and when the model changes), then every {@link #TICK_MILLIS} ms the rows written since
 * the last look by any instance: those written after the previous look began, less {@link #LOOK_BACK} for clocks a
 * little apart and for transactions that committed a while after they set {@code updated_at}; every
 * {@link #SWEEP_EVERY} ticks the ids still there, to drop deleted images.
 */
@ApplicationScoped
public class VectorIndexSync {

    private static final System.Logger LOG = System.getLogger(VectorIndexSync.class.getName());
    static final long TICK_MILLIS = 2000;
    static final Duration LOOK_BACK = Duration.ofSeconds(60);
    static final int SWEEP_EVERY = 15;

    @Inject
    VisionSettings settings;

    @Inject
    EmbeddingStore store;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private final VectorIndex index = new VectorIndex();
    private volatile String loadedModel;
    private volatile boolean loaded;
    private LocalDateTime previousLook;
    private int ticks;
    private String lastProblem;
    private ScheduledFuture<?> ticking;

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 900) DatabaseReady ready) {
        ticking = scheduler.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }

    /** The index of the model in force; empty while it is off or not loaded yet. */
    public Optional<VectorIndex> index() {
        Optional<String> model = settings.embeddingModel();
        return loaded && model.isPresent() && model.get().equals(loadedModel) ? Optional.of(index) : Optional.empty();
    }

    public int size() {
        return index.size();
    }

    synchronized void tick() {
        try {
            Optional<String> model = settings.embeddingModel();
            if (model.isEmpty()) {
                return;
            }
            if (!model.get().equals(loadedModel)) {
                index.clear();
                loaded = false;
                previousLook = null;
                loadedModel = model.get();
            }
            long start = System.nanoTime();
            LocalDateTime since = previousLook == null ? null : previousLook.minus(LOOK_BACK);
            LocalDateTime look = org.imagetagger.platform.Times.nowUtc();
            if (since == null) {
                int[] sized = store.countAndDimensions(model.get());
                index.reserve(sized[0] + 1024, sized[1]);
            }
            store.changedSince(model.get(), since, index::put);
            if (!loaded) {
                LOG.log(Level.INFO, "vector index of {0}: {1} embeddings loaded in {2} ms", model.get(), index.size(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                loaded = true;
            }
            previousLook = look;
            if (++ticks % SWEEP_EVERY == 0) {
                int dropped = index.retainOnly(store.ids(model.get()));
                if (dropped > 0) {
                    LOG.log(Level.DEBUG, "{0} embeddings of deleted images dropped", dropped);
                }
            }
        } catch (Throwable e) {
            // Before the database is there (or migrated) this fails; the next tick tries again. Nothing may end the
            // periodic task for good, not even an OutOfMemoryError of one load.
            String problem = e.toString();
            if (!problem.equals(lastProblem)) {
                LOG.log(Level.WARNING, "cannot look at the embeddings now: {0}", problem);
            }
            lastProblem = problem;
            if (!loaded) {
                // A full load that broke off starts again from nothing, into arrays sized at once.
                index.clear();
            }
            return;
        }
        lastProblem = null;
    }
}
