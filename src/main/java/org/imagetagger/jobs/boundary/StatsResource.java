package org.imagetagger.jobs.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.imagetagger.catalog.control.FolderStore;
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.catalog.control.TagStore;
import org.imagetagger.catalog.entity.ImageStatus;
import org.imagetagger.jobs.control.JobViews;

@Path("/stats")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class StatsResource {

    public record Stats(long folders, long images, long tagged, long pending, long failed, long missing, long tags,
                        long runningJobs) {
    }

    @Inject
    FolderStore folders;

    @Inject
    ImageStore images;

    @Inject
    TagStore tags;

    @Inject
    JobViews jobs;

    @GET
    public Stats get() {
        Map<ImageStatus, Long> byStatus = images.countByStatus();
        long all = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new Stats(folders.all().size(), all, byStatus.get(ImageStatus.TAGGED), byStatus.get(ImageStatus.PENDING),
                byStatus.get(ImageStatus.FAILED), byStatus.get(ImageStatus.MISSING), tags.countDistinct(), jobs.running().size());
    }
}
