package org.imagetagger.settings.control;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.imagetagger.tagging.control.ProcessingWindow;
import org.imagetagger.tagging.control.ServerAddress;
import org.imagetagger.tagging.control.VisionSettings;

/**
 * Configuration that can never work stops the server, with the key named, before anything starts: otherwise the
 * deployment fails on the first injection of the bad value, the server says it is ready, and every URL answers 404.
 * A CDI extension, because it runs before any bean is created and before MicroProfile Config checks injections.
 */
public class ConfigurationCheck implements Extension {

    private static final System.Logger LOG = System.getLogger(ConfigurationCheck.class.getName());
    /** Distinct from a crash (1): a supervisor can tell that restarting will not help. */
    static final int EXIT_STATUS = 78;

    void check(@Observes BeforeBeanDiscovery start) {
        Config config = ConfigProvider.getConfig();
        List<String> problems = problems(key -> config.getOptionalValue(key, String.class));
        if (!problems.isEmpty()) {
            String message = "invalid configuration, the server stops: " + String.join("; ", problems);
            LOG.log(Level.ERROR, message);
            System.err.println(message);
            System.err.flush();
            // Not System.exit: the server's shutdown hooks wait for the deployment this thread is running, for ever.
            // Nothing has started yet that a hook would need to end.
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }

    /** What is wrong with the configured values, each naming its key and environment variable. */
    static List<String> problems(Function<String, Optional<String>> configured) {
        List<String> problems = new ArrayList<>();
        Checker check = new Checker(configured, problems);
        check.range(VisionSettings.CONCURRENCY, 1, 64);
        check.range(VisionSettings.TIMEOUT_SECONDS, 1, 3600);
        check.range(VisionSettings.MAX_DIMENSION, 64, 8192);
        check.range(VisionSettings.MAX_TAGS, 1, 200);
        check.range("tagger.scan.max-attempts", 1, 100);
        check.range("tagger.images.max-pixels", 1, Long.MAX_VALUE);
        check.range("tagger.watch.settle-millis", 0, 600_000);
        check.range("tagger.vision.parse-attempts", 1, 10);
        check.value(VisionSettings.API, api -> api.equals("ollama") || api.equals("openai") ? null : "must be ollama or openai");
        check.value(VisionSettings.URL, ConfigurationCheck::urls);
        check.value(VisionSettings.SCHEDULE_WINDOW, ConfigurationCheck::window);
        check.value("tagger.sidecars.enabled", ConfigurationCheck::bool);
        check.value("tagger.watch.enabled", ConfigurationCheck::bool);
        check.value("tagger.db.url", url -> url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:h2:")
                ? null : "must be a JDBC URL of PostgreSQL (jdbc:postgresql://host:5432/database)");
        check.value("tagger.folders.roots", ConfigurationCheck::roots);
        return problems;
    }

    private static String urls(String value) {
        List<String> urls = VisionSettings.splitUrls(value);
        if (urls.isEmpty()) {
            return "must hold at least one http:// or https:// URL";
        }
        return urls.stream().filter(url -> !ServerAddress.isServerUrl(url)).findFirst()
                .map(url -> "\"" + url + "\" is not an http:// or https:// URL with a host").orElse(null);
    }

    private static String window(String value) {
        try {
            ProcessingWindow.parse(value);
            return null;
        } catch (IllegalArgumentException invalid) {
            return invalid.getMessage();
        }
    }

    private static String bool(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("false") ? null : "must be true or false";
    }

    private static String roots(String value) {
        for (String root : value.split(",")) {
            if (!root.isBlank() && !isAbsolute(root.strip())) {
                return "\"" + root.strip() + "\" is not an absolute directory path";
            }
        }
        return null;
    }

    private static boolean isAbsolute(String path) {
        try {
            return Path.of(path).isAbsolute();
        } catch (RuntimeException invalid) {
            return false;
        }
    }

    /** Reads each key as text, so that a bad value is reported here rather than failing a conversion. */
    private record Checker(Function<String, Optional<String>> configured, List<String> problems) {

        void range(String key, long min, long max) {
            value(key, text -> {
                try {
                    long number = Long.parseLong(text);
                    return number >= min && number <= max ? null : "must be between " + min + " and " + max;
                } catch (NumberFormatException e) {
                    return "must be a whole number between " + min + " and " + max;
                }
            });
        }

        void value(String key, Function<String, String> problemOf) {
            Optional<String> value = configured.apply(key).map(String::strip).filter(v -> !v.isEmpty());
            value.map(problemOf).ifPresent(problem -> problems.add(key + " (" + environmentName(key) + ") = \""
                    + value.get() + "\": " + problem));
        }

        private static String environmentName(String key) {
            return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        }
    }
}
