package org.imagetagger.scan.control;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.imagetagger.scan.entity.ImageOutcome;

/**
 * Keeps the analyses of the next files running while the batch thread hands on the current one, so that
 * the vision servers have a request waiting whenever they finish one and the decoding of several images
 * overlaps. Files are handed on in read order, so the reader's checkpoint keeps its meaning: everything
 * up to the last path handed on; what was analysed ahead of it is done again after a crash.
 */
public class AnalysisReadAhead {

    private final ExecutorService executor;
    private final Function<Path, ImageOutcome> analyse;
    private final int window;
    private final Deque<PendingAnalysis> pending = new ArrayDeque<>();

    public AnalysisReadAhead(ExecutorService executor, Function<Path, ImageOutcome> analyse, int window) {
        this.executor = executor;
        this.analyse = analyse;
        this.window = Math.max(1, window);
    }

    /** The oldest analysis started, after topping the window up from {@code files}; null when all are handed on. */
    public PendingAnalysis next(Iterator<Path> files) {
        while (pending.size() < window && files.hasNext()) {
            Path file = files.next();
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
