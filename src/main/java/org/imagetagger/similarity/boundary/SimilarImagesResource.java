package org.imagetagger.similarity.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.imagetagger.catalog.boundary.ImagePage;
import org.imagetagger.catalog.boundary.ImageSummary;
import org.imagetagger.catalog.boundary.ImagesResource;
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.platform.ApiException;
import org.imagetagger.similarity.control.MeaningSearch;

/** {@code GET /api/images/{id}/similar}: the images nearest by meaning to this one (issue 14). */
@Path("/images/{id}/similar")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class SimilarImagesResource {

    @Inject
    ImageStore images;

    @Inject
    MeaningSearch meaning;

    @GET
    public ImagePage similar(@PathParam("id") long id, @QueryParam("size") @DefaultValue("20") @Min(1) int size) {
        images.find(id).orElseThrow(() -> ApiException.notFound("image", id));
        int clamped = Math.min(size, ImagesResource.MAX_PAGE_SIZE);
        List<ImageSummary> items = meaning.similar(id, clamped).stream().map(ImageSummary::of).toList();
        return new ImagePage(items, items.size(), 0, clamped);
    }
}
