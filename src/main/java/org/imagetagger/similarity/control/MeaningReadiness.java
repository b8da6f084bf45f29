package org.imagetagger.similarity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Search by meaning in {@code /health/ready}: always UP (search falls back to words), with a warning when it cannot work. */
@Readiness
@ApplicationScoped
public class MeaningReadiness implements HealthCheck {

    @Inject
    ImageEmbeddings embeddings;

    @Inject
    VectorIndexSync sync;

    @Override
    public HealthCheckResponse call() {
        ImageEmbeddings.Status status = embeddings.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("meaning")
                .withData("model", status.model())
                .withData("state", status.state())
                .withData("vectors", sync.size());
        if (status.warning() != null) {
            response.withData("warning", status.warning());
        }
        return response.up().build();
    }
}
