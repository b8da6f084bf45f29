package org.imagetagger.imaging.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.imagetagger.imaging.MediaKinds;

/** {@code GET /api/media}: which media kinds this server reads, and what to install for the others (admin console). */
@Path("/media")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class MediaResource {

    public record MediaView(List<MediaKinds.Status> kinds) {
    }

    @GET
    public MediaView kinds() {
        return new MediaView(MediaKinds.report());
    }
}
