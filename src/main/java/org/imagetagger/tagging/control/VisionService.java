package org.imagetagger.tagging.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.imagetagger.catalog.entity.TagNormalizer;
import org.imagetagger.cluster.control.SharedLimit;
import org.imagetagger.cluster.control.SharedLimits;
import org.imagetagger.imaging.UntaggableImageException;
import org.imagetagger.platform.AppMetrics;
import org.imagetagger.tagging.entity.TagProfile;
import org.imagetagger.tagging.entity.TaggedWith;
import org.imagetagger.tagging.entity.VisionRejectedException;
import org.imagetagger.tagging.entity.VisionReply;
import org.imagetagger.tagging.entity.VisionUnavailableException;

/**
 * Asks the vision model about one image. Bounds the requests in flight over all threads
 * ({@code tagger.vision.concurrency}), hands each to a {@link VisionServerPool}, and asks again when a reply
 * does not parse. Both the total and each server's own limit hold for all instances on the database together
 * ({@link SharedLimits}).
 */
@ApplicationScoped
public class VisionService {

    private static final System.Logger LOG = System.getLogger(VisionService.class.getName());

    @Inject
    VisionSettings settings;

    @Inject
    VisionCall call;

    @Inject
    AppMetrics metrics;

    @Inject
    SharedLimits limits;

    @Inject
    ProcessingGate gate;

    private final ReplyParser parser = new ReplyParser();
    private volatile String lastOutcome = "none yet";
    private volatile Connection connection;

    /** The servers of one configuration and the permits bounding all requests in flight over them. */
    private record Connection(Key key, VisionServerPool pool, SharedLimit permits) {
    }

    /** What the connection is built from; when a setting in it changes, the next request builds a new one. */
    private record Key(VisionServer.Api api, List<String> urls, int concurrency, Duration timeout) {
    }

    @PostConstruct
    void registerGauges() {
        metrics.gauge("tagger.vision.requests.in.flight", "vision requests sent and not yet answered", this::requestsInFlight);
        metrics.gauge("tagger.vision.servers.in.rotation", "vision servers not paused by their circuit breaker",
                () -> serversInRotation().size());
    }

    private long requestsInFlight() {
        Connection current = connection;
        return current == null ? 0 : current.permits.inUse();
    }

    /** Base URLs of the servers that currently get requests. */
    public List<String> serversInRotation() {
        Connection current = connection;
        return current == null ? settings.urls() : current.pool.inRotation();
    }

    /** Requests this service keeps in flight at most, as configured now. */
    public int concurrency() {
        return settings.concurrency();
    }

    /** How the last request ended, for the readiness report: "ok at <time>" or the failure. */
    public String lastOutcome() {
        return lastOutcome;
    }

    public String model() {
        return settings.model();
    }

    /**
     * What an image of a folder with this profile is asked now: the settings in force with the profile's
     * overrides. Its fingerprint is what a {@code stale} scan compares.
     */
    public record Question(String model, String prompt, List<String> vocabulary, boolean vocabularyOnly, String fingerprint) {

        /** The tags the answer's schema allows; empty for any. */
        public List<String> allowedTags() {
            return vocabularyOnly ? vocabulary : List.of();
        }
    }

    public Question question(TagProfile profile) {
        String model = profile.model() != null ? profile.model() : settings.model();
        List<String> vocabulary = profile.leaves();
        boolean only = profile.vocabularyOnly() && !vocabulary.isEmpty();
        String prompt = Prompts.withProfile(settings.prompt(profile.prompt(), profile.language()), profile.context(), vocabulary, only);
        return new Question(model, prompt, vocabulary, only,
                RequestFingerprint.of(model, prompt, only ? vocabulary : List.of()));
    }

    /** As {@link #describe(byte[], TagProfile)} with the global settings only. */
    public VisionReply describe(byte[] jpeg) throws UntaggableImageException {
        return describe(jpeg, TagProfile.NONE);
    }

    /**
     * The description and normalised tags of a JPEG, asked as the folder profile says. Throws
     * {@link UntaggableImageException} when this image cannot be tagged, and runtime vision exceptions when no
     * image can be tagged right now.
     */
    public VisionReply describe(byte[] jpeg, TagProfile profile) throws UntaggableImageException {
        VisionProtocol protocol = protocol();
        Question question = question(profile);
        String request = protocol.chatRequest(question.model(), question.prompt(), Base64.getEncoder().encodeToString(jpeg),
                TagSchema.schema(question.allowedTags())).toString();
        UnparseableReplyException lastProblem = null;
        for (int attempt = 1; attempt <= settings.parseAttempts(); attempt++) {
            JsonObject reply = send(request);
            try {
                VisionReply parsed = parser.parse(protocol.content(reply));
                // The controlled vocabulary (tagger.tags.synonyms) of the settings in force, then the folder's.
                TagNormalizer normalizer = new TagNormalizer(settings.synonyms(), question.vocabulary(), question.vocabularyOnly());
                return new VisionReply(parsed.description(), normalizer.normalize(parsed.tags(), settings.maxTags()),
                        new TaggedWith(question.model(), question.fingerprint(), protocol.serverMillis(reply), protocol.evalCount(reply)));
            } catch (UnparseableReplyException e) {
                LOG.log(Level.DEBUG, "attempt {0}: {1}", attempt, e.getMessage());
                lastProblem = e;
            }
        }
        throw new UntaggableImageException(lastProblem.getMessage() + " (asked " + settings.parseAttempts() + " times)");
    }

    /**
     * One vector per text from the embedding model, in one request through the same slots, servers and retries as
     * the chat requests. Throws {@link org.imagetagger.tagging.entity.VisionModelMissingException} when the servers
     * lack the model, and the runtime vision exceptions when they cannot answer now.
     */
    public List<float[]> embed(String model, List<String> texts) {
        VisionProtocol protocol = protocol();
        String request = protocol.embedRequest(model, texts).toString();
        try {
            List<float[]> vectors = protocol.embeddings(send(request, true));
            if (vectors.size() != texts.size()) {
                throw new VisionRejectedException("asked " + texts.size() + " embeddings, got " + vectors.size());
            }
            return vectors;
        } catch (UntaggableImageException | UnparseableReplyException e) {
            throw new VisionRejectedException("embedding request refused: " + e.getMessage());
        }
    }

    /**
     * The embedding of one search text: one request to the healthiest server, without waiting for a slot of the
     * shared limit (a search must not queue behind a scan's images) and without retries (the search then falls back
     * to words).
     */
    public float[] embedQuery(String model, String text) {
        VisionProtocol protocol = protocol();
        JsonObject reply = connection().pool.leastFailing().embed(protocol.embedRequest(model, List.of(text)).toString());
        try {
            List<float[]> vectors = protocol.embeddings(reply);
            if (vectors.size() != 1) {
                throw new VisionRejectedException("asked one embedding, got " + vectors.size());
            }
            return vectors.get(0);
        } catch (UnparseableReplyException e) {
            throw new VisionRejectedException("embedding reply: " + e.getMessage());
        }
    }

    private JsonObject send(String request) throws UntaggableImageException {
        return send(request, false);
    }

    private JsonObject send(String request, boolean embedding) throws UntaggableImageException {
        Connection current;
        try {
            // Outside the processing window (or while paused) the request waits here, holding no slot; a slot
            // that was waited for while the window closed is given back. The connection is taken after the
            // wait: settings changed meanwhile apply.
            while (true) {
                gate.awaitOpen();
                current = connection();
                current.permits.acquire();
                if (gate.isOpen()) {
                    break;
                }
                current.permits.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VisionUnavailableException("interrupted while waiting for a free vision request slot");
        }
        try {
            Backoff backoff = new Backoff(settings.retryDelay(), settings.retryDelay().multipliedBy(16));
            JsonObject reply = (embedding ? call.embed(current.pool, request, backoff) : call.chat(current.pool, request, backoff))
                    .toCompletableFuture().get();
            if (!embedding) {
                lastOutcome = "ok at " + Instant.now();
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VisionUnavailableException("interrupted while waiting for the vision server");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (!embedding) {
                lastOutcome = "failed at " + Instant.now() + ": " + cause.getMessage();
            }
            if (cause instanceof VisionRejectedException rejected) {
                throw new UntaggableImageException(rejected.getMessage());
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new VisionUnavailableException("vision request failed: " + inWords(cause), cause);
        } finally {
            current.permits.release();
        }
    }

    /** A failure as people read it: no exception class names (a timeout of Fault Tolerance has no message of its own). */
    static String inWords(Throwable cause) {
        if (cause instanceof java.util.concurrent.TimeoutException
                || cause instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
            return "no answer within the timeout (tagger.vision.timeout-seconds)";
        }
        if (cause instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException) {
            return "the vision server failed too often; requests pause before the next try";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? "the vision server did not answer" : message;
    }

    /** The connection for the settings of this moment: settings changed through the API apply to the next request. */
    private Connection connection() {
        Key key = new Key(settings.api(), settings.urls(), settings.concurrency(), settings.timeout());
        Connection current = connection;
        if (current != null && current.key.equals(key)) {
            return current;
        }
        synchronized (this) {
            if (connection == null || !connection.key.equals(key)) {
                List<ServerAddress> addresses = ServerAddress.parseAll(key.urls(), key.concurrency());
                VisionServerPool pool = new VisionServerPool(addresses,
                        address -> new VisionServer(address.baseUrl(), key.api(), key.timeout()),
                        address -> limits.limit("vision " + address.baseUrl(), address.parallel()), key.timeout().dividedBy(2));
                Connection replaced = connection;
                connection = new Connection(key, pool, limits.limit("vision", key.concurrency()));
                if (replaced != null) {
                    replaced.pool.retire();
                }
            }
            return connection;
        }
    }

    private VisionProtocol protocol() {
        return settings.api() == VisionServer.Api.OLLAMA ? new OllamaProtocol() : new OpenAiProtocol();
    }
}
