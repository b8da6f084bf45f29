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
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.jobs.control.JobViews;
import org.imagetagger.platform.ApiException;
import org.imagetagger.scan.control.ScanLauncher;

/** {@code POST /api/images/{id}/retag}: starts a {@code tagImages} job on this one image and answers its execution. */
@Path("/images/{id}/retag")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class RetagsResource {

    @Inject
    ImageStore images;

    @Inject
    ScanLauncher launcher;

    @Inject
    JobViews jobs;

    @POST
    public Response retag(@PathParam("id") long id) {
        Image image = images.find(id).orElseThrow(() -> ApiException.notFound("image", id));
        return ScanStarts.accepted(jobs, () -> launcher.tagOne(image.getFolderId(), java.nio.file.Path.of(image.getPath())));
    }
}
