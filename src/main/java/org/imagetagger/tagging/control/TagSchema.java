package org.imagetagger.tagging.control;

import org.imagetagger.platform.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * The JSON schema of the answer we ask for, sent as Ollama's {@code format} and OpenAI's
 * {@code response_format}, so that servers with structured output cannot answer anything else.
 */
public final class TagSchema {

    private TagSchema() {
    }

    public static JsonObject schema() {
        return schema(List.of());
    }

    /**
     * With a vocabulary the tags are restricted to it with {@code enum}: servers that decode by the schema's
     * grammar (Ollama's {@code format}, OpenAI's strict {@code json_schema}) then cannot answer another word.
     */
    public static JsonObject schema(List<String> allowedTags) {
        JsonObjectBuilder item = Jsons.createObjectBuilder().add("type", "string");
        if (!allowedTags.isEmpty()) {
            JsonArrayBuilder allowed = Jsons.createArrayBuilder();
            allowedTags.forEach(allowed::add);
            item.add("enum", allowed);
        }
        return Jsons.createObjectBuilder()
                .add("type", "object")
                .add("properties", Jsons.createObjectBuilder()
                        .add("description", Jsons.createObjectBuilder().add("type", "string"))
                        .add("tags", Jsons.createObjectBuilder()
                                .add("type", "array")
                                .add("items", item)))
                .add("required", Jsons.createArrayBuilder().add("description").add("tags"))
                .build();
    }
}
