package org.imagetagger.similarity.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.imagetagger.similarity.control.ImageEmbeddings;
import org.imagetagger.similarity.control.VectorIndexSync;

/**
 * {@code GET /api/meaning}: whether search by meaning works here: the embedding model, its state ({@code ok},
 * {@code off}, {@code missing}, {@code degraded}), the embeddings in this instance's index and the warning to show.
 */
@Path("/meaning")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class MeaningResource {

    public record MeaningStatus(String model, boolean enabled, String state, int vectors, String warning) {
    }

    @Inject
    ImageEmbeddings embeddings;

    @Inject
    VectorIndexSync sync;

    @GET
    public MeaningStatus status() {
        ImageEmbeddings.Status status = embeddings.status();
        return new MeaningStatus(status.model(), status.enabled(), status.state(), sync.size(), status.warning());
    }
}
