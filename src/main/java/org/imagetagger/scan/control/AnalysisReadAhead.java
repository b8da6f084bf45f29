package org.imagetagger.scan.control;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.imagetagger.scan.entity.ClaimedFile;
import org.imagetagger.scan.entity.ImageOutcome;

/**
 * Keeps the analyses of the next claimed files running while the batch thread hands on the current one, so
 * that the vision servers have a request waiting whenever they finish one and the decoding of several images
 * overlaps. Files are handed on in the order they were claimed; what is running here when the instance dies
 * is what another instance may send to the model again.
 */
public class AnalysisReadAhead {

    private final ExecutorService executor;
    private final Function<ClaimedFile, ImageOutcome> analyse;
    private final int window;
    private final Deque<PendingAnalysis> pending = new ArrayDeque<>();

    public AnalysisReadAhead(ExecutorService executor, Function<ClaimedFile, ImageOutcome> analyse, int window) {
        this.executor = executor;
        this.analyse = analyse;
        this.window = Math.max(1, window);
    }

    /** How many more files the window takes now. */
    public int room() {
        return window - pending.size();
    }

    /** The oldest analysis started, after topping the window up from {@code files}; null when none is running. */
    public PendingAnalysis next(Iterator<ClaimedFile> files) {
        while (pending.size() < window && files.hasNext()) {
            ClaimedFile file = files.next();
            pending.add(new PendingAnalysis(file, executor.submit(() -> analyse.apply(file))));
        }
        return pending.poll();
    }

    /** Stops what is still running or waiting (the step ended: stopped, failed or done). */
    public void cancel() {
        pending.forEach(analysis -> analysis.outcome().cancel(true));
        pending.clear();
    }
}
