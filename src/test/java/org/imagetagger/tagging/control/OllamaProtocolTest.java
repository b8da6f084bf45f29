package org.imagetagger.tagging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OllamaProtocolTest {

    private final OllamaProtocol protocol = new OllamaProtocol();

    @Test
    void chatRequestHasEveryFieldOfTheContract() {
        JsonObject request = protocol.chatRequest("qwen2.5vl", "Describe.", "/9j/AAAA");

        assertEquals(Set.of("model", "stream", "format", "options", "keep_alive", "messages"), request.keySet());
        assertEquals("qwen2.5vl", request.getString("model"));
        assertFalse(request.getBoolean("stream"));
        assertEquals(TagSchema.schema(), request.getJsonObject("format"));
        assertEquals(0.1, request.getJsonObject("options").getJsonNumber("temperature").doubleValue());
        assertEquals("10m", request.getString("keep_alive"));

        JsonArray messages = request.getJsonArray("messages");
        assertEquals(1, messages.size());
        JsonObject message = messages.getJsonObject(0);
        assertEquals(Set.of("role", "content", "images"), message.keySet());
        assertEquals("user", message.getString("role"));
        assertEquals("Describe.", message.getString("content"));
        assertEquals(List.of("/9j/AAAA"), message.getJsonArray("images").getValuesAs(jakarta.json.JsonString::getString));
    }

    @Test
    void contentIsTheMessageContent() throws Exception {
        JsonObject reply = json("""
                {"model": "qwen2.5vl", "created_at": "2025-01-01T00:00:00Z",
                 "message": {"role": "assistant", "content": "{\\"description\\": \\"x\\", \\"tags\\": []}"},
                 "done": true, "done_reason": "stop", "total_duration": 123}""");
        assertEquals("{\"description\": \"x\", \"tags\": []}", protocol.content(reply));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"error\": \"model \\\"x\\\" not found, try pulling it first\"}",
        "{\"message\": {\"role\": \"assistant\"}}",
        "{\"message\": {\"content\": null}}",
        "{\"message\": \"text\"}"
    })
    void replyWithoutContentIsUnparseable(String reply) {
        var e = assertThrows(UnparseableReplyException.class, () -> protocol.content(json(reply)));
        assertEquals(true, e.getMessage().startsWith("Ollama reply has no message.content: {"), e.getMessage());
    }

    @Test
    void nullReplyIsUnparseable() {
        assertThrows(UnparseableReplyException.class, () -> protocol.content(null));
    }

    @Test
    void modelsAreTheNamesOfTheTagsListing() {
        JsonObject reply = json("""
                {"models": [
                  {"name": "qwen2.5vl:latest", "model": "qwen2.5vl:latest", "size": 6000000000},
                  {"model": "nameless"},
                  {"name": "llava:7b", "model": "llava:7b"}]}""");
        assertEquals(List.of("qwen2.5vl:latest", "llava:7b"), protocol.models(reply));
    }

    @Test
    void noModelsInAnOddListing() {
        assertEquals(List.of(), protocol.models(json("{}")));
        assertEquals(List.of(), protocol.models(json("{\"models\": null}")));
        assertEquals(List.of(), protocol.models(null));
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void theServersOwnTimingIsReadWhenReported() {
        var reply = jakarta.json.Json.createObjectBuilder().add("total_duration", 1_234_567_890L).add("eval_count", 42).build();
        assertEquals(1234L, new OllamaProtocol().serverMillis(reply));
        assertEquals(42, new OllamaProtocol().evalCount(reply));
        assertEquals(null, new OllamaProtocol().serverMillis(jakarta.json.Json.createObjectBuilder().build()));
    }
}
