package org.imagetagger.catalog.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.imagetagger.catalog.control.ImageFiles;
import org.imagetagger.catalog.control.ImageSearch;
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.catalog.control.ManualTags;
import org.imagetagger.catalog.control.SearchByMeaning;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.catalog.entity.ImageStatus;
import org.imagetagger.catalog.entity.TagNormalizer;
import org.imagetagger.imaging.ConfinedFile;
import org.imagetagger.imaging.Exposure;
import org.imagetagger.imaging.ExposureReader;
import org.imagetagger.imaging.ImageFormats;
import org.imagetagger.platform.ApiException;
import org.imagetagger.platform.ByteRanges;

@Path("/images")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class ImagesResource {

    public static final int MAX_PAGE_SIZE = 200;

    @Inject
    ImageSearch search;

    @Inject
    ImageStore images;

    @Inject
    SearchByMeaning meaning;

    @Inject
    ManualTags manualTags;

    @Inject
    ImageFiles imageFiles;

    private final TagNormalizer normalizer = new TagNormalizer();
    private ConfinedFile opened;

    @GET
    public ImagePage list(@QueryParam("q") String text,
                          @QueryParam("tag") List<String> tags,
                          @QueryParam("anyTag") List<String> anyTags,
                          @QueryParam("notTag") List<String> notTags,
                          @QueryParam("folderId") Long folderId,
                          @QueryParam("status") String status,
                          @QueryParam("sort") String sort,
                          @QueryParam("takenFrom") String takenFrom,
                          @QueryParam("takenTo") String takenTo,
                          @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                          @QueryParam("size") @DefaultValue("50") @Min(1) int size,
                          @QueryParam("after") String after,
                          @QueryParam("match") String match) {
        int clamped = Math.min(size, MAX_PAGE_SIZE);
        if ((long) page * clamped > Integer.MAX_VALUE - clamped) {
            throw ApiException.badRequest("page " + page + " lies beyond any result: page × size must stay below " + Integer.MAX_VALUE);
        }
        List<String> all = tagNames(tags);
        List<String> any = tagNames(anyTags);
        // A filter that names no possible tag (tag=!!!, a tag of 100 letters) matches nothing, rather than being
        // dropped and matching everything; one impossible notTag excludes nothing.
        boolean impossible = all.size() < given(tags) || (given(anyTags) > 0 && any.isEmpty());
        ImageSearch.Criteria criteria = new ImageSearch.Criteria(text, all, any, tagNames(notTags),
                folderId, parse(ImageStatus.class, "status", status), TakenRange.parse(takenFrom, takenTo),
                sortOf(sort, text), page, clamped, cursor(after));
        if (impossible) {
            return new ImagePage(List.of(), 0, page, clamped);
        }
        try {
            // Search by meaning (issue 14) where it can answer; words otherwise.
            ImageSearch.Page found = meaning.find(criteria, match).orElseGet(() -> search.find(criteria));
            return new ImagePage(found.items().stream().map(ImageSummary::of).toList(), found.total(), page, clamped, found.nextCursor());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /**
     * The timeline of the results (the same filters as the list): {@code [{year, month, count, cursor}]}, newest
     * month first ({@code sort=oldest}: oldest first); {@code after=<cursor>} on the list starts at that month.
     */
    @GET
    @Path("/timeline")
    public List<ImageSearch.Month> timeline(@QueryParam("q") String text,
                                            @QueryParam("tag") List<String> tags,
                                            @QueryParam("anyTag") List<String> anyTags,
                                            @QueryParam("notTag") List<String> notTags,
                                            @QueryParam("folderId") Long folderId,
                                            @QueryParam("status") String status,
                                            @QueryParam("sort") String sort,
                                            @QueryParam("takenFrom") String takenFrom,
                                            @QueryParam("takenTo") String takenTo) {
        List<String> all = tagNames(tags);
        List<String> any = tagNames(anyTags);
        if (all.size() < given(tags) || (given(anyTags) > 0 && any.isEmpty())) {
            return List.of();
        }
        ImageSearch.Sort order = "oldest".equalsIgnoreCase(sort) ? ImageSearch.Sort.OLDEST : ImageSearch.Sort.NEWEST;
        return search.timeline(new ImageSearch.Criteria(text, all, any, tagNames(notTags), folderId,
                parse(ImageStatus.class, "status", status), TakenRange.parse(takenFrom, takenTo), order, 0, 1));
    }

    private static org.imagetagger.catalog.control.PageCursor cursor(String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            return org.imagetagger.catalog.control.PageCursor.parse(after);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("after must be a nextCursor or a timeline cursor of this API, not '" + after + "'");
        }
    }

    @GET
    @Path("/{id}")
    public ImageDetail get(@PathParam("id") long id) {
        Image image = existing(id);
        return ImageDetail.of(image, exposure(image));
    }

    @PUT
    @Path("/{id}/tags")
    public ImageDetail replaceTags(@PathParam("id") long id, @Valid @NotNull TagsRequest request) {
        manualTags.replace(id, request.tags()).orElseThrow(() -> ApiException.notFound("image", id));
        return ImageDetail.of(existing(id));
    }

    /**
     * Serves only the file a catalogued image points at; there is no endpoint that takes a path. The bytes come
     * from the file opened inside its folder ({@link ImageFiles#open}), exactly as many as the Content-Length says.
     */
    @GET
    @Path("/{id}/file")
    @Produces(MediaType.WILDCARD)
    public Response file(@PathParam("id") long id, @HeaderParam("Range") String range) {
        ConfinedFile file = imageFiles.open(existing(id))
                .orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND, "the file of image " + id + " is not available"));
        opened = file;
        // Bytes of the one file opened and confined above, never of what the path names by the time the body is written.
        return ByteRanges.serve(file::channel, file.size(), ImageFormats.contentType(file.path()), range);
    }

    /** A file opened for a response that was never written (HEAD, a failure) is closed with the request. */
    @PreDestroy
    void closeOpenedFile() {
        if (opened != null) {
            try {
                opened.close();
            } catch (IOException ignored) {
                // read-only: nothing to lose
            }
        }
    }

    /** Read from the file on demand; a file that cannot be opened now has none. */
    private Exposure exposure(Image image) {
        try (ConfinedFile file = imageFiles.open(image).orElse(null)) {
            return file == null ? Exposure.none() : new ExposureReader().read(file);
        } catch (IOException e) {
            return Exposure.none();
        }
    }

    private Image existing(long id) {
        return images.find(id).orElseThrow(() -> ApiException.notFound("image", id));
    }

    /** Each filter value as a tag name; a value that cannot be a tag is left out (see {@link #given}). */
    private List<String> tagNames(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        return raw.stream().filter(value -> value != null && !value.isBlank())
                .flatMap(value -> normalizer.normalize(List.of(value), 1).stream()).distinct().toList();
    }

    /** How many distinct tags the filter values would name if each were a possible tag. */
    private int given(List<String> raw) {
        if (raw == null) {
            return 0;
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String value : raw) {
            if (value != null && !value.isBlank()) {
                List<String> name = normalizer.normalize(List.of(value), 1);
                names.add(name.isEmpty() ? "\0impossible:" + value : name.get(0));
            }
        }
        return names.size();
    }

    private static ImageSearch.Sort sortOf(String sort, String text) {
        if (sort == null || sort.isBlank()) {
            return text == null || text.isBlank() ? ImageSearch.Sort.NEWEST : ImageSearch.Sort.RELEVANCE;
        }
        return parse(ImageSearch.Sort.class, "sort", sort);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    .toLowerCase(Locale.ROOT) + ", not '" + value + "'");
        }
    }
}
