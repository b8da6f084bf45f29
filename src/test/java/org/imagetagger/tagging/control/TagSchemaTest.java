package org.imagetagger.tagging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class TagSchemaTest {

    @Test
    void describesAnObjectWithDescriptionAndTags() {
        JsonObject expected = Json.createReader(new StringReader("""
                {"type": "object",
                 "properties": {
                   "description": {"type": "string"},
                   "tags": {"type": "array", "items": {"type": "string"}}},
                 "required": ["description", "tags"]}""")).readObject();
        assertEquals(expected, TagSchema.schema());
    }

    @Test
    void aVocabularyRestrictsTheTagItemsWithEnum() {
        JsonObject tags = TagSchema.schema(java.util.List.of("dog", "cat")).getJsonObject("properties").getJsonObject("tags");
        assertEquals(Json.createReader(new StringReader("""
                {"type": "array", "items": {"type": "string", "enum": ["dog", "cat"]}}""")).readObject(), tags);
        assertEquals(TagSchema.schema(), TagSchema.schema(java.util.List.of()), "no vocabulary: any string");
    }
}
