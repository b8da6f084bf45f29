package org.imagetagger.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.imagetagger.support.Api;
import org.imagetagger.support.Api.Reply;
import org.imagetagger.support.FakeVisionServer;
import org.imagetagger.support.TestDeployments;
import org.imagetagger.support.TestImages;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 18: what a hostile tester did to a running instance (full and read-only token, one allowed root), each
 * attack repeated here and shown to fail. SecurityIT holds the listening-socket check and the older defences.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileClientIT {

    private static final String FULL = "full-token-of-the-hostile-test";
    private static final String READ = "read-only-token-of-the-hostile-test";
    private static FakeVisionServer vision;
    private static Path root;
    private static Path outside;

    @ArquillianResource
    URL deployment;

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        vision = new FakeVisionServer();
        vision.start();
        Path base = Files.createDirectories(Path.of("target", "it-images").toAbsolutePath());
        root = Files.createTempDirectory(base, "hostile-root-").toRealPath();
        outside = Files.createTempDirectory(base, "hostile-outside-").toRealPath();
        return TestDeployments.war(Map.of(
                "tagger.vision.url", vision.url(),
                "tagger.vision.timeout-seconds", "3",
                "tagger.auth.token", FULL,
                "tagger.auth.read-token", READ,
                "tagger.folders.roots", root.toString()));
    }

    private Api as(String token) {
        return new Api(deployment, token);
    }

    private long onlyImage(long folderId) {
        JsonObject page = as(FULL).get("api/images?folderId=" + folderId).object();
        assertEquals(1, page.getInt("total"), page.toString());
        return page.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue();
    }

    /**
     * A photo swapped between itself and a link to a file outside the roots, thousands of times, while the
     * read-only token asks for it and for thumbnails of every size: never a byte from outside, never a body
     * longer or shorter than its Content-Length, and no thumbnail from outside stays cached afterwards.
     */
    @Test
    void aPhotoSwappedForALinkInALoopNeverServesOrCachesAByteFromOutside() throws Exception {
        Path folder = Files.createTempDirectory(root, "race-");
        Path photo = TestImages.writeJpeg(folder.resolve("race.jpg"), 160, 120, Color.RED);
        byte[] inside = Files.readAllBytes(photo);
        Path secret = TestImages.writeJpeg(outside.resolve("secret.jpg"), 160, 120, Color.GREEN);
        byte[] outsideBytes = Files.readAllBytes(secret);
        long folderId = as(FULL).addFolder(folder);
        as(FULL).scanToCompletion(folderId, "new");
        long id = onlyImage(folderId);

        // Hidden names: the watcher ignores them, so the swap itself starts no scan.
        Path original = Files.copy(photo, folder.resolve(".original"));
        Path link = folder.resolve(".link");
        Path copy = folder.resolve(".copy");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Exception> swapFailure = new AtomicReference<>();
        Thread swapper = new Thread(() -> {
            try {
                while (!stop.get()) {
                    Files.deleteIfExists(link);
                    Files.createSymbolicLink(link, secret);
                    Files.move(link, photo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    Files.copy(original, copy, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(copy, photo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                swapFailure.set(e);
            }
        }, "swapper");
        swapper.start();
        int files = 0;
        int fileRefusals = 0;
        int thumbnails = 0;
        try {
            Api reader = as(READ);
            for (int i = 0; i < 2000; i++) {
                HttpResponse<byte[]> file = reader.getBytes("api/images/" + id + "/file");
                if (file.statusCode() == 200) {
                    assertEquals(String.valueOf(file.body().length), file.headers().firstValue("Content-Length").orElse(null),
                            "the body has exactly the announced length");
                    assertArrayEquals(inside, file.body(), "request " + i + " served other bytes");
                    files++;
                } else {
                    assertEquals(404, file.statusCode());
                    assertFalse(new String(file.body()).contains("root:"), new String(file.body()));
                    fileRefusals++;
                }
            }
            for (int size = 64; size <= 1024; size += 2) {
                HttpResponse<byte[]> thumbnail = reader.getBytes("api/images/" + id + "/thumbnail?size=" + size);
                if (thumbnail.statusCode() == 200) {
                    assertRed(thumbnail.body(), "thumbnail of size " + size);
                    thumbnails++;
                } else {
                    assertEquals(404, thumbnail.statusCode());
                }
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        assertEquals(null, swapFailure.get());
        assertTrue(files > 0 && fileRefusals > 0, "the race was met: " + files + " served, " + fileRefusals + " refused");
        assertTrue(thumbnails > 0, "some thumbnails were made during the race");

        // After the race (the photo is itself again), every size comes from the cache or is made now: all red.
        Files.copy(original, photo, StandardCopyOption.REPLACE_EXISTING);
        for (int size = 64; size <= 1024; size += 7) {
            HttpResponse<byte[]> thumbnail = as(READ).getBytes("api/images/" + id + "/thumbnail?size=" + size);
            assertEquals(200, thumbnail.statusCode(), "size " + size);
            assertRed(thumbnail.body(), "thumbnail of size " + size + " after the race");
        }
        assertArrayEquals(inside, as(READ).getBytes("api/images/" + id + "/file").body());
        assertFalse(java.util.Arrays.equals(inside, outsideBytes));
    }

    private static void assertRed(byte[] jpeg, String what) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        int rgb = image.getRGB(image.getWidth() / 2, image.getHeight() / 2);
        int red = (rgb >> 16) & 0xff;
        int green = (rgb >> 8) & 0xff;
        assertTrue(red > 200 && green < 80, what + " is not the red photo: " + Integer.toHexString(rgb));
    }

    static void assertError(int status, Reply reply, String what) {
        assertEquals(status, reply.status(), what + ": " + reply.body());
        JsonObject body = reply.object();
        assertEquals(status, body.getInt("status"), what + ": " + reply.body());
        assertFalse(body.getString("error").isBlank(), what);
        assertFalse(reply.body().contains("Exception") || reply.body().contains("\tat "), what + " leaks a class: " + reply.body());
    }
}
