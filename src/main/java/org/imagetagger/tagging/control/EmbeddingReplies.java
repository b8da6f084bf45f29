package org.imagetagger.tagging.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Reads one vector of an embedding reply, whichever protocol it came in. */
final class EmbeddingReplies {

    private EmbeddingReplies() {
    }

    static float[] vector(JsonValue value, JsonObject reply) throws UnparseableReplyException {
        if (!(value instanceof JsonArray numbers) || numbers.isEmpty()) {
            throw new UnparseableReplyException("embedding is not a non-empty array of numbers", String.valueOf(reply));
        }
        float[] vector = new float[numbers.size()];
        for (int n = 0; n < vector.length; n++) {
            if (!(numbers.get(n) instanceof JsonNumber number)) {
                throw new UnparseableReplyException("embedding holds something else than numbers", String.valueOf(reply));
            }
            vector[n] = (float) number.doubleValue();
        }
        return vector;
    }
}
