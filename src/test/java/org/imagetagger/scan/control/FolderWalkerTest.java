package org.imagetagger.scan.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderWalkerTest {

    @TempDir
    Path root;

    @BeforeEach
    void files() throws IOException {
        for (String name : List.of("b.jpg", "a.JPEG", "a-c.png", "a/b.jpg", "a/z/deep.webp", "c.txt", ".hidden.jpg",
                ".cache/x.jpg", "d/e.TIFF", "d/f.gif", "d/g.bmp", "d/h.tif", "notes.jpg.txt")) {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, name);
        }
    }

    @Test
    void listsSupportedVisibleFilesDepthFirstInNameOrder() {
        assertEquals(List.of("a/b.jpg", "a/z/deep.webp", "a-c.png", "a.JPEG", "b.jpg", "d/e.TIFF", "d/f.gif", "d/g.bmp", "d/h.tif"),
                names(new FolderWalker(root, true, null)));
    }

    @Test
    void withoutRecursionListsOnlyTheTopLevel() {
        assertEquals(List.of("a-c.png", "a.JPEG", "b.jpg"), names(new FolderWalker(root, false, null)));
    }

    @Test
    void resumesAfterTheLastPathOfTheCheckpoint() {
        assertEquals(List.of("a-c.png", "a.JPEG", "b.jpg", "d/e.TIFF", "d/f.gif", "d/g.bmp", "d/h.tif"),
                names(new FolderWalker(root, true, root.resolve("a/z/deep.webp"))));
        assertEquals(List.of("d/g.bmp", "d/h.tif"), names(new FolderWalker(root, true, root.resolve("d/f.gif"))));
        assertEquals(List.of(), names(new FolderWalker(root, true, root.resolve("d/h.tif"))));
    }

    @Test
    void doesNotFollowDirectoryLinksSoALoopEnds() throws IOException {
        Files.createSymbolicLink(root.resolve("d/loop"), root);
        assertEquals(9, names(new FolderWalker(root, true, null)).size());
    }

    @Test
    void followsFileLinksOnlyWhenTheyStayInsideTheFolder(@TempDir Path elsewhere) throws IOException {
        Path secret = Files.writeString(elsewhere.resolve("secret.jpg"), "outside the roots");
        Files.createSymbolicLink(root.resolve("d/escape.jpg"), secret);
        Files.createSymbolicLink(root.resolve("d/dangling.jpg"), elsewhere.resolve("gone.jpg"));
        Files.createSymbolicLink(root.resolve("d/same.jpg"), root.resolve("b.jpg"));
        List<String> walked = names(new FolderWalker(root, true, null));
        assertEquals(List.of("d/e.TIFF", "d/f.gif", "d/g.bmp", "d/h.tif", "d/same.jpg"),
                walked.stream().filter(name -> name.startsWith("d/")).toList());
    }

    @Test
    void orderAgreesWithPathOrder() {
        List<Path> walked = new ArrayList<>();
        new FolderWalker(root, true, null).forEachRemaining(walked::add);
        List<Path> sorted = new ArrayList<>(walked);
        sorted.sort(PathOrder.INSTANCE);
        assertEquals(sorted, walked);
    }

    private List<String> names(Iterator<Path> files) {
        List<String> names = new ArrayList<>();
        files.forEachRemaining(f -> names.add(root.relativize(f).toString()));
        return names;
    }
}
