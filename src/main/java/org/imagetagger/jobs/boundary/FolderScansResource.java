package org.imagetagger.jobs.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.imagetagger.catalog.control.FolderStore;
import org.imagetagger.jobs.control.JobViews;
import org.imagetagger.platform.ApiException;
import org.imagetagger.scan.control.RetryLimit;
import org.imagetagger.scan.control.ScanLauncher;
import org.imagetagger.scan.entity.ScanMode;

/** {@code POST /api/folders/{id}/scan}: starts a {@code tagImages} job on the folder and answers its execution. */
@Path("/folders/{id}/scan")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class FolderScansResource {

    @Inject
    FolderStore folders;

    @Inject
    RetryLimit retryLimit;

    @Inject
    ScanLauncher launcher;

    @Inject
    JobViews jobs;

    @POST
    public Response scan(@PathParam("id") long id, ScanRequest request) {
        folders.find(id).orElseThrow(() -> ApiException.notFound("folder", id));
        ScanMode mode;
        try {
            mode = ScanMode.parse(request == null ? null : request.mode());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (mode == ScanMode.FAILED) {
            try {
                retryLimit.check(id);
            } catch (RetryLimit.RetryLimitReachedException limit) {
                throw new ApiException(Response.Status.CONFLICT, limit.getMessage(),
                        Map.<String, Object>of("failed", limit.failed(), "maxAttempts", limit.maxAttempts()));
            }
        }
        return ScanStarts.accepted(jobs, () -> launcher.scan(id, mode));
    }
}
