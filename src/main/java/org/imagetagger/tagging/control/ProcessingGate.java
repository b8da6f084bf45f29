package org.imagetagger.tagging.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.imagetagger.platform.SettingOverrides;

/**
 * Whether a model request may be sent now: inside the processing window ({@code tagger.schedule.window}) and
 * not paused by an operator. {@link VisionService} calls {@link #awaitOpen()} before it takes a request slot, so
 * a scan outside the window simply waits there (reading, checksums and everything that needs no model go on)
 * and continues when the window opens, is changed or the pause ends. Settings are looked at again every second,
 * so a change through the API or on another instance applies to requests already waiting.
 */
@ApplicationScoped
public class ProcessingGate {

    private static final System.Logger LOG = System.getLogger(ProcessingGate.class.getName());
    /** Stored like a setting (table app_settings), so every instance on the database is paused at once. */
    public static final String PAUSED = "tagger.schedule.paused";
    private static final Duration POLL = Duration.ofSeconds(1);

    @Inject
    VisionSettings settings;

    @Inject
    SettingOverrides overrides;

    private Clock clock;
    private Supplier<String> window;
    private BooleanSupplier paused;
    private Duration poll;
    private final Object lock = new Object();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile String lastLogged = "";

    /** What the admin console shows. {@code opensAt}/{@code closesAt} are the server's local time, null when not known. */
    public record State(boolean open, boolean paused, String window, String problem, LocalDateTime opensAt,
                        LocalDateTime closesAt, int waiting) {
    }

    public ProcessingGate() {
    }

    /** For tests: a clock to set and sources of the window text and the pause flag. */
    ProcessingGate(Clock clock, Supplier<String> window, BooleanSupplier paused, Duration poll) {
        this.clock = clock;
        this.window = window;
        this.paused = paused;
        this.poll = poll;
    }

    @PostConstruct
    void fromSettings() {
        clock = Clock.systemDefaultZone();
        window = settings::scheduleWindow;
        paused = () -> overrides.get(PAUSED).map(Boolean::parseBoolean).orElse(false);
        poll = POLL;
    }

    public State state() {
        LocalDateTime now = LocalDateTime.now(clock);
        boolean isPaused = paused.getAsBoolean();
        String text = window.get();
        Optional<ProcessingWindow> parsed;
        try {
            parsed = ProcessingWindow.parse(text);
        } catch (IllegalArgumentException invalid) {
            // A configuration typo must not send requests at the hours the window was meant to keep free.
            return new State(false, isPaused, text, "tagger.schedule.window is invalid: " + invalid.getMessage(), null, null, waiting.get());
        }
        if (parsed.isEmpty()) {
            return new State(!isPaused, isPaused, null, null, null, null, waiting.get());
        }
        ProcessingWindow span = parsed.get();
        boolean inside = span.contains(now.toLocalTime());
        return new State(inside && !isPaused, isPaused, span.toString(), null,
                isPaused ? null : span.nextOpening(now), span.nextClosing(now), waiting.get());
    }

    public boolean isOpen() {
        return state().open();
    }

    /** Blocks until a request may be sent; returns at once when it may. */
    public void awaitOpen() throws InterruptedException {
        State state = state();
        if (state.open()) {
            return;
        }
        waiting.incrementAndGet();
        try {
            synchronized (lock) {
                while (!state.open()) {
                    report(state);
                    lock.wait(Math.max(1, pause(state).toMillis()));
                    state = state();
                }
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Wakes the waiting requests to look at the settings again (after a pause, resume or settings change). */
    public void changed() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    public void pause() {
        overrides.change(Map.of(PAUSED, "true"));
        LOG.log(Level.INFO, "model requests paused by an operator");
        changed();
    }

    public void resume() {
        java.util.HashMap<String, String> remove = new java.util.HashMap<>();
        remove.put(PAUSED, null);
        overrides.change(remove);
        LOG.log(Level.INFO, "model requests resumed by an operator");
        changed();
    }

    private Duration pause(State state) {
        if (state.opensAt() == null) {
            return poll;
        }
        Duration untilOpen = Duration.between(LocalDateTime.now(clock), state.opensAt());
        return untilOpen.compareTo(poll) < 0 ? untilOpen.plusMillis(1) : poll;
    }

    private void report(State state) {
        String why = state.paused() ? "paused by an operator"
                : state.problem() != null ? state.problem()
                : "outside the processing window " + state.window() + ", until " + state.opensAt();
        if (!why.equals(lastLogged)) {
            lastLogged = why;
            LOG.log(Level.INFO, "model requests wait: {0}", why);
        }
    }
}
