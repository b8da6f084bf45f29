package org.imagetagger.catalog.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileConfinementTest {

    @TempDir
    Path temp;

    @Test
    void aFileOrLinkInsideStaysInsideAndALinkOutEscapes() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("folder")).toRealPath();
        Path outside = Files.writeString(temp.resolve("secret.jpg"), "secret");
        Path inside = Files.writeString(folder.resolve("a.jpg"), "a");
        Path linkIn = Files.createSymbolicLink(folder.resolve("in.jpg"), inside);
        Path linkOut = Files.createSymbolicLink(folder.resolve("out.jpg"), outside);
        Path dotted = folder.resolve("../secret.jpg");

        assertTrue(FileConfinement.isInside(inside, folder));
        assertTrue(FileConfinement.isInside(linkIn, folder));
        assertFalse(FileConfinement.isInside(linkOut, folder));
        assertFalse(FileConfinement.isInside(dotted, folder));
        assertFalse(FileConfinement.escapes(linkIn, folder));
        assertTrue(FileConfinement.escapes(linkOut, folder));
        assertTrue(FileConfinement.escapes(dotted, folder));
    }

    @Test
    void aMissingFileIsNotInsideButDoesNotEscapeEither() {
        Path gone = temp.resolve("gone.jpg");
        assertFalse(FileConfinement.isInside(gone, temp));
        assertFalse(FileConfinement.escapes(gone, temp));
    }
}
