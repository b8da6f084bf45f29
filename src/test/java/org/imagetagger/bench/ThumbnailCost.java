package org.imagetagger.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.imagetagger.imaging.ConfinedFile;
import org.imagetagger.imaging.ImageDecoder;

/**
 * CPU of a gallery thumbnail (400 px) of each file of a folder, the way {@code Thumbnails} decodes it (from a private
 * copy of the open file), per extension, on one thread, tools included, after one warm-up round. A main class, so that two commits'
 * classes can be compared on the same files (docs/BENCHMARKS.md, issue 17):
 * {@code java -cp <classes>:target/test-classes:<libs> org.imagetagger.bench.ThumbnailCost <folder>}.
 */
public final class ThumbnailCost {

    private ThumbnailCost() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        List<Path> files = ImagingCost.filesIn(folder);
        ImageDecoder decoder = new ImageDecoder();
        long self = ProcessHandle.current().pid();
        for (int round = 1; round <= 2; round++) {
            Map<String, long[]> byExtension = new TreeMap<>();
            for (Path file : files) {
                long before = ProcessStats.cpuMillis(self);
                try (ConfinedFile open = ConfinedFile.open(folder, file)) {
                    decoder.decodeStill(open, 400, Long.MAX_VALUE, 1);
                }
                String name = file.getFileName().toString();
                long[] sum = byExtension.computeIfAbsent(name.substring(name.lastIndexOf('.') + 1), e -> new long[2]);
                sum[0] += ProcessStats.cpuMillis(self) - before;
                sum[1]++;
            }
            if (round == 2) {
                byExtension.forEach((extension, sum) -> System.out.printf("%s: %d files, %.1f ms CPU per thumbnail (tools included)%n",
                        extension, sum[1], sum[0] / (double) sum[1]));
            }
        }
    }
}
