package org.imagetagger.tagging.control;

import org.imagetagger.platform.Jsons;
import jakarta.json.JsonObject;
import java.util.List;


/** The JSON one kind of vision server speaks (CONTRACT §4). */
public interface VisionProtocol {

    default JsonObject chatRequest(String model, String prompt, String base64Jpeg) {
        return chatRequest(model, prompt, base64Jpeg, TagSchema.schema());
    }

    /** The request with this answer schema ({@link TagSchema#schema(java.util.List)}). */
    JsonObject chatRequest(String model, String prompt, String base64Jpeg, JsonObject schema);

    /** The server's own time for the request in milliseconds, when its reply tells; else null. */
    default Long serverMillis(JsonObject reply) {
        return null;
    }

    /** How many tokens the server generated, when its reply tells; else null. */
    default Integer evalCount(JsonObject reply) {
        return null;
    }

    String content(JsonObject reply) throws UnparseableReplyException;

    /** A text-embedding request for these texts, one vector each (Ollama and OpenAI both take {@code {model, input}}). */
    default JsonObject embedRequest(String model, List<String> texts) {
        jakarta.json.JsonArrayBuilder input = Jsons.createArrayBuilder();
        texts.forEach(input::add);
        return Jsons.createObjectBuilder().add("model", model).add("input", input).build();
    }

    /** The vectors of an embedding reply, in the order of the texts sent. */
    List<float[]> embeddings(JsonObject reply) throws UnparseableReplyException;

    List<String> models(JsonObject modelsReply);
}
