package org.imagetagger.catalog.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
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
import org.imagetagger.catalog.control.FolderWatching;
import org.imagetagger.catalog.control.NewFolderScan;
import org.imagetagger.catalog.entity.Folder;
import org.imagetagger.catalog.entity.FolderChanged;
import org.imagetagger.catalog.entity.FolderRemoved;
import org.imagetagger.platform.ApiException;

@Path("/folders")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class FoldersResource {

    @Inject
    FolderStore folders;

    @Inject
    FolderRegistration registration;

    @Inject
    NewFolderScan scans;

    @Inject
    FolderWatching watching;

    @Inject
    Event<FolderChanged> changed;

    @Inject
    Event<FolderRemoved> removed;

    @GET
    public List<FolderView> list() {
        Map<Long, FolderStore.Counts> counts = folders.counts();
        return folders.all().stream()
                .map(f -> FolderView.of(f, counts.getOrDefault(f.getId(), FolderStore.Counts.NONE), watching.isWatching(f.getId()), null))
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
        changed.fire(new FolderChanged(folder, true));
        Long scan = Boolean.TRUE.equals(request.scan()) ? scans.scanNewFolder(folder.getId()) : null;
        return Response.created(URI.create("/api/folders/" + folder.getId())).entity(view(folder, scan)).build();
    }

    @PATCH
    @Path("/{id}")
    public FolderView change(@PathParam("id") long id, @NotNull FolderChange change) {
        Folder folder = folders.update(id, change.recursive(), change.active());
        if (folder == null) {
            throw ApiException.notFound("folder", id);
        }
        changed.fire(new FolderChanged(folder, false));
        return view(folder, null);
    }

    @DELETE
    @Path("/{id}")
    public Response remove(@PathParam("id") long id) {
        removed.fire(new FolderRemoved(id));
        if (!folders.remove(id)) {
            throw ApiException.notFound("folder", id);
        }
        return Response.noContent().build();
    }

    private Folder existing(long id) {
        return folders.find(id).orElseThrow(() -> ApiException.notFound("folder", id));
    }

    private FolderView view(Folder folder, Long scanExecutionId) {
        return FolderView.of(folder, folders.countsOf(folder.getId()), watching.isWatching(folder.getId()), scanExecutionId);
    }
}
