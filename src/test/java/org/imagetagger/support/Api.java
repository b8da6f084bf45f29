package org.imagetagger.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/** A small JSON client for the public API, as users and outside checks call it. */
public final class Api {

    private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;
    private Duration polling = Duration.ofMillis(150);

    public record Reply(int status, String body, HttpResponse<String> response) {
        public JsonObject object() {
            return (JsonObject) json();
        }

        public JsonStructure json() {
            return Json.createReader(new StringReader(body)).read();
        }
    }

    public Api(URL deployment) {
        this(deployment, null);
    }

    /** A client that sends {@code Authorization: Bearer <token>} with every call (none when null). */
    public Api(URL deployment, String token) {
        this.base = URI.create(deployment.toString().replaceAll("/+$", "") + "/");
        this.token = token;
    }

    /**
     * How often {@link #awaitEnd} asks for a job's status (150 ms unless set): each request costs the server a few
     * milliseconds of CPU, which a benchmark on the server's own cores should not add seven times a second.
     */
    public Api polling(Duration interval) {
        this.polling = interval;
        return this;
    }

    /** A GET whose body is kept as bytes (images). */
    public HttpResponse<byte[]> getBytes(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET().timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Any request, to a path taken verbatim (no normalising of ".." or encoded characters). */
    public Reply raw(String method, String rawPath, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + rawPath)).method(method, body);
        return send(request.header("Content-Type", "application/json"));
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply patch(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** Registers a folder and returns its id. */
    public long addFolder(java.nio.file.Path folder) {
        Reply reply = post("api/folders", Json.createObjectBuilder().add("path", folder.toString()).build().toString());
        if (reply.status() != 201) {
            throw new AssertionError("adding " + folder + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.object().getJsonNumber("id").longValue();
    }

    /** Starts a scan and returns the execution id. */
    public long scan(long folderId, String mode) {
        Reply reply = post("api/folders/" + folderId + "/scan", "{\"mode\":\"" + mode + "\"}");
        if (reply.status() != 202) {
            throw new AssertionError("scan of folder " + folderId + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.object().getJsonNumber("executionId").longValue();
    }

    /** Waits until the execution ends in any terminal status and returns it; the caller asserts which. */
    public JsonObject awaitEnd(long executionId, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject execution = get("api/jobs/" + executionId).object();
            if (TERMINAL.contains(execution.getString("status"))) {
                return execution;
            }
            sleep(polling.toMillis());
        }
        throw new AssertionError("execution " + executionId + " still running after " + limit + ": " + get("api/jobs/" + executionId).body());
    }

    /** Waits until the execution has committed at least {@code done} images. */
    public void awaitProgress(long executionId, int done) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (get("api/jobs/" + executionId).object().getJsonObject("progress").getInt("done") < done) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("execution " + executionId + " committed fewer than " + done + " images in a minute");
            }
            sleep(50);
        }
    }

    /** Scans and requires COMPLETED, failing with the execution's exit status otherwise. */
    public JsonObject scanToCompletion(long folderId, String mode) {
        JsonObject execution = awaitEnd(scan(folderId, mode), Duration.ofMinutes(3));
        if (!"COMPLETED".equals(execution.getString("status"))) {
            throw new AssertionError("scan ended " + execution.getString("status") + ": " + execution);
        }
        return execution;
    }

    /** A step metric summed over the execution's steps (planning counts nothing; tagging counts the files). */
    public static long metric(JsonObject execution, String name) {
        return execution.getJsonArray("steps").stream()
                .mapToLong(step -> step.asJsonObject().getJsonObject("metrics").getJsonNumber(name).longValue()).sum();
    }

    public static boolean isNull(JsonObject object, String key) {
        return !object.containsKey(key) || object.get(key).getValueType() == JsonValue.ValueType.NULL;
    }

    private URI uri(String path) {
        return base.resolve(path);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
