package org.imagetagger.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfinedFileTest {

    @TempDir
    Path temp;

    private Path folder() throws IOException {
        return Files.createDirectories(temp.resolve("photos")).toRealPath();
    }

    private Path outsideFile() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        return Files.writeString(outside.resolve("secret.txt"), "SECRET", StandardCharsets.UTF_8);
    }

    @Test
    void readsAFileInsideTheFolderByRelativeOrAbsolutePath() throws IOException {
        Path folder = folder();
        Files.createDirectories(folder.resolve("2024/may"));
        Path photo = Files.writeString(folder.resolve("2024/may/a.jpg"), "photo-bytes");
        for (Path asked : new Path[] {photo, Path.of("2024/may/a.jpg")}) {
            try (ConfinedFile file = ConfinedFile.open(folder, asked)) {
                assertEquals(photo, file.path());
                assertEquals(11, file.size());
                assertEquals(Files.getLastModifiedTime(photo), file.lastModified());
                assertArrayEquals("photo-bytes".getBytes(), file.inputStream().readAllBytes());
            }
        }
    }

    @Test
    void refusesALinkAsTheFileAsADirectoryOnTheWayAndAsTheFolder() throws IOException {
        Path folder = folder();
        Path secret = outsideFile();
        Files.createSymbolicLink(folder.resolve("link.jpg"), secret);
        Files.createSymbolicLink(folder.resolve("dir"), secret.getParent());
        Files.writeString(folder.resolve("inside.jpg"), "x");
        Files.createSymbolicLink(folder.resolve("inner-link.jpg"), folder.resolve("inside.jpg"));
        assertThrows(ConfinedFile.EscapeException.class, () -> ConfinedFile.open(folder, Path.of("link.jpg")));
        assertThrows(ConfinedFile.EscapeException.class, () -> ConfinedFile.open(folder, Path.of("dir/secret.txt")));
        assertThrows(ConfinedFile.EscapeException.class, () -> ConfinedFile.open(folder, Path.of("inner-link.jpg")),
                "even a link that stays inside is not followed");
        assertThrows(ConfinedFile.EscapeException.class, () -> ConfinedFile.open(folder, Path.of("../outside/secret.txt")));
        assertThrows(ConfinedFile.EscapeException.class, () -> ConfinedFile.open(folder, secret));
        assertThrows(ConfinedFile.EscapeException.class, () -> ConfinedFile.open(folder, folder.resolve("dir")));

        Path swapped = temp.resolve("swapped");
        Files.createSymbolicLink(swapped, secret.getParent());
        assertThrows(ConfinedFile.EscapeException.class, () -> ConfinedFile.open(swapped, Path.of("secret.txt")),
                "a folder that is a link is not its real path");
        assertFalse(ConfinedFile.isRealDirectory(swapped));
        assertFalse(ConfinedFile.isRealDirectory(swapped.resolve("..")));
        assertTrue(ConfinedFile.isRealDirectory(folder));
    }

    @Test
    void aMissingFileIsGoneAndAFolderOrPipeIsNoFile() throws Exception {
        Path folder = folder();
        Files.createDirectories(folder.resolve("sub"));
        assertThrows(NoSuchFileException.class, () -> ConfinedFile.open(folder, Path.of("nope.jpg")));
        assertThrows(NoSuchFileException.class, () -> ConfinedFile.open(folder, Path.of("none/nope.jpg")));
        assertThrows(ConfinedFile.EscapeException.class, () -> ConfinedFile.open(folder, Path.of("sub")));
        Process mkfifo = new ProcessBuilder("mkfifo", folder.resolve("pipe.jpg").toString()).start();
        if (mkfifo.waitFor() == 0) {
            assertThrows(ConfinedFile.EscapeException.class, () -> ConfinedFile.open(folder, Path.of("pipe.jpg")));
        }
    }

    @Test
    void aFileSwappedForALinkInALoopNeverYieldsAByteFromOutside() throws Exception {
        Path folder = folder();
        Path secret = outsideFile();
        Path photo = folder.resolve("photo.jpg");
        Files.writeString(photo, "INSIDE");
        Path real = Files.writeString(folder.resolve(".real"), "INSIDE");
        Path link = folder.resolve(".link");
        AtomicBoolean stop = new AtomicBoolean();
        Thread swapper = new Thread(() -> {
            try {
                while (!stop.get()) {
                    Files.deleteIfExists(link);
                    Files.createSymbolicLink(link, secret);
                    Files.move(link, photo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    Files.copy(real, folder.resolve(".copy"), StandardCopyOption.REPLACE_EXISTING);
                    Files.move(folder.resolve(".copy"), photo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        swapper.start();
        int served = 0;
        int refused = 0;
        try {
            for (int i = 0; i < 20_000; i++) {
                try (ConfinedFile file = ConfinedFile.open(folder, Path.of("photo.jpg"))) {
                    String read = new String(file.inputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertFalse(read.contains("SECRET"), "read through the link after " + i + " opens");
                    served++;
                } catch (ConfinedFile.EscapeException | NoSuchFileException refusedOrBetween) {
                    refused++;
                }
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        assertTrue(served > 0 && refused > 0, "both states were met: served " + served + ", refused " + refused);
    }
}
