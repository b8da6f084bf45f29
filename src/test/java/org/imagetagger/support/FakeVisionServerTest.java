package org.imagetagger.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;
import org.imagetagger.tagging.control.OllamaProtocol;
import org.imagetagger.tagging.control.OpenAiProtocol;
import org.imagetagger.tagging.control.Prompts;
import org.imagetagger.tagging.control.ReplyParser;
import org.imagetagger.tagging.entity.VisionReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeVisionServerTest {

    private static final FakeVisionServer server = new FakeVisionServer();
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final OllamaProtocol ollama = new OllamaProtocol();
    private final OpenAiProtocol openAi = new OpenAiProtocol();

    @BeforeAll
    static void start() {
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void urlIsLoopbackWithARandomPort() {
        assertTrue(server.url().matches("http://127\\.0\\.0\\.1:\\d+"), server.url());
    }

    @Test
    void ollamaChatAnswersFromTheImage() throws Exception {
        HttpResponse<String> response = post(OllamaProtocol.CHAT_PATH,
                ollama.chatRequest("qwen2.5vl", Prompts.DEFAULT, jpeg(Color.RED, 64, 48)));

        assertEquals(200, response.statusCode(), response.body());
        JsonObject reply = json(response.body());
        assertEquals("qwen2.5vl", reply.getString("model"));
        assertTrue(reply.getBoolean("done"));
        assertEquals("stop", reply.getString("done_reason"));
        assertEquals("assistant", reply.getJsonObject("message").getString("role"));
        VisionReply parsed = new ReplyParser().parse(ollama.content(reply));
        assertEquals(new VisionReply("A red test image of 64x48 pixels", List.of("fake", "red")), parsed);
        assertEquals(1, server.chatRequests());
        assertEquals(1, server.successfulReplies());
        assertEquals(List.of(new FakeVisionServer.ImageSize(64, 48)), server.receivedImageSizes());
        assertEquals("qwen2.5vl", server.lastChatRequest().getString("model"));
    }

    @Test
    void openAiChatAnswersFromTheImage() throws Exception {
        HttpResponse<String> response = post(OpenAiProtocol.CHAT_PATH,
                openAi.chatRequest("qwen2.5vl:latest", Prompts.DEFAULT, jpeg(Color.BLUE, 20, 30)));

        assertEquals(200, response.statusCode(), response.body());
        JsonObject reply = json(response.body());
        assertEquals("chat.completion", reply.getString("object"));
        assertEquals("stop", reply.getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
        VisionReply parsed = new ReplyParser().parse(openAi.content(reply));
        assertEquals(new VisionReply("A blue test image of 20x30 pixels", List.of("fake", "blue")), parsed);
    }

    @Test
    void keepsToTheSchemaEnumLikeConstrainedDecodingAndRecordsModelAndPrompt() throws Exception {
        JsonObject request = ollama.chatRequest("qwen2.5vl", "Describe the red one.", jpeg(Color.RED, 8, 8),
                org.imagetagger.tagging.control.TagSchema.schema(List.of("red", "blue")));
        VisionReply red = new ReplyParser().parse(ollama.content(json(post(OllamaProtocol.CHAT_PATH, request).body())));
        assertEquals(List.of("red"), red.tags(), "'fake' is outside the enum");

        JsonObject none = openAi.chatRequest("qwen2.5vl", "Describe.", jpeg(Color.GREEN, 8, 8),
                org.imagetagger.tagging.control.TagSchema.schema(List.of("dog", "cat")));
        VisionReply forced = new ReplyParser().parse(openAi.content(json(post(OpenAiProtocol.CHAT_PATH, none).body())));
        assertEquals(List.of("dog"), forced.tags(), "a constrained decoder answers something allowed");

        assertEquals(List.of(new FakeVisionServer.Received("qwen2.5vl", "Describe the red one.", List.of("red", "blue")),
                new FakeVisionServer.Received("qwen2.5vl", "Describe.", List.of("dog", "cat"))), server.received());
    }

    @Test
    void namesTheAverageColour() throws Exception {
        assertEquals("green", colourOf(Color.GREEN));
        assertEquals("yellow", colourOf(Color.YELLOW));
        assertEquals("white", colourOf(Color.WHITE));
        assertEquals("black", colourOf(Color.BLACK));
        assertEquals("gray", colourOf(Color.GRAY));
        assertEquals("orange", colourOf(new Color(255, 140, 0)));
        assertEquals("purple", colourOf(new Color(128, 0, 200)));
    }

    @Test
    void listsModelsInBothProtocols() throws Exception {
        server.setModels("qwen2.5vl:latest", "llava:7b");

        HttpResponse<String> tags = get(OllamaProtocol.MODELS_PATH);
        assertEquals(200, tags.statusCode());
        assertEquals(List.of("qwen2.5vl:latest", "llava:7b"), ollama.models(json(tags.body())));

        HttpResponse<String> models = get(OpenAiProtocol.MODELS_PATH);
        assertEquals(200, models.statusCode());
        assertEquals(List.of("qwen2.5vl:latest", "llava:7b"), openAi.models(json(models.body())));
    }

    @Test
    void unknownModelIsNotFound() throws Exception {
        HttpResponse<String> response = post(OllamaProtocol.CHAT_PATH,
                ollama.chatRequest("llava", "Describe.", jpeg(Color.RED, 8, 8)));

        assertEquals(404, response.statusCode());
        assertEquals("model \"llava\" not found, try pulling it first", json(response.body()).getString("error"));
        assertEquals(0, server.successfulReplies());

        HttpResponse<String> openAiResponse = post(OpenAiProtocol.CHAT_PATH,
                openAi.chatRequest("llava", "Describe.", jpeg(Color.RED, 8, 8)));
        assertEquals(404, openAiResponse.statusCode());
        assertTrue(json(openAiResponse.body()).getJsonObject("error").getString("message").contains("not found"));
    }

    @Test
    void failNextAnswersTheGivenStatusThatManyTimes() throws Exception {
        server.failNext(2, 503);
        JsonObject request = ollama.chatRequest("qwen2.5vl", "Describe.", jpeg(Color.RED, 8, 8));

        assertEquals(503, post(OllamaProtocol.CHAT_PATH, request).statusCode());
        assertEquals(503, post(OllamaProtocol.CHAT_PATH, request).statusCode());
        assertEquals(200, post(OllamaProtocol.CHAT_PATH, request).statusCode());
        assertEquals(3, server.chatRequests());
        assertEquals(1, server.successfulReplies());
    }

    @Test
    void failureRateFailsAboutThatFraction() throws Exception {
        server.setFailureRate(0.5, 500, 7);
        JsonObject request = ollama.chatRequest("qwen2.5vl", "Describe.", jpeg(Color.RED, 8, 8));
        int failures = 0;
        for (int i = 0; i < 40; i++) {
            if (post(OllamaProtocol.CHAT_PATH, request).statusCode() == 500) {
                failures++;
            }
        }
        assertTrue(failures > 5 && failures < 35, "failures: " + failures);
        assertEquals(40 - failures, server.successfulReplies());
    }

    @Test
    void rejectsInvalidRequests() throws Exception {
        String picture = jpeg(Color.RED, 8, 8);
        JsonObject valid = ollama.chatRequest("qwen2.5vl", "Describe.", picture);

        assertEquals(400, post(OllamaProtocol.CHAT_PATH, Json.createObjectBuilder(valid).remove("model").build()).statusCode());
        assertEquals(400, post(OllamaProtocol.CHAT_PATH, Json.createObjectBuilder(valid).remove("format").build()).statusCode());
        assertEquals(400, post(OllamaProtocol.CHAT_PATH, Json.createObjectBuilder(valid).remove("stream").build()).statusCode());
        assertEquals(400, post(OllamaProtocol.CHAT_PATH, ollama.chatRequest("qwen2.5vl", "x", "not base64!")).statusCode());
        String png = Base64.getEncoder().encodeToString(encode(image(Color.RED, 8, 8), "png"));
        HttpResponse<String> notJpeg = post(OllamaProtocol.CHAT_PATH, ollama.chatRequest("qwen2.5vl", "x", png));
        assertEquals(400, notJpeg.statusCode());
        assertEquals("image is not a JPEG", json(notJpeg.body()).getString("error"));

        JsonObject openAiValid = openAi.chatRequest("qwen2.5vl", "Describe.", picture);
        assertEquals(400, post(OpenAiProtocol.CHAT_PATH,
                Json.createObjectBuilder(openAiValid).remove("response_format").build()).statusCode());
        assertEquals(400, postText(OpenAiProtocol.CHAT_PATH, "{not json").statusCode());
        assertEquals(0, server.successfulReplies());
    }

    @Test
    void replyWithOverridesTheContentUntilReset() throws Exception {
        JsonObject request = ollama.chatRequest("qwen2.5vl", "Describe.", jpeg(Color.RED, 8, 8));
        server.replyWith("I see a red square.");
        assertEquals("I see a red square.", ollama.content(json(post(OllamaProtocol.CHAT_PATH, request).body())));

        server.replyWith(null);
        assertTrue(ollama.content(json(post(OllamaProtocol.CHAT_PATH, request).body())).contains("\"fake\""));
    }

    @Test
    void requestsBeyondMaxParallelAreRefused() throws Exception {
        server.setLatency(Duration.ofMillis(300));
        server.setMaxParallel(2);
        JsonObject request = ollama.chatRequest("qwen2.5vl", "Describe.", jpeg(Color.RED, 8, 8));

        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(http.sendAsync(post(OllamaProtocol.CHAT_PATH, request.toString()), HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        assertEquals(2, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
        assertEquals(4, statuses.stream().filter(status -> status == 503).count(), statuses.toString());
        assertTrue(server.maxInFlightSeen() >= 3, "max in flight: " + server.maxInFlightSeen());
        assertEquals(2, server.successfulReplies());
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        assertEquals(404, get("/api/nothing").statusCode());
        assertEquals(200, get("/").statusCode());
    }

    private static String colourOf(Color colour) throws IOException {
        BufferedImage decoded = ImageIO.read(new java.io.ByteArrayInputStream(encode(image(colour, 16, 16), "jpg")));
        return FakeVisionServer.colourOf(decoded);
    }

    private static String jpeg(Color colour, int width, int height) throws IOException {
        return Base64.getEncoder().encodeToString(encode(image(colour, width, height), "jpg"));
    }

    private static BufferedImage image(Color colour, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(colour);
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        var bytes = new ByteArrayOutputStream();
        ImageIO.write(image, format, bytes);
        return bytes.toByteArray();
    }

    private static HttpResponse<String> post(String path, JsonObject body) throws Exception {
        return postText(path, body.toString());
    }

    private static HttpResponse<String> postText(String path, String body) throws Exception {
        return http.send(post(path, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
