package org.imagetagger.comparison.boundary;

import org.imagetagger.platform.Jsons;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.imagetagger.catalog.control.FolderStore;
import org.imagetagger.comparison.control.ComparisonLauncher;
import org.imagetagger.jobs.boundary.JobsResource;
import org.imagetagger.jobs.control.JobViews;
import org.imagetagger.platform.ApiException;

/**
 * {@code POST /api/folders/{id}/comparisons {model?, prompt?, sample?=10}} → 202 JobExecution: another model
 * and/or prompt on a sample of the folder's tagged images; {@code GET /api/comparisons/{executionId}} shows it.
 */
@Path("/folders/{id}/comparisons")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class FolderComparisonsResource {

    static final int MAX_SAMPLE = 50;
    private static final Pattern MODEL = Pattern.compile("[\\p{Alnum}][\\p{Alnum}._:/@+-]{0,199}");

    @Inject
    FolderStore folders;

    @Inject
    ComparisonLauncher launcher;

    @Inject
    JobViews jobs;

    @POST
    public Response start(@PathParam("id") long id, String body) {
        folders.find(id).orElseThrow(() -> ApiException.notFound("folder", id));
        JsonObject request = object(body);
        List<String> problems = new ArrayList<>();
        String model = text(request, "model", problems);
        String prompt = text(request, "prompt", problems);
        if (model != null && !MODEL.matcher(model).matches()) {
            problems.add("model must be a model name such as \"qwen2.5vl:7b\", without spaces");
        }
        if (prompt != null && prompt.length() > 8000) {
            problems.add("prompt must be at most 8000 characters");
        }
        if (model == null && prompt == null && problems.isEmpty()) {
            problems.add("name another model or prompt to compare with");
        }
        int sample = 10;
        JsonValue size = request.get("sample");
        if (size instanceof JsonNumber number && number.isIntegral() && number.intValue() >= 1 && number.intValue() <= MAX_SAMPLE) {
            sample = number.intValue();
        } else if (size != null && size != JsonValue.NULL) {
            problems.add("sample must be a whole number from 1 to " + MAX_SAMPLE);
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid comparison: " + String.join("; ", problems));
        }
        return JobsResource.accepted(jobs.view(launcher.compare(id, sample, model, prompt)));
    }

    private static String text(JsonObject request, String key, List<String> problems) {
        JsonValue value = request.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            problems.add(key + " must be a string");
            return null;
        }
        return string.getString().isBlank() ? null : string.getString().strip();
    }

    static JsonObject object(String body) {
        try (JsonReader reader = Jsons.createReader(new StringReader(body == null || body.isBlank() ? "{}" : body))) {
            if (reader.readValue() instanceof JsonObject object) {
                return object;
            }
        } catch (JsonException | IllegalStateException notJson) {
            // answered below
        }
        throw ApiException.badRequest("the body must be a JSON object");
    }
}
