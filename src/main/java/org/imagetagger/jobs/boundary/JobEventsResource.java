package org.imagetagger.jobs.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.imagetagger.jobs.control.JobEvents;
import org.imagetagger.platform.ApiException;

/** Live job progress as server-sent events: {@code event: job}, data = JobExecution. */
@Path("/jobs/events")
@RequestScoped
public class JobEventsResource {

    @Inject
    JobEvents events;

    @Context
    HttpServletRequest request;

    /** 503 when too many streams are open, in all or from this client address; the browser's EventSource retries. */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void subscribe(@Context SseEventSink sink, @Context Sse sse) {
        if (!events.subscribe(sink, sse, request.getRemoteAddr())) {
            throw new ApiException(Response.Status.SERVICE_UNAVAILABLE, "too many job event streams are open; try again later");
        }
    }
}
