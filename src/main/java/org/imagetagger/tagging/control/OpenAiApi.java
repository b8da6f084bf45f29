package org.imagetagger.tagging.control;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The OpenAI-compatible API (llama.cpp, vLLM, LM Studio...); bodies built and read by {@link OpenAiProtocol}. */
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
// No @Path on the type: JAX-RS would take the interface for a resource of this application.
public interface OpenAiApi {

    @POST
    @Path("/v1/chat/completions")
    Response chat(String request);

    @POST
    @Path("/v1/embeddings")
    Response embed(String request);

    @GET
    @Path("/v1/models")
    Response models();
}
