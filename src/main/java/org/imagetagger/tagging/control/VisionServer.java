package org.imagetagger.tagging.control;

import org.imagetagger.platform.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.imagetagger.tagging.entity.VisionModelMissingException;
import org.imagetagger.tagging.entity.VisionRejectedException;
import org.imagetagger.tagging.entity.VisionUnavailableException;

/** One vision server at one base URL, reached through its MicroProfile REST client; close it when replaced. */
public class VisionServer implements AutoCloseable {

    public enum Api { OLLAMA, OPENAI }

    private final String baseUrl;
    private final Api api;
    private final OllamaApi ollama;
    private final OpenAiApi openAi;
    private final Duration timeout;

    public VisionServer(String baseUrl, Api api, Duration timeout) {
        this.baseUrl = baseUrl;
        this.api = api;
        this.timeout = timeout;
        RestClientBuilder builder = RestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(10, TimeUnit.SECONDS)
                // The request's timeout (tagger.vision.timeout-seconds); a timed-out attempt is retried.
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                // Statuses are ours to interpret (retry 5xx, stop on a missing model), not exceptions.
                .property("microprofile.rest.client.disable.default.mapper", true);
        this.ollama = api == Api.OLLAMA ? builder.build(OllamaApi.class) : null;
        this.openAi = api == Api.OPENAI ? builder.build(OpenAiApi.class) : null;
    }

    /** MicroProfile REST clients hold connections until closed. */
    @Override
    public void close() {
        for (Object client : new Object[] {ollama, openAi}) {
            if (client instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // Closing a client that cannot be closed leaves it to the garbage collector, as before.
                }
            }
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Sends one chat request and returns the server's JSON reply. */
    public JsonObject chat(String request) {
        return call(() -> api == Api.OLLAMA ? ollama.chat(request) : openAi.chat(request));
    }

    /** Sends one text-embedding request ({@link VisionProtocol#embedRequest}) and returns the server's JSON reply. */
    public JsonObject embed(String request) {
        return call(() -> api == Api.OLLAMA ? ollama.embed(request) : openAi.embed(request));
    }

    public JsonObject models() {
        return call(() -> api == Api.OLLAMA ? ollama.models() : openAi.models());
    }

    private JsonObject call(java.util.function.Supplier<Response> request) {
        Response response;
        try {
            response = request.get();
        } catch (ProcessingException unreachable) {
            if (causedBy(unreachable, SocketTimeoutException.class)) {
                throw new VisionUnavailableException("vision server " + baseUrl + " did not answer within "
                        + timeout.toSeconds() + " s (tagger.vision.timeout-seconds)", unreachable);
            }
            throw new VisionUnavailableException("vision server " + baseUrl + " unreachable: " + rootMessage(unreachable), unreachable);
        }
        try (response) {
            int status = response.getStatus();
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (status == 200) {
                try (JsonReader reader = Jsons.createReader(new StringReader(body))) {
                    return reader.readObject();
                } catch (RuntimeException notJson) {
                    throw new VisionRejectedException("vision server " + baseUrl + " answered 200 with a body that is not JSON: " + start(body));
                }
            }
            String detail = "vision server " + baseUrl + " answered " + status + ": " + start(body);
            if (status == 404) {
                throw new VisionModelMissingException(detail);
            }
            if (status == 408 || status == 429 || status >= 500) {
                throw new VisionUnavailableException(detail);
            }
            throw new VisionRejectedException(detail);
        }
    }

    private static String start(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
