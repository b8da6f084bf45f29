package org.imagetagger.imaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Which media kinds can be read ("available", or what to install). Always UP: a missing decoder fails only the
 * files that need it, everything else works.
 */
@Readiness
@ApplicationScoped
public class MediaReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("media").up();
        for (MediaKinds.Status status : MediaKinds.report()) {
            response.withData(status.kind(), status.available() ? "available" : "missing " + status.missing());
        }
        return response.build();
    }
}
