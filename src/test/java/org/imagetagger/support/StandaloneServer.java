package org.imagetagger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Payara Micro started the way CONTRACT §1 starts the packaged WAR, as a process of its own, so that a test
 * can kill it like a power cut would (Arquillian only ever stops its server gracefully).
 */
public final class StandaloneServer implements AutoCloseable {

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
        Path work = Files.createDirectories(Path.of("target", "standalone", name).toAbsolutePath());
        Path warFile = work.resolve("image-tagger.war");
        war.as(ZipExporter.class).exportTo(warFile.toFile(), true);
        int port = freePort();
        Path log = work.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
                "-Djava.io.tmpdir=" + work,
                "-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--addlibs", "target/lib",
                "--prebootcommandfile", "server-config/pre-boot-commands.asadmin",
                "--postbootcommandfile", "server-config/post-boot-commands.asadmin",
                "--nocluster", "--port", String.valueOf(port),
                "--deploy", warFile.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("TAGGER_DB_URL", dbUrl);
        builder.environment().put("TAGGER_DB_USER", "postgres");
        builder.environment().remove("TAGGER_DB_PASSWORD");
        StandaloneServer server = new StandaloneServer(builder.start(), log, new URL("http://127.0.0.1:" + port + "/"));
        server.awaitReady(Duration.ofMinutes(3));
        return server;
    }

    public URL url() {
        return url;
    }

    /** The server's process id, to read its memory and CPU time from /proc. */
    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no last commit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady(Duration limit) {
        Api api = new Api(url);
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (api.get("api/stats").status() == 200) {
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
