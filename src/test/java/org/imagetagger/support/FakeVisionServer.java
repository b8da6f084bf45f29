package org.imagetagger.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * A vision server for tests, speaking Ollama's native API and the OpenAI chat completions API with the
 * real JSON shapes. It answers from the image it receives, so tests can tell which image a stored
 * tag came from: tags {@code ["fake", <colour>]}, description {@code "A <colour> test image of WxH pixels"},
 * where the colour is the name of the image's average pixel. Like Ollama's grammar-constrained decoding, it
 * keeps to an {@code enum} of the request's schema for tags: only the allowed ones of its answer remain, or the
 * first allowed one when none would. It records the model and prompt of each chat request. Faults (latency,
 * error statuses, overload, odd reply texts) are switched on by the test and apply to chat requests only.
 * It also embeds text ({@code POST /api/embed}, {@code POST /v1/embeddings}) with {@link #embedding(String)}: words
 * of one meaning share an axis (a direction), so "puppy" lies near "dog"; a test can make pictures of one colour be described
 * as something else ({@link #describeColour}).
 */
public class FakeVisionServer implements AutoCloseable {

    public static final List<String> DEFAULT_MODELS = List.of("qwen2.5vl:latest");
    public static final long DEFAULT_SEED = 42;
    public static final List<String> DEFAULT_EMBEDDING_MODELS = List.of("nomic-embed-text:latest");
    public static final int EMBEDDING_DIMENSIONS = 768;

    /** Words of one meaning: each group shares one axis of the fake embedding. */
    private static final List<List<String>> SYNONYMS = List.of(
            List.of("dog", "dogs", "puppy", "puppies", "hound", "hounds", "doggy"),
            List.of("cat", "cats", "kitten", "kittens", "kitty"),
            List.of("beach", "beaches", "seaside", "shore", "coast", "sand"),
            List.of("sea", "ocean", "waves", "water"),
            List.of("car", "cars", "automobile", "vehicle"),
            List.of("tree", "trees", "forest", "woods"),
            List.of("mountain", "mountains", "hill", "hills", "peak"),
            List.of("house", "home", "building", "cottage"),
            List.of("running", "run", "runs", "sprinting", "racing"),
            List.of("sofa", "couch", "settee"),
            List.of("flower", "flowers", "blossom", "bloom"),
            List.of("boat", "ship", "sailboat", "yacht"));
    private static final java.util.Set<String> STOPWORDS = java.util.Set.of("a", "an", "the", "of", "on", "in", "at", "with",
            "and", "or", "to", "is", "search_document", "search_query");

    private static final int THREADS = 16;

    static {
        // Like Ollama's Go server, answer without Nagle's delay: the JDK server writes headers and body
        // separately, and the second small write would otherwise wait for the client's delayed ACK (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    private static final String JPEG_DATA_URL = "data:image/jpeg;base64,";

    /** Size of an image received in a chat request. */
    public record ImageSize(int width, int height) {

        public int longestSide() {
            return Math.max(width, height);
        }
    }

    /** Model, prompt and the tags the schema allowed (empty: any) of one valid chat request. */
    public record Received(String model, String prompt, List<String> allowedTags) {
    }

    private enum Api { OLLAMA, OPENAI }

    /** A reply the request has earned instead of a normal answer. */
    private record Refusal(int status, String message) {
    }

    private HttpServer server;
    private ExecutorService executor;

    private final AtomicInteger chatRequests = new AtomicInteger();
    private final AtomicInteger successfulReplies = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlightSeen = new AtomicInteger();
    private final AtomicLong serviceNanos = new AtomicLong();
    private final AtomicLong replyIds = new AtomicLong();
    private final List<ImageSize> receivedImageSizes = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile JsonObject lastChatRequest;
    private volatile List<String> embeddingModels = DEFAULT_EMBEDDING_MODELS;
    private final AtomicInteger embedRequests = new AtomicInteger();
    private final List<String> embeddedTexts = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, JsonObject> colourAnswers = new java.util.concurrent.ConcurrentHashMap<>();

    // Fault settings: read by many handler threads, changed by the test thread.
    private volatile Duration latency = Duration.ZERO;
    private volatile String replyOverride;
    private volatile List<String> models = DEFAULT_MODELS;
    private volatile int maxParallel = Integer.MAX_VALUE;
    private volatile boolean decodesPictures = true;
    private final AtomicInteger slowLeft = new AtomicInteger();
    private volatile Duration slowDelay = Duration.ZERO;
    private final Object failureLock = new Object();
    private int failuresLeft;
    private int failNextStatus;
    private double failureRate;
    private int failureRateStatus;
    private Random random = new Random(DEFAULT_SEED);

    public synchronized FakeVisionServer start() {
        if (server != null) {
            return this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the fake vision server", e);
        }
        executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "fake-vision-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            executor = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Base URL without a trailing slash, e.g. {@code http://127.0.0.1:41234}. */
    public synchronized String url() {
        if (server == null) {
            throw new IllegalStateException("the fake vision server is not started");
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Delay before every chat reply, failures included (but not overload refusals). */
    public void setLatency(Duration latency) {
        this.latency = latency == null ? Duration.ZERO : latency;
    }

    /** The next {@code n} chat requests wait {@code delay} (on top of the latency) before answering. */
    public void delayNext(int n, Duration delay) {
        slowDelay = delay;
        slowLeft.set(n);
    }

    /** The next {@code n} chat requests are answered with {@code status}. */
    public void failNext(int n, int status) {
        synchronized (failureLock) {
            failuresLeft = n;
            failNextStatus = status;
        }
    }

    /** Each chat request fails with {@code status} at probability {@code p}, drawn from a fixed seed. */
    public void setFailureRate(double p, int status) {
        setFailureRate(p, status, DEFAULT_SEED);
    }

    public void setFailureRate(double p, int status, long seed) {
        synchronized (failureLock) {
            failureRate = p;
            failureRateStatus = status;
            random = new Random(seed);
        }
    }

    /** Text to send as the model's answer instead of the JSON built from the image; {@code null} resets. */
    public void replyWith(String rawContent) {
        this.replyOverride = rawContent;
    }

    public void setModels(String... names) {
        this.models = List.of(names);
    }

    /**
     * false: each picture's JPEG header is read (its size checked and recorded) but its pixels are not decoded, and
     * the answer names no colour. For a benchmark whose fake server shares the tagger's cores: a real model server
     * does its decoding on its own machine.
     */
    public void setDecodesPictures(boolean decodesPictures) {
        this.decodesPictures = decodesPictures;
    }

    /** Chat requests beyond this many in flight are refused with 503, like an overloaded Ollama. */
    public void setMaxParallel(int maxParallel) {
        this.maxParallel = maxParallel;
    }

    /** The models {@code /api/embed} and {@code /v1/embeddings} know; any other is answered 404 as Ollama does. */
    public void setEmbeddingModels(String... names) {
        this.embeddingModels = List.of(names);
    }

    /** Pictures whose average colour is {@code colour} are described with this text and these tags. */
    public void describeColour(String colour, String description, String... tags) {
        JsonArrayBuilder tagArray = Json.createArrayBuilder();
        for (String tag : tags) {
            tagArray.add(tag);
        }
        colourAnswers.put(colour, Json.createObjectBuilder().add("description", description).add("tags", tagArray).build());
    }

    /** Embedding requests received on either protocol, refused ones included. */
    public int embedRequests() {
        return embedRequests.get();
    }

    /** Every text embedded, in arrival order (prefixes included). */
    public List<String> embeddedTexts() {
        return List.copyOf(embeddedTexts);
    }

    /**
     * The fake embedding of a text: each word (lower case, stop words and the nomic prefixes left out) adds its
     * meaning's axis, a word of no listed meaning an axis of its own; normalised to length 1. An axis is a random unit
     * direction drawn from the meaning's name (dense, like real embeddings: two meanings are nearly orthogonal, never
     * equal by a hash collision).
     */
    public static float[] embedding(String text) {
        double[] sum = new double[EMBEDDING_DIMENSIONS];
        for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9_]+")) {
            if (word.isEmpty() || STOPWORDS.contains(word)) {
                continue;
            }
            String meaning = word;
            for (List<String> group : SYNONYMS) {
                if (group.contains(word)) {
                    meaning = group.get(0);
                }
            }
            float[] axis = AXES.computeIfAbsent(meaning, FakeVisionServer::axis);
            for (int n = 0; n < sum.length; n++) {
                sum[n] += axis[n];
            }
        }
        double norm = 0;
        for (double v : sum) {
            norm += v * v;
        }
        float[] vector = new float[EMBEDDING_DIMENSIONS];
        if (norm == 0) {
            vector[0] = 1;
            return vector;
        }
        for (int n = 0; n < vector.length; n++) {
            vector[n] = (float) (sum[n] / Math.sqrt(norm));
        }
        return vector;
    }

    private static final java.util.Map<String, float[]> AXES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The unit direction of one meaning, the same in every run. */
    private static float[] axis(String meaning) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(meaning.hashCode() * 0x9E3779B97F4A7C15L + meaning.length());
        float[] axis = new float[EMBEDDING_DIMENSIONS];
        double norm = 0;
        for (int n = 0; n < axis.length; n++) {
            // Sum of uniforms: near-normal, enough for a random direction.
            axis[n] = (float) (random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5);
            norm += axis[n] * axis[n];
        }
        for (int n = 0; n < axis.length; n++) {
            axis[n] /= (float) Math.sqrt(norm);
        }
        return axis;
    }

    /** Chat requests received on either protocol, refused ones included. */
    public int chatRequests() {
        return chatRequests.get();
    }

    /** Chat requests answered with 200 and a model reply. */
    public int successfulReplies() {
        return successfulReplies.get();
    }

    /** The most chat requests that were in flight at the same moment. */
    /** Mean time from a chat request's arrival to its successful reply: the latency a client really sees here. */
    public Duration meanServiceTime() {
        int replies = successfulReplies.get();
        return replies == 0 ? Duration.ZERO : Duration.ofNanos(serviceNanos.get() / replies);
    }

    public int maxInFlightSeen() {
        return maxInFlightSeen.get();
    }

    /** Sizes of the images of all valid chat requests, in arrival order. */
    public List<ImageSize> receivedImageSizes() {
        return List.copyOf(receivedImageSizes);
    }

    /** Model, prompt and allowed tags of all valid chat requests, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Body of the last chat request received, or null. */
    public JsonObject lastChatRequest() {
        return lastChatRequest;
    }

    /** Zeroes the counters and switches every fault off; models go back to {@link #DEFAULT_MODELS}. */
    public void reset() {
        chatRequests.set(0);
        successfulReplies.set(0);
        maxInFlightSeen.set(0);
        serviceNanos.set(0);
        receivedImageSizes.clear();
        received.clear();
        lastChatRequest = null;
        embeddingModels = DEFAULT_EMBEDDING_MODELS;
        embedRequests.set(0);
        embeddedTexts.clear();
        colourAnswers.clear();
        latency = Duration.ZERO;
        replyOverride = null;
        models = DEFAULT_MODELS;
        maxParallel = Integer.MAX_VALUE;
        decodesPictures = true;
        slowLeft.set(0);
        synchronized (failureLock) {
            failuresLeft = 0;
            failureRate = 0;
            random = new Random(DEFAULT_SEED);
        }
    }

    /**
     * Answers {@code requests} Ollama chat requests for a 640×480 photo from a client of its own (four at a time), then
     * forgets them: Ollama has no JIT to warm, so a benchmark of the tagger's first scan after boot should not also
     * measure this server's first requests, which run on the same cores.
     */
    public void warmUp(int requests) throws Exception {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(TestImages.noise(640, 480, 1), "jpeg", jpeg);
        String body = Json.createObjectBuilder()
                .add("model", DEFAULT_MODELS.get(0)).add("stream", false)
                .add("format", Json.createObjectBuilder().add("type", "object"))
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("role", "user").add("content", "Describe the photo.")
                        .add("images", Json.createArrayBuilder().add(Base64.getEncoder().encodeToString(jpeg.toByteArray())))))
                .build().toString();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/api/chat"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(clients.submit(() -> client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                if (answer.get() != 200) {
                    throw new IllegalStateException("the fake server refused its own warm-up request: " + answer.get());
                }
            }
        } finally {
            clients.shutdown();
        }
        reset();
    }

    /** Name of the colour closest to the image's average pixel. */
    public static String colourOf(BufferedImage image) {
        long r = 0;
        long g = 0;
        long b = 0;
        // A sample grid is enough for an average and keeps big images cheap.
        int step = Math.max(1, Math.max(image.getWidth(), image.getHeight()) / 200);
        long samples = 0;
        for (int y = 0; y < image.getHeight(); y += step) {
            for (int x = 0; x < image.getWidth(); x += step) {
                int rgb = image.getRGB(x, y);
                r += (rgb >> 16) & 0xff;
                g += (rgb >> 8) & 0xff;
                b += rgb & 0xff;
                samples++;
            }
        }
        float[] hsb = Color.RGBtoHSB((int) (r / samples), (int) (g / samples), (int) (b / samples), null);
        float hue = hsb[0] * 360;
        float saturation = hsb[1];
        float brightness = hsb[2];
        if (brightness < 0.2f) {
            return "black";
        }
        if (saturation < 0.2f) {
            return brightness > 0.85f ? "white" : "gray";
        }
        if (hue < 15 || hue >= 345) {
            return "red";
        }
        if (hue < 45) {
            return "orange";
        }
        if (hue < 70) {
            return "yellow";
        }
        if (hue < 170) {
            return "green";
        }
        if (hue < 200) {
            return "cyan";
        }
        if (hue < 260) {
            return "blue";
        }
        return hue < 300 ? "purple" : "pink";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/api/chat" -> expect(exchange, "POST", () -> chat(exchange, Api.OLLAMA));
                case "/v1/chat/completions" -> expect(exchange, "POST", () -> chat(exchange, Api.OPENAI));
                case "/api/embed" -> expect(exchange, "POST", () -> embed(exchange, Api.OLLAMA));
                case "/v1/embeddings" -> expect(exchange, "POST", () -> embed(exchange, Api.OPENAI));
                case "/api/tags" -> expect(exchange, "GET", () -> send(exchange, 200, ollamaModels()));
                case "/v1/models" -> expect(exchange, "GET", () -> send(exchange, 200, openAiModels()));
                case "/" -> sendText(exchange, 200, "Ollama is running");
                default -> sendText(exchange, 404, "404 page not found");
            }
        } catch (RuntimeException | IOException e) {
            // The test JVM would otherwise swallow the problem and the client just sees a reset.
            System.getLogger(FakeVisionServer.class.getName())
                    .log(System.Logger.Level.ERROR, "fake vision server failed", e);
            throw e;
        } finally {
            exchange.close();
        }
    }

    private interface Handler {
        void handle() throws IOException;
    }

    private static void expect(HttpExchange exchange, String method, Handler handler) throws IOException {
        if (exchange.getRequestMethod().equalsIgnoreCase(method)) {
            handler.handle();
        } else {
            sendText(exchange, 405, "405 method not allowed");
        }
    }

    private void chat(HttpExchange exchange, Api api) throws IOException {
        chatRequests.incrementAndGet();
        long arrived = System.nanoTime();
        int current = inFlight.incrementAndGet();
        maxInFlightSeen.accumulateAndGet(current, Math::max);
        try {
            // Read first: a refused request must not leave its body on a kept-alive connection.
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (current > maxParallel) {
                sendError(exchange, api, new Refusal(503,
                        "server busy, please try again.  maximum pending requests exceeded"));
                return;
            }
            // Decided on arrival: a slow request still sleeping must not take a failure meant for a later test.
            Refusal injected = injectedFailure();
            boolean slow = slowLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            sleep(latency);
            if (slow) {
                sleep(slowDelay);
            }
            if (injected != null) {
                sendError(exchange, api, injected);
                return;
            }
            JsonObject request;
            try (var reader = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
                request = reader.readObject();
            } catch (JsonException | IllegalStateException e) {
                sendError(exchange, api, new Refusal(400, "invalid JSON request body: " + e.getMessage()));
                return;
            }
            lastChatRequest = request;
            Refusal invalid = invalidRequest(request, api);
            if (invalid != null) {
                sendError(exchange, api, invalid);
                return;
            }
            BufferedImage image;
            ImageSize size;
            try {
                byte[] jpeg = jpegBytes(api == Api.OLLAMA ? ollamaImage(request) : openAiImage(request));
                image = decodesPictures ? decodeJpeg(jpeg) : null;
                size = image != null ? new ImageSize(image.getWidth(), image.getHeight()) : jpegHeaderSize(jpeg);
            } catch (IllegalArgumentException e) {
                sendError(exchange, api, new Refusal(400, e.getMessage()));
                return;
            }
            receivedImageSizes.add(size);
            String model = request.getString("model");
            List<String> allowed = allowedTags(api == Api.OLLAMA ? request.getJsonObject("format")
                    : request.getJsonObject("response_format").getJsonObject("json_schema").getJsonObject("schema"));
            received.add(new Received(model, api == Api.OLLAMA ? ollamaPrompt(request) : openAiPrompt(request), allowed));
            String colour = image == null ? null : colourOf(image);
            JsonObject byColour = colour == null ? null : colourAnswers.get(colour);
            String content = replyOverride != null ? replyOverride : byColour != null ? byColour.toString() : answerFor(colour, size, allowed);
            // Counted before sending: a client that has the reply must also see it counted.
            successfulReplies.incrementAndGet();
            serviceNanos.addAndGet(System.nanoTime() - arrived);
            send(exchange, 200, api == Api.OLLAMA ? ollamaReply(model, content) : openAiReply(model, content));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void embed(HttpExchange exchange, Api api) throws IOException {
        embedRequests.incrementAndGet();
        JsonObject request;
        try (var reader = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))) {
            request = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            sendError(exchange, api, new Refusal(400, "invalid JSON request body: " + e.getMessage()));
            return;
        }
        if (!(request.get("model") instanceof JsonString model) || model.getString().isBlank()) {
            sendError(exchange, api, new Refusal(400, "model is required"));
            return;
        }
        String resolved = model.getString().contains(":") ? model.getString() : model.getString() + ":latest";
        if (!embeddingModels.contains(model.getString()) && !embeddingModels.contains(resolved)) {
            sendError(exchange, api, new Refusal(404, "model \"" + model.getString() + "\" not found, try pulling it first"));
            return;
        }
        List<String> inputs;
        if (request.get("input") instanceof JsonString one) {
            inputs = List.of(one.getString());
        } else if (request.get("input") instanceof JsonArray many && many.stream().allMatch(JsonString.class::isInstance)) {
            inputs = many.stream().map(v -> ((JsonString) v).getString()).toList();
        } else {
            sendError(exchange, api, new Refusal(400, "input must be a string or an array of strings"));
            return;
        }
        embeddedTexts.addAll(inputs);
        JsonArrayBuilder vectors = Json.createArrayBuilder();
        for (int n = 0; n < inputs.size(); n++) {
            JsonArrayBuilder vector = Json.createArrayBuilder();
            for (float v : embedding(inputs.get(n))) {
                // As Ollama's Go server writes a float32: its shortest form (0.12345678), not the 17 digits of the
                // double it widens to (0.12345678359270096), which made these replies twice as long to write and read.
                vector.add(new java.math.BigDecimal(Float.toString(v)));
            }
            if (api == Api.OLLAMA) {
                vectors.add(vector);
            } else {
                vectors.add(Json.createObjectBuilder().add("object", "embedding").add("embedding", vector).add("index", n));
            }
        }
        send(exchange, 200, api == Api.OLLAMA
                ? Json.createObjectBuilder().add("model", model.getString()).add("embeddings", vectors)
                        .add("total_duration", 14_143_917L).add("prompt_eval_count", 8).build()
                : Json.createObjectBuilder().add("object", "list").add("data", vectors).add("model", model.getString())
                        .add("usage", Json.createObjectBuilder().add("prompt_tokens", 8).add("total_tokens", 8)).build());
    }

    private Refusal injectedFailure() {
        synchronized (failureLock) {
            if (failuresLeft > 0) {
                failuresLeft--;
                return new Refusal(failNextStatus, "injected failure (status " + failNextStatus + ")");
            }
            if (failureRate > 0 && random.nextDouble() < failureRate) {
                return new Refusal(failureRateStatus, "injected random failure (status " + failureRateStatus + ")");
            }
            return null;
        }
    }

    private Refusal invalidRequest(JsonObject request, Api api) {
        if (!(request.get("model") instanceof JsonString model) || model.getString().isBlank()) {
            return new Refusal(400, "model is required");
        }
        if (!knows(model.getString())) {
            return new Refusal(404, "model \"" + model.getString() + "\" not found, try pulling it first");
        }
        if (!(request.get("messages") instanceof JsonArray messages) || messages.isEmpty()) {
            return new Refusal(400, "messages are required");
        }
        if (api == Api.OLLAMA) {
            if (request.get("stream") != JsonValue.FALSE) {
                return new Refusal(400, "this fake server only answers \"stream\": false");
            }
            if (!(request.get("format") instanceof JsonObject)) {
                return new Refusal(400, "format (a JSON schema) is required");
            }
        } else if (!(request.get("response_format") instanceof JsonObject format)
                || !"json_schema".equals(format.getString("type", null))
                || !(format.get("json_schema") instanceof JsonObject schema)
                || !(schema.get("schema") instanceof JsonObject)) {
            return new Refusal(400, "response_format of type json_schema with a schema is required");
        }
        return null;
    }

    private boolean knows(String model) {
        // Ollama resolves a name without a tag to ":latest".
        String resolved = model.contains(":") ? model : model + ":latest";
        return models.contains(model) || models.contains(resolved);
    }

    /** The {@code enum} of the schema's tag items; empty when any string may be answered. */
    static List<String> allowedTags(JsonObject schema) {
        if (schema.get("properties") instanceof JsonObject properties
                && properties.get("tags") instanceof JsonObject tags
                && tags.get("items") instanceof JsonObject items
                && items.get("enum") instanceof JsonArray values) {
            return values.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList();
        }
        return List.of();
    }

    private static String ollamaPrompt(JsonObject request) {
        StringBuilder prompt = new StringBuilder();
        for (JsonValue message : request.getJsonArray("messages")) {
            if (message instanceof JsonObject object && object.get("content") instanceof JsonString content) {
                prompt.append(content.getString());
            }
        }
        return prompt.toString();
    }

    private static String openAiPrompt(JsonObject request) {
        StringBuilder prompt = new StringBuilder();
        for (JsonValue message : request.getJsonArray("messages")) {
            if (message instanceof JsonObject object && object.get("content") instanceof JsonArray parts) {
                for (JsonValue part : parts) {
                    if (part instanceof JsonObject p && p.get("text") instanceof JsonString text) {
                        prompt.append(text.getString());
                    }
                }
            }
        }
        return prompt.toString();
    }

    private static String ollamaImage(JsonObject request) {
        for (JsonValue message : request.getJsonArray("messages")) {
            if (message instanceof JsonObject object
                    && object.get("images") instanceof JsonArray images
                    && !images.isEmpty()
                    && images.get(0) instanceof JsonString image) {
                return image.getString();
            }
        }
        throw new IllegalArgumentException("no image in messages[].images");
    }

    private static String openAiImage(JsonObject request) {
        for (JsonValue message : request.getJsonArray("messages")) {
            if (message instanceof JsonObject object && object.get("content") instanceof JsonArray parts) {
                for (JsonValue part : parts) {
                    if (part instanceof JsonObject p
                            && p.get("image_url") instanceof JsonObject imageUrl
                            && imageUrl.get("url") instanceof JsonString url) {
                        if (!url.getString().startsWith(JPEG_DATA_URL)) {
                            throw new IllegalArgumentException("image_url.url is not a " + JPEG_DATA_URL + " URL");
                        }
                        return url.getString().substring(JPEG_DATA_URL.length());
                    }
                }
            }
        }
        throw new IllegalArgumentException("no image_url part in messages[].content");
    }

    private static byte[] jpegBytes(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("illegal base64 data in image: " + e.getMessage());
        }
        if (bytes.length < 3 || (bytes[0] & 0xff) != 0xFF || (bytes[1] & 0xff) != 0xD8 || (bytes[2] & 0xff) != 0xFF) {
            throw new IllegalArgumentException("image is not a JPEG");
        }
        return bytes;
    }

    private static BufferedImage decodeJpeg(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalArgumentException("image cannot be decoded");
            }
            return image;
        } catch (IOException e) {
            throw new IllegalArgumentException("image cannot be decoded: " + e.getMessage());
        }
    }

    private static ImageSize jpegHeaderSize(byte[] bytes) {
        ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            return new ImageSize(reader.getWidth(0), reader.getHeight(0));
        } catch (IOException e) {
            throw new IllegalArgumentException("image cannot be decoded: " + e.getMessage());
        } finally {
            reader.dispose();
        }
    }

    /** @param colour null when the picture was not decoded */
    private static String answerFor(String colour, ImageSize size, List<String> allowed) {
        List<String> tags = colour == null ? List.of("fake") : List.of("fake", colour);
        if (!allowed.isEmpty()) {
            // A constrained decoder cannot leave the enum: what the model would say outside it never comes out.
            tags = tags.stream().filter(allowed::contains).toList();
            if (tags.isEmpty()) {
                tags = List.of(allowed.get(0));
            }
        }
        JsonArrayBuilder tagArray = Json.createArrayBuilder();
        tags.forEach(tagArray::add);
        return Json.createObjectBuilder()
                .add("description", (colour == null ? "A" : "A " + colour) + " test image of " + size.width() + "x" + size.height()
                        + " pixels")
                .add("tags", tagArray)
                .build()
                .toString();
    }

    private static JsonObject ollamaReply(String model, String content) {
        return Json.createObjectBuilder()
                .add("model", model)
                .add("created_at", Instant.now().toString())
                .add("message", Json.createObjectBuilder()
                        .add("role", "assistant")
                        .add("content", content))
                .add("done", true)
                .add("done_reason", "stop")
                .add("total_duration", 1_234_567_890L)
                .add("load_duration", 12_345_678L)
                .add("prompt_eval_count", 1_024)
                .add("prompt_eval_duration", 456_789_012L)
                .add("eval_count", 42)
                .add("eval_duration", 765_432_100L)
                .build();
    }

    private JsonObject openAiReply(String model, String content) {
        return Json.createObjectBuilder()
                .add("id", "chatcmpl-" + replyIds.incrementAndGet())
                .add("object", "chat.completion")
                .add("created", Instant.now().getEpochSecond())
                .add("model", model)
                .add("system_fingerprint", "fp_fake")
                .add("choices", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("index", 0)
                        .add("message", Json.createObjectBuilder()
                                .add("role", "assistant")
                                .add("content", content))
                        .add("finish_reason", "stop")))
                .add("usage", Json.createObjectBuilder()
                        .add("prompt_tokens", 1_024)
                        .add("completion_tokens", 42)
                        .add("total_tokens", 1_066))
                .build();
    }

    private JsonObject ollamaModels() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (String name : models) {
            list.add(Json.createObjectBuilder()
                    .add("name", name)
                    .add("model", name)
                    .add("modified_at", "2025-01-01T00:00:00Z")
                    .add("size", 5_969_245_856L)
                    .add("digest", "5ced39dfa4bac325dc183dd1e4febaa1c46b3ea28bce48896c8e69c1e79611cc")
                    .add("details", Json.createObjectBuilder()
                            .add("parent_model", "")
                            .add("format", "gguf")
                            .add("family", "qwen25vl")
                            .add("families", Json.createArrayBuilder().add("qwen25vl"))
                            .add("parameter_size", "8.3B")
                            .add("quantization_level", "Q4_K_M")));
        }
        return Json.createObjectBuilder().add("models", list).build();
    }

    private JsonObject openAiModels() {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (String name : models) {
            list.add(Json.createObjectBuilder()
                    .add("id", name)
                    .add("object", "model")
                    .add("created", 1_735_689_600L)
                    .add("owned_by", "library"));
        }
        return Json.createObjectBuilder().add("object", "list").add("data", list).build();
    }

    private static void sendError(HttpExchange exchange, Api api, Refusal refusal) throws IOException {
        JsonObject body = api == Api.OLLAMA
                ? Json.createObjectBuilder().add("error", refusal.message()).build()
                // OpenAI-compatible servers (Ollama's /v1 too) nest the error.
                : Json.createObjectBuilder().add("error", Json.createObjectBuilder()
                        .add("message", refusal.message())
                        .add("type", refusal.status() >= 500 ? "api_error" : "invalid_request_error")
                        .addNull("param")
                        .addNull("code")).build();
        send(exchange, refusal.status(), body);
    }

    private static void send(HttpExchange exchange, int status, JsonObject body) throws IOException {
        respond(exchange, status, "application/json; charset=utf-8", body.toString());
    }

    private static void sendText(HttpExchange exchange, int status, String body) throws IOException {
        respond(exchange, status, "text/plain; charset=utf-8", body);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
