package org.imagetagger.catalog.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.imagetagger.catalog.control.TagStore;

@Path("/tags")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class TagsResource {

    @Inject
    TagStore tags;

    @GET
    public List<TagStore.TagCount> list(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
                                        @QueryParam("prefix") String prefix) {
        return tags.counts(prefix, limit);
    }
}
