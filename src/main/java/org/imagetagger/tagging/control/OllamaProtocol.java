package org.imagetagger.tagging.control;

import org.imagetagger.platform.Jsons;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;

/**
 * Ollama's native chat API: what we send and where the answer sits in what comes back.
 */
public class OllamaProtocol implements VisionProtocol {

    public static final String CHAT_PATH = "/api/chat";
    public static final String MODELS_PATH = "/api/tags";

    static final double TEMPERATURE = 0.1;
    // Long enough that a bulk run never reloads the model between images, short enough to free the GPU after.
    static final String KEEP_ALIVE = "10m";

    @Override
    public JsonObject chatRequest(String model, String prompt, String base64Jpeg, JsonObject schema) {
        return Jsons.createObjectBuilder()
                .add("model", model)
                // A streamed reply would arrive as many JSON lines instead of one object.
                .add("stream", false)
                .add("format", schema)
                .add("options", Jsons.createObjectBuilder().add("temperature", TEMPERATURE))
                .add("keep_alive", KEEP_ALIVE)
                .add("messages", Jsons.createArrayBuilder().add(Jsons.createObjectBuilder()
                        .add("role", "user")
                        .add("content", prompt)
                        .add("images", Jsons.createArrayBuilder().add(base64Jpeg))))
                .build();
    }

    @Override
    public String content(JsonObject reply) throws UnparseableReplyException {
        if (reply != null
                && reply.get("message") instanceof JsonObject message
                && message.get("content") instanceof JsonString content) {
            return content.getString();
        }
        throw new UnparseableReplyException("Ollama reply has no message.content", String.valueOf(reply));
    }

    /** {@code total_duration}, which Ollama reports in nanoseconds. */
    @Override
    public Long serverMillis(JsonObject reply) {
        return reply != null && reply.get("total_duration") instanceof JsonNumber nanos ? nanos.longValue() / 1_000_000 : null;
    }

    @Override
    public Integer evalCount(JsonObject reply) {
        return reply != null && reply.get("eval_count") instanceof JsonNumber count ? count.intValue() : null;
    }

    /** {@code {embeddings: [[...], ...]}} of {@code POST /api/embed}. */
    @Override
    public List<float[]> embeddings(JsonObject reply) throws UnparseableReplyException {
        if (reply != null && reply.get("embeddings") instanceof jakarta.json.JsonArray vectors) {
            List<float[]> result = new java.util.ArrayList<>();
            for (jakarta.json.JsonValue vector : vectors) {
                result.add(EmbeddingReplies.vector(vector, reply));
            }
            return result;
        }
        throw new UnparseableReplyException("Ollama embedding reply has no embeddings", String.valueOf(reply));
    }

    @Override
    public List<String> models(JsonObject tagsReply) {
        return ModelListing.namesIn(tagsReply, "models", "name");
    }
}
