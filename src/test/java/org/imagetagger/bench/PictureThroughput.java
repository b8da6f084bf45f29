package org.imagetagger.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imagetagger.imaging.ImageDecoder;

/**
 * The pictures for the model of a folder's files on two threads, three rounds: how many files a second the imaging
 * alone allows, and the CPU it takes with its tools. A main class, so that the classes of two commits can be
 * compared on the same files in the same minutes (docs/BENCHMARKS.md, issue 17):
 * {@code java -cp <classes>:target/test-classes:<libs> org.imagetagger.bench.PictureThroughput <folder>}.
 */
public final class PictureThroughput {

    private PictureThroughput() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> files = ImagingCost.filesIn(Path.of(args[0]));
        ImageDecoder decoder = new ImageDecoder();
        long self = ProcessHandle.current().pid();
        for (int round = 1; round <= 3; round++) {
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            long cpuBefore = ProcessStats.cpuMillis(self);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            List<java.util.concurrent.Future<Object>> workers = new java.util.ArrayList<>();
            for (int t = 0; t < 2; t++) {
                workers.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                        decoder.forModel(files.get(i), 1024, Long.MAX_VALUE, 1, 0.85f);
                    }
                    return null;
                }));
            }
            threads.shutdown();
            for (java.util.concurrent.Future<Object> worker : workers) {
                worker.get(30, TimeUnit.MINUTES);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("round %d: %d files in %.1f s on 2 threads = %.1f files/s; CPU (tools included) %.0f ms per file%n",
                    round, files.size(), millis / 1000.0, files.size() * 1000.0 / millis,
                    (ProcessStats.cpuMillis(self) - cpuBefore) / (double) files.size());
        }
    }
}
