package org.imagetagger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Payara Micro started the way CONTRACT §1 starts the packaged WAR, as a process of its own, so that a test
 * can kill it like a power cut would (Arquillian only ever stops its server gracefully). In the wildfly
 * profile (system property wildfly.home) it is that WildFly instead, as README "Deploying to WildFly" runs it.
 */
public final class StandaloneServer implements AutoCloseable {

    private static final java.util.concurrent.atomic.AtomicInteger WILDFLY_STARTS = new java.util.concurrent.atomic.AtomicInteger();

    private final Process process;
    private final Path log;
    private final URL url;

    private StandaloneServer(Process process, Path log, URL url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** Boots the WAR on the given database and waits until the API answers. */
    public static StandaloneServer start(WebArchive war, String dbUrl, String name) throws IOException {
        return start(war, dbUrl, name, "-Xmx384m");
    }

    /** The same with the given heap option (the benchmark measures the server's memory). */
    public static StandaloneServer start(WebArchive war, String dbUrl, String name, String heap) throws IOException {
        return start(war, dbUrl, name, heap, Map.of());
    }

    /** The same with more environment variables (e.g. TAGGER_INSTANCE_NAME). */
    public static StandaloneServer start(WebArchive war, String dbUrl, String name, String heap, Map<String, String> environment)
            throws IOException {
        StandaloneServer server = launch(war, dbUrl, name, heap, environment);
        server.awaitAnswer(Duration.ofMinutes(3), Set.of(200, 401));
        return server;
    }

    /** Started on a database that may not be there yet: it is up when the API answers, 503 included. */
    public static StandaloneServer startWithoutDatabase(WebArchive war, String dbUrl, String name, Map<String, String> environment)
            throws IOException {
        StandaloneServer server = launch(war, dbUrl, name, "-Xmx384m", environment);
        server.awaitAnswer(Duration.ofMinutes(3), Set.of(200, 401, 503));
        return server;
    }

    /** Started with a configuration that must stop it: waits for the exit and returns its status. */
    public static int runUntilExit(WebArchive war, String dbUrl, String name, Map<String, String> environment, Duration limit)
            throws IOException, InterruptedException {
        StandaloneServer server = launch(war, dbUrl, name, "-Xmx384m", environment);
        if (!server.process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            server.kill();
            throw new AssertionError("the server still runs after " + limit + "; see " + server.log);
        }
        return server.process.exitValue();
    }

    private static StandaloneServer launch(WebArchive war, String dbUrl, String name, String heap, Map<String, String> environment)
            throws IOException {
        Path work = Files.createDirectories(Path.of("target", "standalone", name).toAbsolutePath());
        Path log = work.resolve("server.log");
        String wildfly = System.getProperty("wildfly.home");
        if (wildfly != null) {
            return startWildFly(war, dbUrl, Path.of(wildfly), work, log, environment);
        }
        Path warFile = work.resolve("image-tagger.war");
        war.as(ZipExporter.class).exportTo(warFile.toFile(), true);
        int port = freePort();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap, "-Djava.io.tmpdir=" + work));
        // e.g. -Dstandalone.jvmArgs=-XX:StartFlightRecording=filename=server.jfr to profile a benchmark's server
        String extra = System.getProperty("standalone.jvmArgs", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.strip().split("\\s+")));
        }
        command.addAll(List.of("-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--addlibs", "target/lib",
                "--prebootcommandfile", "server-config/pre-boot-commands.asadmin",
                "--postbootcommandfile", "server-config/post-boot-commands.asadmin",
                "--nocluster", "--port", String.valueOf(port),
                "--deploy", warFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("TAGGER_DB_URL", dbUrl);
        builder.environment().put("TAGGER_DB_USER", "postgres");
        builder.environment().remove("TAGGER_DB_PASSWORD");
        builder.environment().putAll(environment);
        return new StandaloneServer(builder.start(), log, new URL("http://127.0.0.1:" + port + "/"));
    }

    /**
     * WildFly as configured by server-config/wildfly/configure.cli, on a base directory of its own (a copy of its
     * configuration, the WAR in deployments/) and ports shifted by 11000 (then 11100, ...), clear of the Arquillian WildFly (10000).
     */
    private static StandaloneServer startWildFly(WebArchive war, String dbUrl, Path home, Path work, Path log,
                                                 Map<String, String> environment) throws IOException {
        Path base = work.resolve("standalone");
        Path configuration = Files.createDirectories(base.resolve("configuration"));
        try (var files = Files.list(home.resolve("standalone/configuration"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, configuration.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path deployments = Files.createDirectories(base.resolve("deployments"));
        war.as(ZipExporter.class).exportTo(deployments.resolve("image-tagger.war").toFile(), true);
        // Each WildFly of a run on ports of its own, so that two can run side by side (several instances).
        int offset = 11000 + 100 * WILDFLY_STARTS.getAndIncrement();
        ProcessBuilder builder = new ProcessBuilder(List.of(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + offset))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("TAGGER_DB_URL", dbUrl);
        builder.environment().put("TAGGER_DB_USER", "postgres");
        builder.environment().remove("TAGGER_DB_PASSWORD");
        builder.environment().put("JAVA_OPTS", "-Xmx384m -Djava.io.tmpdir=" + work);
        builder.environment().putAll(environment);
        return new StandaloneServer(builder.start(), log, new URL("http://127.0.0.1:" + (8080 + offset) + "/"));
    }

    /** What the server has logged so far. */
    public String log() throws IOException {
        return Files.readString(log, java.nio.charset.StandardCharsets.UTF_8);
    }

    public URL url() {
        return url;
    }

    /** The server's process id, to read its memory and CPU time from /proc. */
    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no last commit; also the server JVM a launcher script started. */
    public void kill() throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        for (ProcessHandle child : descendants) {
            child.onExit().join();
        }
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitAnswer(Duration limit, Set<Integer> answers) {
        Api api = new Api(url);
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                Api.Reply reply = api.get("api/stats");
                // 401: it answers, and wants the token the test set. A 503 of the application's is JSON (the
                // server's own, while the application is still deploying, is an HTML page).
                if (answers.contains(reply.status()) && (reply.status() != 503 || reply.body().startsWith("{"))) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // still booting
            }
            sleep();
        }
        process.destroyForcibly();
        throw new AssertionError("the server did not answer within " + limit + "; see " + log);
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
