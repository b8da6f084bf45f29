package org.imagetagger.tagging.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * The JSON schema of the answer we ask for, sent as Ollama's {@code format} and OpenAI's
 * {@code response_format}, so that servers with structured output cannot answer anything else.
 */
public final class TagSchema {

    private TagSchema() {
    }

    public static JsonObject schema() {
        return Json.createObjectBuilder()
                .add("type", "object")
                .add("properties", Json.createObjectBuilder()
                        .add("description", Json.createObjectBuilder().add("type", "string"))
                        .add("tags", Json.createObjectBuilder()
                                .add("type", "array")
                                .add("items", Json.createObjectBuilder().add("type", "string"))))
                .add("required", Json.createArrayBuilder().add("description").add("tags"))
                .build();
    }
}
