package org.imagetagger.tagging.control;

import jakarta.json.JsonObject;
import java.util.List;


/** The JSON one kind of vision server speaks (CONTRACT §4). */
public interface VisionProtocol {

    JsonObject chatRequest(String model, String prompt, String base64Jpeg);

    String content(JsonObject reply) throws UnparseableReplyException;

    List<String> models(JsonObject modelsReply);
}
