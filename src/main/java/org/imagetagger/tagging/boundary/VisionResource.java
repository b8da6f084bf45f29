package org.imagetagger.tagging.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.imagetagger.platform.Times;
import org.imagetagger.tagging.control.ProcessingGate;
import org.imagetagger.tagging.control.VisionWaits;

/**
 * When model requests are sent: the processing window and the operator's pause, for the admin console.
 * {@code POST /api/vision/pause} holds every model request on every instance (scans wait, nothing is lost) until
 * {@code POST /api/vision/resume}; both answer the new state. Writes need the full token (web.xml).
 */
@Path("/vision")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class VisionResource {

    @Inject
    ProcessingGate gate;

    @Inject
    VisionWaits waits;

    /**
     * @param open whether a model request may be sent now
     * @param window the processing window ({@code HH:MM-HH:MM}, server time zone) or null for always
     * @param opensAt when waiting requests go on (UTC), null while paused or when open; {@code opensAtLocal} the same in the
     *                server's time zone, as the window is written
     * @param waitingRequests model requests of running scans waiting for the window or the end of the pause
     */
    public record ScheduleView(boolean open, boolean paused, String window, String problem, String opensAt,
                               String opensAtLocal, String closesAt, String closesAtLocal, int waitingRequests,
                               String serverTimeZone, VisionWait visionWait) {
    }

    /**
     * What this instance's model requests wait for while the vision server fails, in words; null when nothing waits.
     * {@code text} reads "vision server http://gpu:11434 unreachable: Connection refused; retry 3 of 6 in 8 s".
     */
    public record VisionWait(String reason, int retry, int retries, long retryInSeconds, String text) {
    }

    @GET
    @Path("/schedule")
    public ScheduleView schedule() {
        ProcessingGate.State state = gate.state();
        return new ScheduleView(state.open(), state.paused(), state.window(), state.problem(),
                state.open() ? null : utc(state.opensAt()), state.open() ? null : local(state.opensAt()),
                utc(state.closesAt()), local(state.closesAt()), state.waiting(), ZoneId.systemDefault().getId(),
                visionWait());
    }

    private VisionWait visionWait() {
        java.time.Instant now = java.time.Instant.now();
        return waits.current(now).map(w -> new VisionWait(w.reason(), w.retry(), w.retries(), w.secondsLeft(now),
                w.reason() + "; retry " + w.retry() + " of " + w.retries() + " in " + w.secondsLeft(now) + " s")).orElse(null);
    }

    @POST
    @Path("/pause")
    public ScheduleView pause() {
        gate.pause();
        return schedule();
    }

    @POST
    @Path("/resume")
    public ScheduleView resume() {
        gate.resume();
        return schedule();
    }

    private static String utc(LocalDateTime serverLocal) {
        return serverLocal == null ? null
                : Times.iso(Times.utc(serverLocal.atZone(ZoneId.systemDefault()).toInstant()));
    }

    private static String local(LocalDateTime serverLocal) {
        return serverLocal == null ? null : serverLocal.withNano(0).toString();
    }
}
