package org.imagetagger.comparison.boundary;

import org.imagetagger.platform.Jsons;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.imagetagger.comparison.control.ComparisonLauncher;
import org.imagetagger.comparison.control.ComparisonStore;
import org.imagetagger.comparison.entity.ComparisonResult;
import org.imagetagger.comparison.entity.ComparisonResult.Answer;
import org.imagetagger.jobs.control.JobViews;
import org.imagetagger.platform.ApiException;
import org.imagetagger.profiles.control.FolderProfiles;
import org.imagetagger.profiles.control.FolderProfiles.Fields;

/**
 * A comparison's answers side by side ({@code GET /api/comparisons/{executionId}}) and its adoption into the
 * folder's profile ({@code POST /api/comparisons/{executionId}/adopt}), after which a {@code stale} scan re-tags.
 */
@Path("/comparisons")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class ComparisonsResource {

    @Inject
    ComparisonLauncher launcher;

    @Inject
    ComparisonStore store;

    @Inject
    JobViews jobs;

    @Inject
    FolderProfiles profiles;

    @GET
    @Path("/{executionId}")
    public JsonObject get(@PathParam("executionId") long executionId) {
        Properties parameters = existing(executionId);
        List<ComparisonResult> results = store.results(executionId);
        JsonArrayBuilder items = Jsons.createArrayBuilder();
        List<Long> candidateMillis = new ArrayList<>();
        List<Long> candidateServerMillis = new ArrayList<>();
        List<Long> currentServerMillis = new ArrayList<>();
        double agreement = 0;
        int answered = 0;
        for (ComparisonResult result : results) {
            Answer current = result.current();
            Answer candidate = result.candidate();
            Set<String> agreed = new LinkedHashSet<>(candidate.tags());
            agreed.retainAll(current.tags());
            Set<String> all = new LinkedHashSet<>(candidate.tags());
            all.addAll(current.tags());
            JsonObjectBuilder item = Jsons.createObjectBuilder()
                    .add("imageId", result.getImageId())
                    .add("path", result.getPath())
                    .add("thumbnailUrl", "/api/images/" + result.getImageId() + "/thumbnail")
                    .add("current", answer(current))
                    .add("candidate", answer(candidate))
                    .add("agreed", Jsons.createArrayBuilder(List.copyOf(agreed)));
            nullable(item, "failure", result.getFailure());
            items.add(item);
            if (result.getFailure() == null) {
                answered++;
                agreement += all.isEmpty() ? 1 : (double) agreed.size() / all.size();
                add(candidateMillis, candidate.millis());
                add(candidateServerMillis, candidate.serverMillis());
                add(currentServerMillis, current.serverMillis());
            }
        }
        JsonObjectBuilder summary = Jsons.createObjectBuilder().add("images", results.size()).add("answered", answered);
        mean(summary, "currentServerMillisPerImage", currentServerMillis);
        mean(summary, "candidateMillisPerImage", candidateMillis);
        mean(summary, "candidateServerMillisPerImage", candidateServerMillis);
        summary.add("agreement", answered == 0 ? 0 : Math.round(1000 * agreement / answered) / 1000.0);
        JsonObjectBuilder json = Jsons.createObjectBuilder()
                .add("executionId", executionId)
                .add("folderId", Long.parseLong(parameters.getProperty("folderId")))
                .add("status", jobs.view(executionId).status())
                .add("sample", Integer.parseInt(parameters.getProperty("sample", "10")));
        nullable(json, "model", parameters.getProperty("model"));
        nullable(json, "prompt", parameters.getProperty("prompt"));
        return json.add("summary", summary).add("items", items).build();
    }

    /** The compared model and/or prompt become the folder's; the profile's other fields stay. */
    @POST
    @Path("/{executionId}/adopt")
    public JsonObject adopt(@PathParam("executionId") long executionId) {
        Properties parameters = existing(executionId);
        long folderId = Long.parseLong(parameters.getProperty("folderId"));
        Fields current = profiles.fields(folderId);
        String model = parameters.getProperty("model", current.model());
        String prompt = parameters.getProperty("prompt", current.prompt());
        Fields adopted = profiles.save(folderId, new Fields(current.context(), prompt, current.language(), model,
                current.vocabulary(), current.vocabularyOnly()));
        JsonObjectBuilder json = Jsons.createObjectBuilder().add("folderId", folderId);
        nullable(json, "model", adopted.model());
        nullable(json, "prompt", adopted.prompt());
        return json.add("fingerprint", profiles.fingerprint(folderId))
                .add("staleCount", profiles.staleCount(folderId))
                .build();
    }

    private Properties existing(long executionId) {
        Properties parameters = launcher.parameters(executionId);
        if (parameters == null) {
            throw ApiException.notFound("comparison", executionId);
        }
        return parameters;
    }

    private static JsonObject answer(Answer answer) {
        JsonObjectBuilder json = Jsons.createObjectBuilder();
        nullable(json, "model", answer.model());
        nullable(json, "description", answer.description());
        json.add("tags", Jsons.createArrayBuilder(answer.tags()));
        if (answer.millis() != null) {
            json.add("millis", answer.millis());
        }
        if (answer.serverMillis() == null) {
            json.addNull("serverMillis");
        } else {
            json.add("serverMillis", answer.serverMillis());
        }
        return json.build();
    }

    private static void add(List<Long> values, Long value) {
        if (value != null) {
            values.add(value);
        }
    }

    private static void mean(JsonObjectBuilder json, String key, List<Long> values) {
        if (values.isEmpty()) {
            json.addNull(key);
        } else {
            json.add(key, Math.round(values.stream().mapToLong(Long::longValue).average().orElse(0)));
        }
    }

    private static void nullable(JsonObjectBuilder json, String key, String value) {
        if (value == null) {
            json.addNull(key);
        } else {
            json.add(key, value);
        }
    }
}
