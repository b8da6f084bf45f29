package org.imagetagger.catalog.boundary;

import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
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

    @GET
    public Stats get() {
        Map<ImageStatus, Long> byStatus = images.countByStatus();
        long all = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new Stats(folders.all().size(), all, byStatus.get(ImageStatus.TAGGED), byStatus.get(ImageStatus.PENDING),
                byStatus.get(ImageStatus.FAILED), byStatus.get(ImageStatus.MISSING), tags.countDistinct(), runningJobs());
    }

    private static long runningJobs() {
        var operator = BatchRuntime.getJobOperator();
        long running = 0;
        for (String name : operator.getJobNames()) {
            try {
                running += operator.getRunningExecutions(name).size();
            } catch (NoSuchJobException e) {
                // a job name without executions in this repository
            }
        }
        return running;
    }
}
