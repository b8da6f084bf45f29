package org.imagetagger.similarity.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.imagetagger.catalog.boundary.ImageSummary;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.platform.Times;
import org.imagetagger.similarity.control.Duplicates;

/** Groups of the same picture: byte copies and near copies ({@link Duplicates}), biggest group first. */
@Path("/duplicates")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class DuplicatesResource {

    static final int MAX_PAGE_SIZE = 200;

    @Inject
    Duplicates duplicates;

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    private static int distanceOf(Duplicates.Page found, List<Image> members) {
        long first = members.get(0).getId();
        return found.groups().stream().filter(g -> g.ids().contains(first)).mapToInt(Duplicates.Group::distance).findFirst().orElse(0);
    }

    @GET
    public DuplicatePage list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                              @QueryParam("size") @DefaultValue("50") @Min(1) int size) {
        int clamped = Math.min(size, MAX_PAGE_SIZE);
        Duplicates.Page found = duplicates.page(page, clamped);
        List<Long> ids = found.groups().stream().flatMap(g -> g.ids().stream()).toList();
        Map<Long, Image> images = ids.isEmpty() ? Map.of()
                : em.createQuery("SELECT i FROM Image i WHERE i.id IN :ids", Image.class).setParameter("ids", ids)
                        .setHint("eclipselink.batch", "i.tags").setHint("eclipselink.batch.type", "IN")
                        .getResultList().stream().collect(Collectors.toMap(Image::getId, Function.identity()));
        List<DuplicateGroup> groups = found.groups().stream()
                .map(g -> g.ids().stream().map(images::get).filter(java.util.Objects::nonNull).toList())
                .filter(members -> members.size() > 1)
                .map(members -> new DuplicateGroup(members.stream().map(ImageSummary::of).toList(), distanceOf(found, members),
                        members.stream().map(i -> new DuplicateGroup.FileFacts(i.getId(), i.getSizeBytes(), Times.iso(i.getModifiedAt()))).toList()))
                .toList();
        return new DuplicatePage(groups, found.total(), page, clamped);
    }
}
