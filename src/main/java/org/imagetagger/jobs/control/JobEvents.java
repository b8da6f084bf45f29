package org.imagetagger.jobs.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.imagetagger.jobs.boundary.JobExecutionView;

/**
 * Pushes a {@code job} event to every subscriber whenever a running execution's progress or status changes,
 * at most twice a second per execution, and once more when it ends.
 */
@ApplicationScoped
public class JobEvents {

    private static final System.Logger LOG = System.getLogger(JobEvents.class.getName());
    private static final long PERIOD_MILLIS = 500;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    JobViews views;

    private Sse sse;
    private SseBroadcaster broadcaster;
    private ScheduledFuture<?> ticker;
    private final Map<Long, String> lastSent = new HashMap<>();
    private final Set<Long> running = new HashSet<>();

    public synchronized void subscribe(SseEventSink sink, Sse sse) {
        if (broadcaster == null) {
            this.sse = sse;
            broadcaster = sse.newBroadcaster();
            ticker = scheduler.scheduleWithFixedDelay(this::tick, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
        broadcaster.register(sink);
    }

    @PreDestroy
    synchronized void close() {
        if (ticker != null) {
            ticker.cancel(false);
            broadcaster.close();
        }
    }

    private synchronized void tick() {
        try {
            Set<Long> now = views.running();
            Set<Long> watched = new HashSet<>(running);
            watched.addAll(now);
            for (long id : watched) {
                JobExecutionView view = views.view(id);
                String state = view.status() + "/" + view.progress().done() + "/" + view.progress().total();
                if (!state.equals(lastSent.get(id))) {
                    lastSent.put(id, state);
                    broadcaster.broadcast(sse.newEventBuilder().name("job").id(String.valueOf(id))
                            .mediaType(MediaType.APPLICATION_JSON_TYPE).data(JobExecutionView.class, view).build());
                }
            }
            lastSent.keySet().retainAll(watched);
            running.clear();
            running.addAll(now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot send job events: {0}", e.toString());
        }
    }
}
