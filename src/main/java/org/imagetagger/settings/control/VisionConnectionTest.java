package org.imagetagger.settings.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.imagetagger.tagging.control.OllamaProtocol;
import org.imagetagger.tagging.control.OpenAiProtocol;
import org.imagetagger.tagging.control.ServerAddress;
import org.imagetagger.tagging.control.VisionProtocol;
import org.imagetagger.tagging.control.VisionServer;

/** Asks each vision server for its model list (no image, no Fault Tolerance: one plain try) and times it. */
@ApplicationScoped
public class VisionConnectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    public record ServerResult(String url, boolean ok, List<String> models, long latencyMs, String error) {
    }

    /**
     * @param ok every server answered and lists the model
     * @param models the models of all servers, in the order they were listed
     * @param latencyMs the slowest server's answer time
     * @param error the first problem, null when ok
     */
    public record Result(boolean ok, List<String> models, long latencyMs, String error, String model,
                         boolean modelAvailable, List<ServerResult> servers) {
    }

    public Result test(VisionServer.Api api, List<String> urls, String model) {
        VisionProtocol protocol = api == VisionServer.Api.OLLAMA ? new OllamaProtocol() : new OpenAiProtocol();
        List<ServerResult> servers = new ArrayList<>();
        for (ServerAddress server : ServerAddress.parseAll(urls, urls.size())) {
            servers.add(testOne(protocol, api, server.baseUrl(), model));
        }
        Set<String> models = new LinkedHashSet<>();
        servers.forEach(s -> models.addAll(s.models()));
        boolean allAnswered = servers.stream().allMatch(s -> s.error() == null);
        boolean available = !servers.isEmpty() && servers.stream().allMatch(s -> lists(s.models(), model));
        String error = servers.stream().map(ServerResult::error).filter(e -> e != null).findFirst()
                .orElse(available ? null : "model \"" + model + "\" is not among the server's models");
        long latency = servers.stream().mapToLong(ServerResult::latencyMs).max().orElse(0);
        return new Result(allAnswered && available, List.copyOf(models), latency, error, model, available, servers);
    }

    private static ServerResult testOne(VisionProtocol protocol, VisionServer.Api api, String url, String model) {
        long start = System.nanoTime();
        try {
            List<String> models;
            try (VisionServer server = new VisionServer(url, api, TIMEOUT)) {
                models = protocol.models(server.models());
            }
            long latency = Duration.ofNanos(System.nanoTime() - start).toMillis();
            boolean listed = lists(models, model);
            return new ServerResult(url, listed, models, latency,
                    listed ? null : "model \"" + model + "\" is not among the models of " + url);
        } catch (RuntimeException failed) {
            return new ServerResult(url, false, List.of(), Duration.ofNanos(System.nanoTime() - start).toMillis(),
                    shortReason(url, failed.getMessage()));
        }
    }

    private static final java.util.regex.Pattern ANSWERED = java.util.regex.Pattern.compile("answered (\\d{3})");

    /**
     * What went wrong, in a few words: the HTTP status and its reason phrase, or why the server could not be
     * reached; never the body the URL answered with (any http URL can be tested, so that body could be a page the
     * caller should not read through this server) and never a Java class name.
     */
    static String shortReason(String url, String message) {
        if (message == null || message.isBlank()) {
            return "vision server " + url + " could not be asked";
        }
        java.util.regex.Matcher status = ANSWERED.matcher(message);
        if (status.find()) {
            int code = Integer.parseInt(status.group(1));
            jakarta.ws.rs.core.Response.Status known = jakarta.ws.rs.core.Response.Status.fromStatusCode(code);
            String reason = code == 200 ? "OK, but not a model list" : known == null ? "" : known.getReasonPhrase();
            return ("vision server " + url + " answered " + code + " " + reason).strip();
        }
        if (message.contains("unreachable")) {
            String why = message.contains("refused") ? "connection refused"
                    : message.toLowerCase(java.util.Locale.ROOT).contains("timed out") || message.contains("Timeout") ? "timed out"
                    : message.contains("UnknownHost") || message.contains("unknown host") ? "unknown host" : "no connection";
            return "vision server " + url + " unreachable: " + why;
        }
        String flat = message.replaceAll("\\b(?:[a-z]+\\.)+[A-Z]\\w*(?:Exception|Error)\\b:?", "").replaceAll("\\s+", " ").strip();
        return flat.length() > 120 ? flat.substring(0, 120) + "…" : flat;
    }

    /** Ollama resolves a name without a tag to {@code :latest}. */
    static boolean lists(List<String> models, String model) {
        return models.contains(model) || (!model.contains(":") && models.contains(model + ":latest"));
    }
}
