package org.imagetagger.tagging.control;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Ollama's native API; bodies are JSON text built and read by {@link OllamaProtocol}. */
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
// No @Path on the type: JAX-RS would take the interface for a resource of this application.
public interface OllamaApi {

    @POST
    @Path("/api/chat")
    Response chat(String request);

    @POST
    @Path("/api/embed")
    Response embed(String request);

    @GET
    @Path("/api/tags")
    Response models();
}
