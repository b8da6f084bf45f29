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
            List<String> models = protocol.models(new VisionServer(url, api, TIMEOUT).models());
            long latency = Duration.ofNanos(System.nanoTime() - start).toMillis();
            boolean listed = lists(models, model);
            return new ServerResult(url, listed, models, latency,
                    listed ? null : "model \"" + model + "\" is not among the models of " + url);
        } catch (RuntimeException failed) {
            return new ServerResult(url, false, List.of(), Duration.ofNanos(System.nanoTime() - start).toMillis(),
                    failed.getMessage() == null ? failed.getClass().getSimpleName() : failed.getMessage());
        }
    }

    /** Ollama resolves a name without a tag to {@code :latest}. */
    static boolean lists(List<String> models, String model) {
        return models.contains(model) || (!model.contains(":") && models.contains(model + ":latest"));
    }
}
