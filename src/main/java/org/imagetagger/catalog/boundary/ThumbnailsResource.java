package org.imagetagger.catalog.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

/** Thumbnails of catalogued images, by id only: no path ever reaches the file system from here. */
@Path("/images/{id}/thumbnail")
@Produces("image/jpeg")
@RequestScoped
public class ThumbnailsResource {

    private static final int ONE_DAY = 86_400;

    @Inject
    ImageStore images;

    @Inject
    Thumbnails thumbnails;

    @Inject
    ImageFiles files;

    @GET
    public Response thumbnail(@PathParam("id") long id, @QueryParam("size") @DefaultValue("256") int size,
                              @HeaderParam("If-None-Match") String ifNoneMatch) {
        Image image = images.find(id).orElseThrow(() -> ApiException.notFound("image", id));
        int clamped = Thumbnails.clamp(size);
        String version = version(image);
        EntityTag tag = new EntityTag(version + "-" + clamped);
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setMaxAge(ONE_DAY);
        if (ifNoneMatch != null && ifNoneMatch.contains(tag.toString())) {
            return Response.notModified(tag).cacheControl(cache).build();
        }
        // Opened like the original, and the thumbnail is made from that open file: nothing from outside the
        // folder is ever decoded or cached, however the path is swapped meanwhile.
        try (ConfinedFile original = files.open(image)
                .orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND, "the file of image " + id + " is not available"))) {
            byte[] jpeg = Files.readAllBytes(thumbnails.thumbnail(id, original, version, clamped,
                    image.getOrientation() == null ? 1 : image.getOrientation()));
            return Response.ok(jpeg).tag(tag).cacheControl(cache).build();
        } catch (UntaggableImageException e) {
            throw new ApiException(Response.Status.NOT_FOUND, "image " + id + " has no thumbnail: " + e.getMessage());
        } catch (IOException e) {
            throw new ApiException(Response.Status.NOT_FOUND, "the thumbnail of image " + id + " is not available");
        }
    }

    /** Changes when the file does: its checksum, or its size and time before the first checksum. */
    static String version(Image image) {
        String checksum = image.getChecksum();
        if (checksum != null && checksum.length() >= 16) {
            return checksum.substring(0, 16);
        }
        return Long.toHexString(image.getSizeBytes()) + Long.toHexString(image.getModifiedAt().hashCode() & 0xffffffffL);
    }
}
