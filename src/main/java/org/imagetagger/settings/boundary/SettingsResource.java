package org.imagetagger.settings.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.imagetagger.platform.SettingOverrides;
import org.imagetagger.settings.control.VisionConnectionTest;
import org.imagetagger.sidecar.control.SidecarSettings;
import org.imagetagger.tagging.control.ProcessingGate;
import org.imagetagger.tagging.control.VisionServer;
import org.imagetagger.tagging.control.VisionSettings;

/**
 * The settings in force and changes to them (CONTRACT §3). Writes need the full token: web.xml requires the
 * writer role for every method but GET, HEAD and OPTIONS.
 */
@Path("/settings")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class SettingsResource {

    private static final System.Logger LOG = System.getLogger(SettingsResource.class.getName());
    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    VisionSettings vision;

    @Inject
    SidecarSettings sidecars;

    @Inject
    SettingOverrides overrides;

    @Inject
    VisionConnectionTest connectionTest;

    @Inject
    ProcessingGate gate;

    @GET
    public SettingsDocument get() {
        return current();
    }

    /** Stores the fields given; the next image sent to the model uses them. */
    @PUT
    public SettingsDocument put(SettingsDocument body) {
        Map<String, String> changes = SettingsChanges.of(body);
        overrides.change(changes);
        gate.changed();
        LOG.log(Level.INFO, "settings changed: {0}", String.join(", ", changes.keySet()));
        return current();
    }

    /** Drops every stored override: the configuration applies again. */
    @DELETE
    public SettingsDocument reset() {
        // The operator's pause is no setting: POST /api/vision/resume ends it.
        overrides.change(overrides.all().keySet().stream().filter(key -> !key.equals(ProcessingGate.PAUSED)).collect(
                java.util.HashMap::new, (map, key) -> map.put(key, null), Map::putAll));
        gate.changed();
        LOG.log(Level.INFO, "settings reset to the configuration");
        return current();
    }

    /** Tries the current settings, or the values of the body (e.g. a form not saved yet); the body may be empty. */
    @POST
    @Path("/vision/test")
    public VisionConnectionTest.Result test(String body) {
        ConnectionRequest request = body == null || body.isBlank() ? null : JSON.fromJson(body, ConnectionRequest.class);
        String api = request == null || request.api() == null ? null : request.api();
        String url = request == null || request.url() == null ? null : request.url();
        SettingsChanges.checkConnection(api, url);
        VisionServer.Api chosenApi = api == null ? vision.api() : VisionSettings.parseApi(api);
        List<String> urls = url == null ? vision.urls() : VisionSettings.splitUrls(url);
        String model = request == null || request.model() == null || request.model().isBlank() ? vision.model() : request.model().strip();
        return connectionTest.test(chosenApi, urls, model);
    }

    private SettingsDocument current() {
        var visionPart = new SettingsDocument.Vision(vision.api().name().toLowerCase(java.util.Locale.ROOT),
                String.join(",", vision.urls()), vision.model(), vision.concurrency(), (int) vision.timeout().toSeconds(),
                vision.maxDimension(), vision.customPrompt().orElseGet(vision::prompt), vision.customPrompt().isPresent());
        var tags = new SettingsDocument.Tags(vision.maxTags(), vision.language(), vision.synonyms());
        var sidecarPart = new SettingsDocument.Sidecars(sidecars.enabled(), sidecars.dir().map(Object::toString).orElse(null));
        var schedule = new SettingsDocument.Schedule(vision.scheduleWindow());
        return new SettingsDocument(visionPart, tags, sidecarPart, schedule, overrides.all().keySet().stream().sorted().collect(Collectors.toList()),
                new SettingsDocument.Embedding(vision.embeddingModel().orElse("")));
    }
}
