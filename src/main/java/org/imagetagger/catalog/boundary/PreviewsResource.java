package org.imagetagger.catalog.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import org.imagetagger.catalog.control.ImageFiles;
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.imaging.ConfinedFile;
import org.imagetagger.imaging.Thumbnails;
import org.imagetagger.imaging.UntaggableImageException;
import org.imagetagger.platform.ApiException;

/**
 * The display-size rendition the viewer shows (a JPEG, longest side {@link Thumbnails#PREVIEW_SIZE}), cached on
 * disk like the thumbnails: a 20 MB original need not cross the network to be looked at.
 */
@Path("/images/{id}/preview")
@Produces("image/jpeg")
@RequestScoped
public class PreviewsResource {

    private static final int ONE_DAY = 86_400;

    @Inject
    ImageStore images;

    @Inject
    Thumbnails thumbnails;

    @Inject
    ImageFiles files;

    @GET
    public Response preview(@PathParam("id") long id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        Image image = images.find(id).orElseThrow(() -> ApiException.notFound("image", id));
        String version = ThumbnailsResource.version(image);
        EntityTag tag = new EntityTag(version + "-p" + Thumbnails.PREVIEW_SIZE);
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setMaxAge(ONE_DAY);
        if (ifNoneMatch != null && ifNoneMatch.contains(tag.toString())) {
            return Response.notModified(tag).cacheControl(cache).build();
        }
        try (ConfinedFile original = files.open(image)
                .orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND, "the file of image " + id + " is not available"))) {
            byte[] jpeg = Files.readAllBytes(thumbnails.preview(id, original, version,
                    image.getOrientation() == null ? 1 : image.getOrientation()));
            return Response.ok(jpeg).tag(tag).cacheControl(cache).build();
        } catch (UntaggableImageException e) {
            throw new ApiException(Response.Status.NOT_FOUND, "image " + id + " has no preview: " + e.getMessage());
        } catch (IOException e) {
            throw new ApiException(Response.Status.NOT_FOUND, "the preview of image " + id + " is not available");
        }
    }
}
