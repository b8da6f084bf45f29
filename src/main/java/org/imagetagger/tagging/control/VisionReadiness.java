package org.imagetagger.tagging.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports how the last vision request went. Always UP: the API and search work without the model, and a
 * scan waits for the server with retries, so a sleeping GPU box must not take the service out of rotation.
 */
@Readiness
@ApplicationScoped
public class VisionReadiness implements HealthCheck {

    @Inject
    VisionService vision;

    @Inject
    VisionSettings settings;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("vision")
                .withData("servers", String.join(",", settings.urls()))
                .withData("inRotation", String.join(",", vision.serversInRotation()))
                .withData("model", settings.model())
                .withData("lastRequest", vision.lastOutcome())
                .up()
                .build();
    }
}
