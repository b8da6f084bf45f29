package org.imagetagger.jobs.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.imagetagger.jobs.control.JobEvents;

/** Live job progress as server-sent events: {@code event: job}, data = JobExecution. */
@Path("/jobs/events")
@RequestScoped
public class JobEventsResource {

    @Inject
    JobEvents events;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void subscribe(@Context SseEventSink sink, @Context Sse sse) {
        events.subscribe(sink, sse);
    }
}
