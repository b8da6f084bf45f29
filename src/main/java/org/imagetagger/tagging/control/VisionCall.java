package org.imagetagger.tagging.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.imagetagger.platform.AppMetrics;
import org.imagetagger.tagging.entity.VisionModelMissingException;
import org.imagetagger.tagging.entity.VisionRejectedException;
import org.imagetagger.tagging.entity.VisionUnavailableException;

/**
 * The fault-tolerant chat call; the caller waits for the stage. The one timeout of a request is the REST client's
 * read timeout, {@code tagger.vision.timeout-seconds} as the settings give it at this moment (VisionServer): an
 * annotation's {@code @Timeout} would be fixed at deployment, so a changed setting would not reach it. Each attempt
 * leases a server of the pool anew, so a retry goes to another server when the first one is failing.
 */
@ApplicationScoped
public class VisionCall {

    /** {@code maxRetries} of the {@code @Retry} below, for saying "retry 3 of 6". */
    static final int MAX_RETRIES = 6;

    @Inject
    AppMetrics metrics;

    @Inject
    VisionWaits waits;

    @Asynchronous
    @Retry(maxRetries = MAX_RETRIES, delay = 0, maxDuration = 30, durationUnit = ChronoUnit.MINUTES,
            // An open or half-open breaker refuses at once; with several requests in flight that must not end
            // the job while the breaker's trial request finds the server back: wait and try again instead.
            retryOn = {VisionUnavailableException.class, CircuitBreakerOpenException.class},
            abortOn = {VisionModelMissingException.class, VisionRejectedException.class})
    @CircuitBreaker(requestVolumeThreshold = 12, failureRatio = 0.75, delay = 20, delayUnit = ChronoUnit.SECONDS,
            failOn = VisionUnavailableException.class)
    public CompletionStage<JsonObject> chat(VisionServerPool pool, String request, Backoff backoff) {
        Duration pause = backoff.next();
        if (!pause.isZero()) {
            waits.retrying(backoff.retries(), MAX_RETRIES, pause, java.time.Instant.now());
            Backoff.sleep(pause);
        }
        try (VisionServerPool.Lease lease = pool.lease()) {
            String server = lease.baseUrl();
            long start = System.nanoTime();
            try {
                JsonObject reply = lease.server().chat(request);
                lease.answered();
                waits.answered();
                return CompletableFuture.completedFuture(reply);
            } catch (VisionUnavailableException e) {
                lease.failed();
                waits.failed(e.getMessage());
                metrics.count("tagger.vision.errors", 1, "server", server);
                throw e;
            } catch (VisionModelMissingException | VisionRejectedException e) {
                lease.answered();
                metrics.count("tagger.vision.errors", 1, "server", server);
                throw e;
            } finally {
                metrics.time("tagger.vision.requests", Duration.ofNanos(System.nanoTime() - start), "server", server);
            }
        }
    }

    /** The same call for a text-embedding request: same retries, timeout and servers, a breaker of its own. */
    @Asynchronous
    @Retry(maxRetries = MAX_RETRIES, delay = 0, maxDuration = 30, durationUnit = ChronoUnit.MINUTES,
            // An open or half-open breaker refuses at once; with several requests in flight that must not end
            // the job while the breaker's trial request finds the server back: wait and try again instead.
            retryOn = {VisionUnavailableException.class, CircuitBreakerOpenException.class},
            abortOn = {VisionModelMissingException.class, VisionRejectedException.class})
    @CircuitBreaker(requestVolumeThreshold = 12, failureRatio = 0.75, delay = 20, delayUnit = ChronoUnit.SECONDS,
            failOn = VisionUnavailableException.class)
    public CompletionStage<JsonObject> embed(VisionServerPool pool, String request, Backoff backoff) {
        backoff.pause();
        try (VisionServerPool.Lease lease = pool.lease()) {
            String server = lease.baseUrl();
            long start = System.nanoTime();
            try {
                JsonObject reply = lease.server().embed(request);
                lease.answered();
                return CompletableFuture.completedFuture(reply);
            } catch (VisionUnavailableException e) {
                lease.failed();
                metrics.count("tagger.vision.errors", 1, "server", server);
                throw e;
            } catch (VisionModelMissingException | VisionRejectedException e) {
                lease.answered();
                metrics.count("tagger.vision.errors", 1, "server", server);
                throw e;
            } finally {
                metrics.time("tagger.vision.embeddings", Duration.ofNanos(System.nanoTime() - start), "server", server);
            }
        }
    }
}
