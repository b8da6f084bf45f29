package org.imagetagger.catalog.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.imagetagger.catalog.control.FolderRegistration;
import org.imagetagger.catalog.control.FolderStore;
import org.imagetagger.catalog.entity.Folder;
import org.imagetagger.jobs.boundary.JobsResource;
import org.imagetagger.jobs.control.JobViews;
import org.imagetagger.platform.ApiException;
import org.imagetagger.scan.control.ScanAlreadyRunningException;
import org.imagetagger.scan.control.RetryLimit;
import org.imagetagger.scan.control.ScanLauncher;
import org.imagetagger.scan.entity.ScanMode;
import org.imagetagger.watch.control.FolderWatcher;

@Path("/folders")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class FoldersResource {

    @Inject
    RetryLimit retryLimit;

    @Inject
    FolderStore folders;

    @Inject
    FolderRegistration registration;

    @Inject
    ScanLauncher launcher;

    @Inject
    JobViews jobs;

    @Inject
    FolderWatcher watcher;

    @GET
    public List<FolderView> list() {
        Map<Long, FolderStore.Counts> counts = folders.counts();
        return folders.all().stream()
                .map(f -> FolderView.of(f, counts.getOrDefault(f.getId(), FolderStore.Counts.NONE), watcher.isWatching(f.getId()), null))
                .toList();
    }

    @GET
    @Path("/{id}")
    public FolderView get(@PathParam("id") long id) {
        return view(existing(id), null);
    }

    @POST
    public Response add(@Valid @NotNull FolderRequest request) {
        Folder folder = registration.register(request.path(), !Boolean.FALSE.equals(request.recursive()),
                !Boolean.FALSE.equals(request.active()));
        watcher.follow(folder, false);
        Long scan = Boolean.TRUE.equals(request.scan()) ? launcher.scan(folder.getId(), ScanMode.NEW) : null;
        return Response.created(URI.create("/api/folders/" + folder.getId())).entity(view(folder, scan)).build();
    }

    @PATCH
    @Path("/{id}")
    public FolderView change(@PathParam("id") long id, @NotNull FolderChange change) {
        Folder folder = folders.update(id, change.recursive(), change.active());
        if (folder == null) {
            throw ApiException.notFound("folder", id);
        }
        watcher.follow(folder, true);
        return view(folder, null);
    }

    @DELETE
    @Path("/{id}")
    public Response remove(@PathParam("id") long id) {
        watcher.forget(id);
        if (!folders.remove(id)) {
            throw ApiException.notFound("folder", id);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/scan")
    public Response scan(@PathParam("id") long id, ScanRequest request) {
        existing(id);
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
        try {
            return JobsResource.accepted(jobs.view(launcher.scan(id, mode)));
        } catch (ScanAlreadyRunningException running) {
            throw new ApiException(Response.Status.CONFLICT, running.getMessage(),
                    running.executionId() == null ? Map.of() : Map.of("executionId", running.executionId()));
        }
    }

    private Folder existing(long id) {
        return folders.find(id).orElseThrow(() -> ApiException.notFound("folder", id));
    }

    private FolderView view(Folder folder, Long scanExecutionId) {
        return FolderView.of(folder, folders.countsOf(folder.getId()), watcher.isWatching(folder.getId()), scanExecutionId);
    }
}
