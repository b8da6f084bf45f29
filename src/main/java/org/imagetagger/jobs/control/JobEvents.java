package org.imagetagger.jobs.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.imagetagger.jobs.boundary.JobExecutionView;

/**
 * Pushes a {@code job} event to every subscriber whenever a running execution's progress or status changes,
 * at most twice a second per execution, and once more when it ends. A comment goes to every stream every
 * {@link #HEARTBEAT_MILLIS} even while no job runs, so a client that went away is noticed (the write fails) and
 * its stream closed; the number of open streams is capped in total and per client address.
 */
@ApplicationScoped
public class JobEvents {

    private static final System.Logger LOG = System.getLogger(JobEvents.class.getName());
    private static final long PERIOD_MILLIS = 500;
    static final long HEARTBEAT_MILLIS = 5_000;
    private static final long CATALOG_PERIOD_MILLIS = 1_000;

    /** Event streams open at once, over all clients; more are answered 503. */
    @Inject
    @ConfigProperty(name = "tagger.events.max-streams", defaultValue = "64")
    int maxStreams;

    /** Event streams open at once from one client address (a browser tab each). */
    @Inject
    @ConfigProperty(name = "tagger.events.max-streams-per-client", defaultValue = "8")
    int maxStreamsPerClient;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    JobViews views;

    @Inject
    CatalogChanges catalogChanges;

    private record Subscriber(SseEventSink sink, String client) {
    }

    private Sse sse;
    private ScheduledFuture<?> ticker;
    private long lastHeartbeatMillis;
    private long lastCatalogMillis;
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final Map<Long, String> lastSent = new HashMap<>();
    private final Set<Long> running = new HashSet<>();

    /** @return false when the caps are reached: the caller answers 503 and the sink is not used */
    public synchronized boolean subscribe(SseEventSink sink, Sse sse, String client) {
        if (full(client)) {
            // Before refusing, ask the streams in the way whether their clients are still there: a write to a
            // connection the client closed fails at the latest on the second one.
            OutboundSseEvent probe = sse.newEventBuilder().comment("").build();
            for (int i = 0; i < 2; i++) {
                for (Subscriber subscriber : new ArrayList<>(subscribers)) {
                    if (subscribers.size() >= maxStreams || subscriber.client().equals(client)) {
                        send(subscriber, probe);
                    }
                }
            }
            if (full(client)) {
                return false;
            }
        }
        if (ticker == null) {
            this.sse = sse;
            ticker = scheduler.scheduleWithFixedDelay(this::tick, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
        Subscriber subscriber = new Subscriber(sink, client);
        subscribers.add(subscriber);
        send(subscriber, sse.newEventBuilder().comment("job events").build());
        return true;
    }

    private boolean full(String client) {
        subscribers.removeIf(subscriber -> subscriber.sink().isClosed());
        long fromClient = subscribers.stream().filter(subscriber -> subscriber.client().equals(client)).count();
        return subscribers.size() >= maxStreams || fromClient >= maxStreamsPerClient;
    }

    /** Open streams (for tests and metrics). */
    public synchronized int streams() {
        return subscribers.size();
    }

    @PreDestroy
    synchronized void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        for (Subscriber subscriber : subscribers) {
            closeQuietly(subscriber.sink());
        }
        subscribers.clear();
    }

    private synchronized void tick() {
        try {
            long now = System.currentTimeMillis();
            if (now - lastHeartbeatMillis >= HEARTBEAT_MILLIS) {
                lastHeartbeatMillis = now;
                broadcast(sse.newEventBuilder().comment("").build());
            }
            if (subscribers.isEmpty()) {
                lastSent.clear();
                running.clear();
                catalogChanges.reset();
                return;
            }
            if (now - lastCatalogMillis >= CATALOG_PERIOD_MILLIS) {
                lastCatalogMillis = now;
                sendCatalogChanges();
            }
            Set<Long> current = views.running();
            Set<Long> watched = new HashSet<>(running);
            watched.addAll(current);
            for (long id : watched) {
                JobExecutionView view = views.view(id);
                String state = view.status() + "/" + view.progress().done() + "/" + view.progress().total();
                if (!state.equals(lastSent.get(id))) {
                    lastSent.put(id, state);
                    broadcast(sse.newEventBuilder().name("job").id(String.valueOf(id))
                            .mediaType(MediaType.APPLICATION_JSON_TYPE).data(JobExecutionView.class, view).build());
                }
            }
            lastSent.keySet().retainAll(watched);
            running.clear();
            running.addAll(current);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot send job events: {0}", e.toString());
        }
    }

    /** A {@code catalog} event {@code {folderId, changed}} per folder whose images arrived or changed (at most once a second). */
    private void sendCatalogChanges() {
        try {
            for (CatalogChanges.Change change : catalogChanges.since()) {
                broadcast(sse.newEventBuilder().name("catalog").mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(CatalogChanges.Change.class, change).build());
            }
        } catch (java.sql.SQLException e) {
            LOG.log(Level.DEBUG, "cannot look for catalog changes: {0}", e.toString());
        }
    }

    private void broadcast(OutboundSseEvent event) {
        for (Subscriber subscriber : new ArrayList<>(subscribers)) {
            send(subscriber, event);
        }
    }

    /** A failed write (the client went away) closes the stream and forgets it. */
    private void send(Subscriber subscriber, OutboundSseEvent event) {
        if (subscriber.sink().isClosed()) {
            drop(subscriber);
            return;
        }
        try {
            subscriber.sink().send(event).whenComplete((done, failure) -> {
                if (failure != null) {
                    drop(subscriber);
                }
            });
        } catch (RuntimeException closed) {
            drop(subscriber);
        }
    }

    private synchronized void drop(Subscriber subscriber) {
        subscribers.remove(subscriber);
        closeQuietly(subscriber.sink());
    }

    private static void closeQuietly(SseEventSink sink) {
        try {
            sink.close();
        } catch (RuntimeException alreadyGone) {
            LOG.log(Level.DEBUG, "event stream already closed: {0}", alreadyGone.toString());
        }
    }
}
