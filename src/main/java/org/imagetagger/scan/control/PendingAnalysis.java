package org.imagetagger.scan.control;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.imagetagger.scan.entity.ClaimedFile;
import org.imagetagger.scan.entity.FileOutcome;
import org.imagetagger.scan.entity.ImageOutcome;
import org.imagetagger.tagging.entity.VisionUnavailableException;

/** A claimed file whose analysis runs on another thread; the item the reader hands to the processor. */
public record PendingAnalysis(ClaimedFile file, Future<ImageOutcome> outcome) {

    /** Waits for the outcome; the analysis's own exception (vision server down, model missing) is thrown as is. */
    public FileOutcome await() {
        try {
            return new FileOutcome(file, outcome.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VisionUnavailableException("interrupted while " + file.path() + " was analysed");
        } catch (CancellationException e) {
            throw new VisionUnavailableException("the analysis of " + file.path() + " was cancelled");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException) {
                // A decoding tool stopped by an interrupt (MediaTools): the file is analysed again later.
                throw new VisionUnavailableException("the analysis of " + file.path() + " was cancelled");
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("analysing " + file.path() + " failed", e.getCause());
        }
    }
}
