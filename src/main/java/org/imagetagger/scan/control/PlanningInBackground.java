package org.imagetagger.scan.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The planning of a scan goes on beside its tagging: the planning step returns once the first page of files is
 * queued, and the same execution's tagging step claims files while the walk goes on: the first request leaves
 * after 20 files instead of after the whole walk (1,000 new files took 1.3 s to plan, 3 to 5 s right after boot; a
 * library of a million, minutes). Both steps run in one instance, so what they share lives here, per execution.
 */
@ApplicationScoped
public class PlanningInBackground {

    static final long WAIT_MILLIS = 50;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ExecutorService executor;

    private final Map<Long, Run> runs = new ConcurrentHashMap<>();

    /** What plans the scan, telling {@code pages} of each page it queued; answers the step's exit status. */
    public interface Plan {
        String plan(ScanPlanner.Pages pages);
    }

    private static final class Run implements ScanPlanner.Pages {
        final CompletableFuture<Void> firstPage = new CompletableFuture<>();
        final CompletableFuture<String> outcome = new CompletableFuture<>();
        volatile boolean cancelled;

        @Override
        public void queued() {
            firstPage.complete(null);
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }
    }

    /**
     * Starts the planning and waits until its first page is queued. Empty while it goes on; its exit status when it
     * already ended; its exception (a folder that cannot be scanned, say) when it failed before queueing anything.
     */
    public Optional<String> start(long executionId, Plan plan) {
        Run run = new Run();
        runs.put(executionId, run);
        executor.execute(() -> {
            try {
                run.outcome.complete(plan.plan(run));
            } catch (RuntimeException | Error e) {
                run.outcome.completeExceptionally(e);
            } finally {
                run.firstPage.complete(null);
            }
        });
        CompletableFuture.anyOf(run.firstPage, run.outcome).exceptionally(ignored -> null).join();
        if (!run.outcome.isDone()) {
            return Optional.empty();
        }
        runs.remove(executionId);
        return Optional.of(outcomeOf(run));
    }

    /**
     * For the tagging step that found nothing to claim: true after a short wait while its planning is still queueing
     * files; false when none runs. The planning's exception when it failed after its first page.
     */
    public boolean waitForMore(long executionId) {
        Run run = runs.get(executionId);
        if (run == null) {
            return false;
        }
        if (run.outcome.isDone()) {
            runs.remove(executionId);
            outcomeOf(run);
            return false;
        }
        try {
            run.outcome.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException stillOrFailed) {
            // looked at again by the next call
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /**
     * The tagging step ended (stopped, failed): a planning still running stops at its next file and is waited for,
     * so that nothing is queued for a scan once its execution is over. A restart plans what is not queued yet.
     */
    public void end(long executionId) {
        Run run = runs.remove(executionId);
        if (run == null) {
            return;
        }
        run.cancelled = true;
        try {
            run.outcome.handle((status, failure) -> null).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException impossible) {
            // handle() never completes exceptionally
        }
    }

    private static String outcomeOf(Run run) {
        try {
            return run.outcome.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
