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
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.imagetagger.platform.AppMetrics;
import org.imagetagger.tagging.entity.UntaggableImageException;
import org.imagetagger.tagging.entity.VisionRejectedException;
import org.imagetagger.tagging.entity.VisionReply;
import org.imagetagger.tagging.entity.VisionUnavailableException;

/**
 * Asks the vision model about one image. Bounds the requests in flight over all batch threads,
 * spreads them over the configured servers, and asks again when a reply does not parse.
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

    private final ReplyParser parser = new ReplyParser();
    private final TagNormalizer normalizer = new TagNormalizer();
    private final AtomicInteger nextServer = new AtomicInteger();
    private final AtomicInteger requestsInFlight = new AtomicInteger();
    private volatile String lastOutcome = "none yet";
    private Semaphore inFlight;
    private List<VisionServer> servers;

    @PostConstruct
    void connect() {
        inFlight = new Semaphore(settings.concurrency(), true);
        servers = settings.urls().stream().map(url -> new VisionServer(url, settings.api(), settings.timeout())).toList();
        metrics.gauge("tagger.vision.requests.in.flight", "vision requests sent and not yet answered", requestsInFlight::get);
    }

    /** How the last request ended, for the readiness report: "ok at <time>" or the failure. */
    public String lastOutcome() {
        return lastOutcome;
    }

    public String model() {
        return settings.model();
    }

    /**
     * The description and normalised tags of a JPEG. Throws {@link UntaggableImageException} when this
     * image cannot be tagged, and runtime vision exceptions when no image can be tagged right now.
     */
    public VisionReply describe(byte[] jpeg) throws UntaggableImageException {
        VisionProtocol protocol = protocol();
        String request = protocol.chatRequest(settings.model(), settings.prompt(), Base64.getEncoder().encodeToString(jpeg)).toString();
        UnparseableReplyException lastProblem = null;
        for (int attempt = 1; attempt <= settings.parseAttempts(); attempt++) {
            JsonObject reply = send(request);
            try {
                VisionReply parsed = parser.parse(protocol.content(reply));
                return new VisionReply(parsed.description(), normalizer.normalize(parsed.tags(), settings.maxTags()));
            } catch (UnparseableReplyException e) {
                LOG.log(Level.DEBUG, "attempt {0}: {1}", attempt, e.getMessage());
                lastProblem = e;
            }
        }
        throw new UntaggableImageException(lastProblem.getMessage() + " (asked " + settings.parseAttempts() + " times)");
    }

    private JsonObject send(String request) throws UntaggableImageException {
        VisionServer server = servers.get(Math.floorMod(nextServer.getAndIncrement(), servers.size()));
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VisionUnavailableException("interrupted while waiting for a free vision request slot");
        }
        long start = System.nanoTime();
        requestsInFlight.incrementAndGet();
        try {
            JsonObject reply = call.chat(server, request, new Backoff(settings.retryDelay(), settings.retryDelay().multipliedBy(16))).toCompletableFuture().get();
            lastOutcome = "ok at " + Instant.now();
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VisionUnavailableException("interrupted while waiting for the vision server");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            metrics.count("tagger.vision.errors", 1, "server", server.baseUrl());
            lastOutcome = "failed at " + Instant.now() + ": " + cause.getMessage();
            if (cause instanceof VisionRejectedException rejected) {
                throw new UntaggableImageException(rejected.getMessage());
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new VisionUnavailableException("vision request failed: " + cause, cause);
        } finally {
            requestsInFlight.decrementAndGet();
            metrics.time("tagger.vision.requests", Duration.ofNanos(System.nanoTime() - start), "server", server.baseUrl());
            inFlight.release();
        }
    }

    private VisionProtocol protocol() {
        return settings.api() == VisionServer.Api.OLLAMA ? new OllamaProtocol() : new OpenAiProtocol();
    }
}
