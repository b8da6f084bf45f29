package org.imagetagger.jobs.boundary;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.function.LongSupplier;
import org.imagetagger.jobs.control.JobViews;
import org.imagetagger.platform.ApiException;
import org.imagetagger.scan.control.ScanAlreadyRunningException;

/** The answer to a request that starts a scan: 202 with its execution, or 409 naming the scan already running. */
final class ScanStarts {

    private ScanStarts() {
    }

    static Response accepted(JobViews jobs, LongSupplier start) {
        try {
            return JobsResource.accepted(jobs.view(start.getAsLong()));
        } catch (ScanAlreadyRunningException running) {
            throw new ApiException(Response.Status.CONFLICT, running.getMessage(),
                    running.executionId() == null ? Map.of() : Map.of("executionId", running.executionId()));
        }
    }
}
