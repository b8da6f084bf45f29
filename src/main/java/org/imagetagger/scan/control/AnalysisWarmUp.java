package org.imagetagger.scan.control;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.imagetagger.imaging.ExifReader;
import org.imagetagger.imaging.ImageDecoder;
import org.imagetagger.imaging.ModelPicture;
import org.imagetagger.tagging.control.OllamaProtocol;
import org.imagetagger.tagging.control.ReplyParser;

/**
 * Runs the CPU-heavy steps of {@link ImageAnalysis} (checksum, EXIF, decoding, hashing, encoding, the request's JSON and
 * the reply's parsing) on generated pictures while the application starts, so the first scan after a boot runs compiled
 * code instead of the interpreter: that scan kept 0.62 of the vision server's capacity busy against 0.79 once warm
 * (issue 17). In the background, so the deployment does not wait for it; bounded in time; nothing touches the
 * database, the vision server or the user's folders.
 */
@ApplicationScoped
public class AnalysisWarmUp {

    private static final System.Logger LOG = System.getLogger(AnalysisWarmUp.class.getName());
    private static final long AT_MOST_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final int PICTURES = 24;

    @Resource
    ManagedExecutorService executor;

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 2000) @Initialized(ApplicationScoped.class) Object started) {
        executor.execute(AnalysisWarmUp::warm);
    }

    private static void warm() {
        long start = System.nanoTime();
        int done = 0;
        Path directory = null;
        try {
            directory = Files.createTempDirectory("tagger-warm-up");
            ImageDecoder decoder = new ImageDecoder();
            ExifReader exif = new ExifReader();
            ReplyParser replies = new ReplyParser();
            OllamaProtocol protocol = new OllamaProtocol();
            while (done < PICTURES && System.nanoTime() - start < AT_MOST_NANOS) {
                boolean large = done % 4 == 3;
                Path file = directory.resolve("warm-up-" + done + (done % 8 == 7 ? ".png" : ".jpg"));
                ImageIO.write(picture(large ? 1600 : 640, large ? 1200 : 480, done), done % 8 == 7 ? "png" : "jpeg", file.toFile());
                Checksum.sha256(file);
                exif.parse(file);
                decoder.readSize(file);
                ModelPicture picture = decoder.forModel(file, 1024, Long.MAX_VALUE, 1, 0.85f);
                protocol.chatRequest("warm-up", "Describe this picture.", Base64.getEncoder().encodeToString(picture.jpeg())).toString();
                replies.parse("{\"description\":\"a generated picture\",\"tags\":[\"gradient\",\"noise\"]}");
                done++;
            }
            LOG.log(Level.INFO, "analysis warmed up on {0} generated pictures in {1} ms", done,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (Exception | LinkageError e) {
            LOG.log(Level.INFO, "analysis warm-up ended after {0} pictures: {1}", done, e.toString());
        } finally {
            deleteQuietly(directory);
        }
    }

    /** A gradient with noise: decodes and compresses like a photo, not like a flat colour. */
    private static BufferedImage picture(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int noise = random.nextInt(32);
                row[x] = ((x * 255 / width + noise) & 0xff) << 16 | ((y * 255 / height + noise) & 0xff) << 8 | ((seed * 37 + noise) & 0xff);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot delete {0}: {1}", directory, e.toString());
        }
    }
}
