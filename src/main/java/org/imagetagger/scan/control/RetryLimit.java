package org.imagetagger.scan.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.imagetagger.catalog.control.ImageStore;

/** "Retry failed" when every failed image of the folder has used up its attempts: refused with the reason, not run as an empty job. */
@ApplicationScoped
public class RetryLimit {

    @Inject
    ImageStore images;

    /** How often a failing image is sent to the model before "Retry failed" leaves it alone (the same key as ScanCandidates). */
    @Inject
    @ConfigProperty(name = "tagger.scan.max-attempts", defaultValue = "3")
    int maxAttempts;

    public void check(long folderId) {
        ImageStore.FailedCount count = images.failedCount(folderId, maxAttempts);
        if (count.failed() > 0 && count.retryable() == 0) {
            throw new RetryLimitReachedException(count.failed(), maxAttempts);
        }
    }

    /** Every failed image of the folder has had {@code maxAttempts} tries. */
    public static class RetryLimitReachedException extends RuntimeException {

        private final long failed;
        private final int maxAttempts;

        RetryLimitReachedException(long failed, int maxAttempts) {
            super((failed == 1 ? "the 1 failed image has" : "all " + failed + " failed images have") + " been tried " + maxAttempts
                    + " times (tagger.scan.max-attempts): Retry failed leaves them alone; use Re-tag on a photo, or Re-tag all");
            this.failed = failed;
            this.maxAttempts = maxAttempts;
        }

        public long failed() {
            return failed;
        }

        public int maxAttempts() {
            return maxAttempts;
        }
    }
}
