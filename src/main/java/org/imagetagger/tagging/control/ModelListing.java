package org.imagetagger.tagging.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * Both servers list models as an array of objects; only the field naming the model differs.
 */
final class ModelListing {

    private ModelListing() {
    }

    static List<String> namesIn(JsonObject listing, String arrayKey, String nameField) {
        if (listing == null || !(listing.get(arrayKey) instanceof JsonArray entries)) {
            return List.of();
        }
        return entries.stream()
                .filter(entry -> entry.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonValue::asJsonObject)
                .filter(entry -> entry.get(nameField) instanceof JsonString)
                .map(entry -> entry.getString(nameField))
                .toList();
    }
}
