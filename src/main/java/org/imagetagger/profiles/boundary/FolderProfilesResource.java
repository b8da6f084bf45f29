package org.imagetagger.profiles.boundary;

import org.imagetagger.platform.Jsons;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.imagetagger.catalog.control.FolderStore;
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.platform.ApiException;
import org.imagetagger.profiles.control.FolderProfiles;
import org.imagetagger.profiles.control.FolderProfiles.Fields;
import org.imagetagger.tagging.control.VisionService;
import org.imagetagger.tagging.entity.TagProfile;

/**
 * {@code GET/PUT /api/folders/{id}/profile} (CONTRACT §3). A PUT changes the fields it names: {@code null}
 * clears one, a field left out stays. The answer also shows what the folder is asked with now
 * ({@code effective}), its fingerprint, how many of its images are {@code stale} and, from the server's timings,
 * about how long re-tagging them takes ({@code staleEtaSeconds}, null when unknown).
 */
@Path("/folders/{id}/profile")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class FolderProfilesResource {

    @Inject
    FolderStore folders;

    @Inject
    FolderProfiles profiles;

    @Inject
    VisionService vision;

    @Inject
    ImageStore images;

    @GET
    public JsonObject get(@PathParam("id") long id) {
        existing(id);
        return view(id, profiles.fields(id));
    }

    @PUT
    public JsonObject put(@PathParam("id") long id, String body) {
        existing(id);
        Fields changed = ProfileChanges.apply(profiles.fields(id), object(body));
        return view(id, profiles.save(id, changed));
    }

    /** Read here rather than by the runtime, so that any body that is not a JSON object gets the contract's 400. */
    private static JsonObject object(String body) {
        try (JsonReader reader = Jsons.createReader(new StringReader(body == null ? "" : body))) {
            if (reader.readValue() instanceof JsonObject object) {
                return object;
            }
        } catch (JsonException | IllegalStateException notJson) {
            // answered below
        }
        throw ApiException.badRequest("the body must be a JSON object of profile fields");
    }

    private void existing(long id) {
        folders.find(id).orElseThrow(() -> ApiException.notFound("folder", id));
    }

    private JsonObject view(long id, Fields f) {
        JsonArrayBuilder vocabulary = Jsons.createArrayBuilder();
        f.vocabulary().forEach(vocabulary::add);
        VisionService.Question question = vision.question(
                new TagProfile(f.context(), f.prompt(), f.language(), f.model(), f.vocabulary(), f.vocabularyOnly()));
        long stale = profiles.staleCount(id);
        JsonObjectBuilder json = Jsons.createObjectBuilder().add("folderId", id);
        text(json, "context", f.context());
        text(json, "prompt", f.prompt());
        text(json, "language", f.language());
        text(json, "model", f.model());
        json.add("vocabulary", vocabulary)
                .add("vocabularyOnly", f.vocabularyOnly())
                .add("effective", Jsons.createObjectBuilder()
                        .add("model", question.model())
                        .add("prompt", question.prompt()))
                .add("fingerprint", question.fingerprint())
                .add("staleCount", stale);
        // From the server's own timings of this folder, with the requests a scan keeps in flight at once.
        Double millis = images.meanServerMillis(id);
        if (millis == null || stale == 0) {
            json.addNull("staleEtaSeconds");
        } else {
            json.add("staleEtaSeconds", Math.round(stale * millis / 1000 / Math.max(1, vision.concurrency())));
        }
        return json.build();
    }

    private static void text(JsonObjectBuilder json, String key, String value) {
        if (value == null) {
            json.addNull(key);
        } else {
            json.add(key, value);
        }
    }
}
