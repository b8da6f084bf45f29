package org.imagetagger.tagging.control;

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

    List<String> models(JsonObject modelsReply);
}
