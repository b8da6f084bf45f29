package org.imagetagger.jobs.boundary;

import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionIsRunningException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.function.LongConsumer;
import org.imagetagger.jobs.control.JobViews;
import java.util.Map;
import org.imagetagger.platform.ApiException;
import org.imagetagger.scan.control.ScanAlreadyRunningException;
import org.imagetagger.scan.control.ScanLauncher;

@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class JobsResource {

    @Inject
    JobViews views;

    @Inject
    ScanLauncher launcher;

    @GET
    public List<JobExecutionView> list(@QueryParam("status") String status,
                                       @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(1000) int limit) {
        return views.recent(status, limit);
    }

    @GET
    @Path("/{executionId}")
    public JobExecutionView get(@PathParam("executionId") long executionId) {
        return existing(executionId);
    }

    @POST
    @Path("/{executionId}/stop")
    public Response stop(@PathParam("executionId") long executionId) {
        // Whichever instance runs it: the scan is asked to stop in the database, and each of its executions stops.
        return operate(executionId, id -> {
            if (!launcher.stop(id)) {
                throw new JobExecutionNotRunningException();
            }
        });
    }

    @POST
    @Path("/{executionId}/abandon")
    public Response abandon(@PathParam("executionId") long executionId) {
        return operate(executionId, id -> BatchRuntime.getJobOperator().abandon(id));
    }

    @POST
    @Path("/{executionId}/restart")
    public Response restart(@PathParam("executionId") long executionId) {
        existing(executionId);
        long restarted;
        try {
            restarted = launcher.restart(executionId);
        } catch (ScanAlreadyRunningException running) {
            throw new ApiException(Response.Status.CONFLICT, "execution " + executionId + " cannot be restarted: " + running.getMessage(),
                    running.executionId() == null ? Map.of() : Map.of("executionId", running.executionId()));
        } catch (JobExecutionAlreadyCompleteException | JobExecutionNotMostRecentException | JobRestartException e) {
            throw new ApiException(Response.Status.CONFLICT, "execution " + executionId + " cannot be restarted: " + e.getMessage());
        }
        return accepted(views.view(restarted));
    }

    public static Response accepted(JobExecutionView execution) {
        return Response.accepted(execution).location(URI.create("/api/jobs/" + execution.executionId())).build();
    }

    private Response operate(long executionId, LongConsumer operation) {
        existing(executionId);
        try {
            operation.accept(executionId);
        } catch (JobExecutionNotRunningException e) {
            throw new ApiException(Response.Status.CONFLICT, "execution " + executionId + " is not running");
        } catch (JobExecutionIsRunningException e) {
            throw new ApiException(Response.Status.CONFLICT, "execution " + executionId + " is still running: stop it first");
        }
        return accepted(views.view(executionId));
    }

    private JobExecutionView existing(long executionId) {
        try {
            return views.view(executionId);
        } catch (NoSuchJobExecutionException e) {
            throw ApiException.notFound("job execution", executionId);
        }
    }
}
