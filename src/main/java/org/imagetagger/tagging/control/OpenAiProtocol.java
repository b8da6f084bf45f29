package org.imagetagger.tagging.control;

import org.imagetagger.platform.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * The OpenAI chat completions API as spoken by vLLM, llama.cpp, LM Studio, LocalAI and Ollama's /v1:
 * what we send and where the answer sits in what comes back.
 */
public class OpenAiProtocol implements VisionProtocol {

    public static final String CHAT_PATH = "/v1/chat/completions";
    public static final String MODELS_PATH = "/v1/models";

    static final double TEMPERATURE = 0.1;
    static final String SCHEMA_NAME = "image_tags";

    @Override
    public JsonObject chatRequest(String model, String prompt, String base64Jpeg, JsonObject schema) {
        return Jsons.createObjectBuilder()
                .add("model", model)
                .add("messages", Jsons.createArrayBuilder().add(Jsons.createObjectBuilder()
                        .add("role", "user")
                        .add("content", Jsons.createArrayBuilder()
                                .add(Jsons.createObjectBuilder()
                                        .add("type", "text")
                                        .add("text", prompt))
                                .add(Jsons.createObjectBuilder()
                                        .add("type", "image_url")
                                        .add("image_url", Jsons.createObjectBuilder()
                                                .add("url", "data:image/jpeg;base64," + base64Jpeg))))))
                .add("response_format", Jsons.createObjectBuilder()
                        .add("type", "json_schema")
                        .add("json_schema", Jsons.createObjectBuilder()
                                .add("name", SCHEMA_NAME)
                                .add("schema", schema)))
                .add("temperature", TEMPERATURE)
                .build();
    }

    @Override
    public String content(JsonObject reply) throws UnparseableReplyException {
        JsonObject message = firstMessage(reply);
        if (message != null) {
            JsonValue content = message.get("content");
            if (content instanceof JsonString text) {
                return text.getString();
            }
            // Some servers answer with content parts, like the ones we send.
            if (content instanceof JsonArray parts) {
                return textOf(parts);
            }
            if (message.get("refusal") instanceof JsonString refusal) {
                throw new UnparseableReplyException("model refused", refusal.getString());
            }
        }
        throw new UnparseableReplyException("reply has no choices[0].message.content", String.valueOf(reply));
    }

    /** {@code usage.completion_tokens}; OpenAI-compatible servers report no duration. */
    @Override
    public Integer evalCount(JsonObject reply) {
        return reply != null && reply.get("usage") instanceof JsonObject usage
                && usage.get("completion_tokens") instanceof JsonNumber count ? count.intValue() : null;
    }

    /** {@code {data: [{embedding: [...], index}]}} of {@code POST /v1/embeddings}, put in the order of {@code index}. */
    @Override
    public List<float[]> embeddings(JsonObject reply) throws UnparseableReplyException {
        if (reply != null && reply.get("data") instanceof JsonArray data) {
            float[][] ordered = new float[data.size()][];
            for (int n = 0; n < data.size(); n++) {
                if (!(data.get(n) instanceof JsonObject item)) {
                    throw new UnparseableReplyException("OpenAI embedding item is not an object", String.valueOf(reply));
                }
                int index = item.get("index") instanceof JsonNumber i ? i.intValue() : n;
                if (index < 0 || index >= ordered.length || ordered[index] != null) {
                    throw new UnparseableReplyException("OpenAI embedding index " + index + " out of place", String.valueOf(reply));
                }
                ordered[index] = EmbeddingReplies.vector(item.get("embedding"), reply);
            }
            return List.of(ordered);
        }
        throw new UnparseableReplyException("OpenAI embedding reply has no data", String.valueOf(reply));
    }

    @Override
    public List<String> models(JsonObject modelsReply) {
        return ModelListing.namesIn(modelsReply, "data", "id");
    }

    private static JsonObject firstMessage(JsonObject reply) {
        if (reply != null
                && reply.get("choices") instanceof JsonArray choices
                && !choices.isEmpty()
                && choices.get(0) instanceof JsonObject choice
                && choice.get("message") instanceof JsonObject message) {
            return message;
        }
        return null;
    }

    private static String textOf(JsonArray parts) {
        var text = new StringBuilder();
        for (JsonValue part : parts) {
            if (part instanceof JsonObject object && object.get("text") instanceof JsonString string) {
                text.append(string.getString());
            }
        }
        return text.toString();
    }
}
