package org.imagetagger.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.imagetagger.imaging.ExifReader;
import org.imagetagger.imaging.ImageDecoder;
import org.imagetagger.imaging.ModelPicture;
import org.imagetagger.scan.control.Checksum;
import org.imagetagger.imaging.UntaggableImageException;

/**
 * CPU time of each step the tagger runs on a file before the model, on one thread, the tools it runs for them
 * (ffmpeg, heif-convert...) included: where a CPU-bound scan spends.
 */
final class ImagingCost {

    /** {@code forModel}: decode, downscale, perceptual hash and JPEG encoding, or for a JPEG that fits, its bytes as they are. */
    record PerImage(double sha256, double header, double forModel, int passedThrough) {
        double total() {
            return sha256 + header + forModel;
        }
    }

    private ImagingCost() {
    }

    /** The folder's files in name order: the bench mains measure the same files in the same order. */
    static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.sorted().toList();
        }
    }

    /** Milliseconds per image, from the last of three rounds over the folder (the first ones warm up the JIT). */
    static PerImage measure(Path folder, int maxDimension) throws IOException, UntaggableImageException {
        List<Path> files = filesIn(folder);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long self = ProcessHandle.current().pid();
        ImageDecoder decoder = new ImageDecoder();
        ExifReader exif = new ExifReader();
        long[] nanos = new long[3];
        int passedThrough = 0;
        for (int round = 0; round < 3; round++) {
            java.util.Arrays.fill(nanos, 0);
            passedThrough = 0;
            for (Path file : files) {
                long start = cpu.getCurrentThreadCpuTime();
                Checksum.sha256(file);
                long hashed = cpu.getCurrentThreadCpuTime();
                exif.read(file);
                decoder.readSize(file);
                long read = cpu.getCurrentThreadCpuTime();
                long toolsBefore = ProcessStats.childrenCpuMillis(self);
                ModelPicture picture = decoder.forModel(file, maxDimension, Long.MAX_VALUE, 1, 0.85f);
                long prepared = cpu.getCurrentThreadCpuTime() + (ProcessStats.childrenCpuMillis(self) - toolsBefore) * 1_000_000;
                nanos[0] += hashed - start;
                nanos[1] += read - hashed;
                nanos[2] += prepared - read;
                passedThrough += picture.passedThrough() ? 1 : 0;
            }
        }
        double n = files.size() * 1e6;
        return new PerImage(nanos[0] / n, nanos[1] / n, nanos[2] / n, passedThrough);
    }
}
