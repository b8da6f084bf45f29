package org.imagetagger.tagging.control;

import static org.imagetagger.tagging.control.OllamaProtocolTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiProtocolTest {

    private final OpenAiProtocol protocol = new OpenAiProtocol();

    @Test
    void chatRequestHasEveryFieldOfTheContract() {
        JsonObject request = protocol.chatRequest("qwen2.5-vl-7b", "Describe.", "/9j/AAAA");

        assertEquals(Set.of("model", "messages", "response_format", "temperature"), request.keySet());
        assertEquals("qwen2.5-vl-7b", request.getString("model"));
        assertEquals(0.1, request.getJsonNumber("temperature").doubleValue());

        JsonArray messages = request.getJsonArray("messages");
        assertEquals(1, messages.size());
        JsonObject message = messages.getJsonObject(0);
        assertEquals(Set.of("role", "content"), message.keySet());
        assertEquals("user", message.getString("role"));
        JsonArray content = message.getJsonArray("content");
        assertEquals(2, content.size());
        JsonObject text = content.getJsonObject(0);
        assertEquals(Set.of("type", "text"), text.keySet());
        assertEquals("text", text.getString("type"));
        assertEquals("Describe.", text.getString("text"));
        JsonObject image = content.getJsonObject(1);
        assertEquals(Set.of("type", "image_url"), image.keySet());
        assertEquals("image_url", image.getString("type"));
        assertEquals(Set.of("url"), image.getJsonObject("image_url").keySet());
        assertEquals("data:image/jpeg;base64,/9j/AAAA", image.getJsonObject("image_url").getString("url"));

        JsonObject format = request.getJsonObject("response_format");
        assertEquals(Set.of("type", "json_schema"), format.keySet());
        assertEquals("json_schema", format.getString("type"));
        JsonObject schema = format.getJsonObject("json_schema");
        assertEquals(Set.of("name", "schema"), schema.keySet());
        assertEquals("image_tags", schema.getString("name"));
        assertEquals(TagSchema.schema(), schema.getJsonObject("schema"));
    }

    @Test
    void contentIsTheFirstChoicesMessageContent() throws Exception {
        JsonObject reply = json("""
                {"id": "chatcmpl-1", "object": "chat.completion", "created": 1735689600, "model": "m",
                 "choices": [
                   {"index": 0, "message": {"role": "assistant", "content": "first"}, "finish_reason": "stop"},
                   {"index": 1, "message": {"role": "assistant", "content": "second"}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}}""");
        assertEquals("first", protocol.content(reply));
    }

    @Test
    void contentPartsAreJoined() throws Exception {
        JsonObject reply = json("""
                {"choices": [{"index": 0, "message": {"role": "assistant", "content": [
                  {"type": "text", "text": "{\\"tags\\": "}, {"type": "text", "text": "[\\"cat\\"]}"}]}}]}""");
        assertEquals("{\"tags\": [\"cat\"]}", protocol.content(reply));
    }

    @Test
    void refusalIsReportedAsUnparseable() {
        JsonObject reply = json("""
                {"choices": [{"index": 0, "message": {"role": "assistant", "content": null,
                  "refusal": "I can't help with that."}}]}""");
        var e = assertThrows(UnparseableReplyException.class, () -> protocol.content(reply));
        assertEquals("model refused: I can't help with that.", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"choices\": []}",
        "{\"choices\": [{\"index\": 0}]}",
        "{\"choices\": [{\"message\": {\"role\": \"assistant\"}}]}",
        "{\"error\": {\"message\": \"model not found\", \"type\": \"invalid_request_error\"}}"
    })
    void replyWithoutContentIsUnparseable(String reply) {
        var e = assertThrows(UnparseableReplyException.class, () -> protocol.content(json(reply)));
        assertTrue(e.getMessage().startsWith("reply has no choices[0].message.content: {"), e.getMessage());
    }

    @Test
    void modelsAreTheIdsOfTheModelsListing() {
        JsonObject reply = json("""
                {"object": "list", "data": [
                  {"id": "qwen2.5vl:latest", "object": "model", "created": 1, "owned_by": "library"},
                  {"object": "model"},
                  {"id": "llava:7b", "object": "model"}]}""");
        assertEquals(List.of("qwen2.5vl:latest", "llava:7b"), protocol.models(reply));
    }

    @Test
    void noModelsInAnOddListing() {
        assertEquals(List.of(), protocol.models(json("{}")));
        assertEquals(List.of(), protocol.models(json("{\"data\": [1, \"x\"]}")));
        assertEquals(List.of(), protocol.models(null));
    }
}
