package org.imagetagger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.imagetagger.support.Api;
import org.imagetagger.support.FakeVisionServer;
import org.imagetagger.support.StandaloneServer;
import org.imagetagger.support.TestDatabase;
import org.imagetagger.support.TestDeployments;
import org.imagetagger.support.TestFolders;
import org.imagetagger.support.TestImages;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The throughput benchmark of issue 6 ({@code mvn -Pbench verify}, docs/BENCHMARKS.md). Generates its own
 * images, boots the packaged WAR on Payara Micro as a process of its own (so its memory and CPU time can be
 * read from /proc) against fake vision servers with a set latency and parallel limit, and prints each figure
 * as a {@code BENCHMARK} line and into target/benchmark-report.md. It checks that every image was tagged and
 * none refused, but asserts no timing: the machines are noisy, ratios within one run are what count.
 */
class ThroughputBenchmark {

    private static final int PARALLEL = 8;
    private static final Duration LATENCY = Duration.ofMillis(200);
    private static final int AI_BOUND_IMAGES = 1000;
    private static final int UNCHANGED_FILES = 10_000;
    private static final String HEAP = "-Xmx512m";
    /** The job's status once a second (the admin console: every 2 s), not the tests' 150 ms: each costs the server CPU. */
    private static final Duration POLLING = Duration.ofSeconds(1);

    private static final List<String> report = new ArrayList<>();
    private static final AtomicLong widths = new AtomicLong();

    @AfterAll
    static void writeReport() throws IOException {
        Files.write(Path.of("target", "benchmark-report.md"), report);
        TestDatabase.dropExtra("bench");
    }

    @Test
    void measure() throws Exception {
        String dbUrl = TestDatabase.createExtra("bench");
        line("| what | figure |");
        line("|---|---|");
        if ("cpu".equals(System.getProperty("bench.only"))) {
            // -Dbench.only=cpu: issue 17's figures alone, a few minutes: the first scan after boot against a warm one,
            // and the CPU-bound mixed corpus.
            try (FakeVisionServer one = new FakeVisionServer().start();
                 StandaloneServer server = StandaloneServer.start(war(one.url(), PARALLEL), dbUrl, "bench-cpu", HEAP)) {
                Api api = new Api(server.url()).polling(POLLING);
                // The tagger's first scan after boot, not the fake server's own (since 2026-12-01 14:30).
                one.warmUp(500);
                aiBound(api, one, "1 server, P=" + PARALLEL + ", **first scan after boot**");
                warmUp(api, one);
                aiBound(api, one, "1 server, P=" + PARALLEL + ", warm");
                cpuBound(api, one, server);
            }
            return;
        }
        try (FakeVisionServer one = new FakeVisionServer().start()) {
            try (StandaloneServer server = StandaloneServer.start(war(one.url(), PARALLEL), dbUrl, "bench-one", HEAP)) {
                Api api = new Api(server.url()).polling(POLLING);
                warmUp(api, one);
                aiBound(api, one, "1 server, P=" + PARALLEL);
                cpuBound(api, one, server);
                tenThousand(api, one, server);
            }
        }
        try (FakeVisionServer first = new FakeVisionServer().start(); FakeVisionServer second = new FakeVisionServer().start()) {
            int each = PARALLEL / 2;
            String urls = first.url() + "#" + each + "," + second.url() + "#" + each;
            try (StandaloneServer server = StandaloneServer.start(war(urls, PARALLEL), dbUrl, "bench-two", HEAP)) {
                Api api = new Api(server.url()).polling(POLLING);
                warmUp(api, first, second);
                aiBound(api, first, second, "2 servers, P=" + each + " each");
            }
        }
        // Two instances on one database share the scan and the servers' limits (README "Running several instances").
        try (FakeVisionServer first = new FakeVisionServer().start(); FakeVisionServer second = new FakeVisionServer().start()) {
            int each = PARALLEL / 2;
            String urls = first.url() + "#" + each + "," + second.url() + "#" + each;
            WebArchive war = war(urls, PARALLEL);
            try (StandaloneServer alpha = StandaloneServer.start(war, dbUrl, "bench-alpha", HEAP, Map.of("TAGGER_INSTANCE_NAME", "alpha"));
                 StandaloneServer beta = StandaloneServer.start(war, dbUrl, "bench-beta", HEAP, Map.of("TAGGER_INSTANCE_NAME", "beta"))) {
                Api api = new Api(alpha.url()).polling(POLLING);
                warmUp(api, first, second);
                warmUp(new Api(beta.url()).polling(POLLING), first, second);
                aiBound(api, first, second, Duration.ofMillis(250), "2 instances, 2 servers, P=" + each + " each");
            }
        }
    }

    private static WebArchive war(String visionUrls, int concurrency) {
        return TestDeployments.war(Map.of(
                "tagger.vision.url", visionUrls,
                "tagger.vision.concurrency", String.valueOf(concurrency),
                "tagger.vision.timeout-seconds", "30",
                "tagger.watch.enabled", "false"));
    }

    /** The first scans after boot run in the interpreter; they are not measured. */
    private static void warmUp(Api api, FakeVisionServer... servers) throws IOException {
        for (FakeVisionServer server : servers) {
            server.reset();
        }
        Path folder = folderOf("warm-up", 80, i -> photo(640, 480, i));
        api.scanToCompletion(api.addFolder(folder), "new");
    }

    private static void aiBound(Api api, FakeVisionServer first, String what) throws IOException {
        aiBound(api, first, null, LATENCY, what);
    }

    private static void aiBound(Api api, FakeVisionServer first, FakeVisionServer second, String what) throws IOException {
        aiBound(api, first, second, LATENCY, what);
    }

    private static void aiBound(Api api, FakeVisionServer first, FakeVisionServer second, Duration latency, String what) throws IOException {
        List<FakeVisionServer> servers = second == null ? List.of(first) : List.of(first, second);
        for (FakeVisionServer server : servers) {
            server.reset();
            server.setLatency(latency);
            server.setMaxParallel(PARALLEL / servers.size());
        }
        Path folder = folderOf("ai-bound", AI_BOUND_IMAGES, i -> photo(640, 480, i));
        JsonObject execution = api.scanToCompletion(api.addFolder(folder), "new");
        int requests = servers.stream().mapToInt(FakeVisionServer::chatRequests).sum();
        assertEquals(AI_BOUND_IMAGES, requests, "every image sent once, none refused for exceeding a server's limit");
        double seconds = seconds(execution);
        double rate = AI_BOUND_IMAGES / seconds;
        double ceiling = PARALLEL / (latency.toMillis() / 1000.0);
        // The fake server also reads and decodes each image before it answers: what it took in all is the L a
        // client really meets, so the second ratio leaves only the time the tagger left a slot empty.
        double served = servers.stream().mapToLong(s -> s.meanServiceTime().toNanos()).average().orElse(0) / 1e9;
        line(String.format("| AI-bound, %s, L=%d ms, %d images of 640×480 | %.1f images/s in %.1f s = **%.2f × P/L** (P/L = %.0f/s); "
                        + "the servers took %.0f ms per request in all: %.2f × P/that; most in flight: %s |",
                what, latency.toMillis(), AI_BOUND_IMAGES, rate, seconds, rate / ceiling, ceiling,
                served * 1000, rate / (PARALLEL / served), servers.stream().map(s -> String.valueOf(s.maxInFlightSeen())).toList()));
        line(String.format("| the planning step (until the first files are queued; the walk goes on beside the tagging) | %.2f s |", planningSeconds(execution)));
    }

    /** The corpus of issue 17 (the Python tool's): 300 photos of 0.3, 1.9, 6 and 12 MP, a quarter of each size PNG. */
    private static void cpuBound(Api api, FakeVisionServer vision, StandaloneServer server) throws Exception {
        vision.reset();
        int[][] sizes = {{640, 480}, {1600, 1200}, {3000, 2000}, {4000, 3000}};
        int count = 300;
        Path folder = TestFolders.create("cpu-bound");
        java.util.stream.IntStream.range(0, count).parallel().forEach(i -> {
            boolean png = (i / 4) % 4 == 0;
            TestImages.write(folder.resolve(String.format("cpu-bound-%04d.%s", i, png ? "png" : "jpg")),
                    photo(sizes[i % 4][0], sizes[i % 4][1], i), png ? "png" : "jpg");
        });
        long sync = System.nanoTime();
        // The kernel writes the 1.2 GB just generated to disk in the background: the test's work, not the tagger's,
        // so it is done before the first scan.
        new ProcessBuilder("sync").inheritIO().start().waitFor();
        line(String.format("| writing the generated corpus to disk (`sync`, before the scans) | %.1f s |", (System.nanoTime() - sync) / 1e9));
        long folderId = api.addFolder(folder);
        cpuBoundScan(api, vision, server, folderId, "new", count, true, "first time these sizes are decoded since boot");
        // The same files once more, every one to the model again: the decoders' code is compiled by now.
        cpuBoundScan(api, vision, server, folderId, "all", count, true, "again (mode all), warm");
        // And once more with the fake server reading only each picture's header: it runs on the same two cores, and
        // its decoding of every picture sent is work a real model server does on its own machine.
        cpuBoundScan(api, vision, server, folderId, "all", count, false, "again, the fake server not decoding the pictures it is sent");
        ImagingCost.PerImage cost = ImagingCost.measure(folder, 1024);
        line(String.format("| the same files' steps before the model, one thread, CPU ms per image (its tools' included) | SHA-256 %.1f, EXIF + header %.1f, "
                + "picture for the model (decode, downscale, hash, encode; %d of %d JPEGs that fit sent as they are) %.1f: %.1f in all |",
                cost.sha256(), cost.header(), cost.passedThrough(), count, cost.forModel(), cost.total()));
    }

    private static void cpuBoundScan(Api api, FakeVisionServer vision, StandaloneServer server, long folderId, String mode, int count,
                                     boolean fakeDecodes, String what) throws IOException {
        vision.reset();
        vision.setDecodesPictures(fakeDecodes);
        long cpuBefore = ProcessStats.cpuMillis(server.pid());
        JsonObject execution = api.scanToCompletion(folderId, mode);
        double cpuSeconds = (ProcessStats.cpuMillis(server.pid()) - cpuBefore) / 1000.0;
        double seconds = seconds(execution);
        assertEquals(count, vision.chatRequests());
        line(String.format("| CPU-bound, L=0, %d photos of 0.3, 1.9, 6 and 12 MP, 25 %% PNG, %s | %.1f images/s in %.1f s = %.1f× the seed's 1.87/s; server CPU (its tools' included) %.3f s per image |",
                count, what, count / seconds, seconds, count / seconds / 1.87, cpuSeconds / count));
    }

    private static void tenThousand(Api api, FakeVisionServer vision, StandaloneServer server) throws Exception {
        vision.reset();
        Path folder = TestFolders.create("ten-thousand");
        for (int i = 0; i < UNCHANGED_FILES; i++) {
            Path dir = Files.createDirectories(folder.resolve("d" + (i / 100)));
            TestImages.writeJpeg(dir.resolve("f" + i + ".jpg"), 40 + i % 100, 30 + i / 100, java.awt.Color.GRAY);
        }
        long folderId = api.addFolder(folder);
        List<Long> rssSamples = new ArrayList<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> rssSamples.add(ProcessStats.rssKib(server.pid())), 0, 1, TimeUnit.SECONDS);
        JsonObject tagged;
        try {
            tagged = api.awaitEnd(api.scan(folderId, "new"), Duration.ofMinutes(30));
        } finally {
            sampler.shutdownNow();
        }
        assertEquals("COMPLETED", tagged.getString("status"), tagged.toString());
        assertEquals(UNCHANGED_FILES, vision.chatRequests());
        double seconds = seconds(tagged);
        line(String.format("| tagging %d small JPEGs, L=0 | %.1f images/s in %.0f s |", UNCHANGED_FILES, UNCHANGED_FILES / seconds, seconds));
        line(String.format("| server RSS while tagging them (%s), sampled each second | peak %d MiB (VmHWM %d MiB); at 25/50/75/100%% of the run: %s MiB |",
                HEAP, rssSamples.stream().mapToLong(Long::longValue).max().orElse(0) / 1024, ProcessStats.peakRssKib(server.pid()) / 1024,
                quartiles(rssSamples)));

        vision.reset();
        JsonObject rescan = api.scanToCompletion(folderId, "new");
        assertEquals(0, vision.chatRequests());
        assertEquals(0, Api.metric(rescan, "READ_COUNT"));
        line(String.format("| `new` rescan of the %d unchanged files (100 directories) | %.2f s |", UNCHANGED_FILES, seconds(rescan)));
    }

    private static String quartiles(List<Long> samples) {
        List<String> values = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            values.add(String.valueOf(samples.get(Math.max(0, samples.size() * q / 4 - 1)) / 1024));
        }
        return String.join(" / ", values);
    }

    /** The planning step's start to end. */
    private static double planningSeconds(JsonObject execution) {
        JsonObject plan = execution.getJsonArray("steps").stream().map(JsonValue::asJsonObject)
                .filter(step -> step.getString("stepName").equals("tagImages.plan")).findFirst().orElseThrow();
        return Duration.between(Instant.parse(plan.getString("startTime")), Instant.parse(plan.getString("endTime"))).toMillis() / 1000.0;
    }

    /** Start to end of the execution as the batch runtime recorded them. */
    private static double seconds(JsonObject execution) {
        return Duration.between(Instant.parse(execution.getString("startTime")), Instant.parse(execution.getString("endTime"))).toMillis() / 1000.0;
    }

    private interface Picture {
        BufferedImage of(int index);
    }

    private static Path folderOf(String name, int count, Picture picture) throws IOException {
        Path folder = TestFolders.create(name);
        for (int i = 0; i < count; i++) {
            TestImages.write(folder.resolve(String.format("%s-%04d.jpg", name, i)), picture.of(i), "jpg");
        }
        return folder;
    }

    /** A photo-like picture (gradients and noise, so decoding costs what a photo costs), different for every call. */
    private static BufferedImage photo(int width, int height, int index) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(widths.incrementAndGet() * 7919L + index);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int noise = random.nextInt(32);
                row[x] = ((x * 255 / width + noise) & 0xff) << 16 | ((y * 255 / height + noise) & 0xff) << 8 | ((index * 37 + noise) & 0xff);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    private static void line(String text) {
        System.out.println("BENCHMARK " + text);
        report.add(text);
    }
}
