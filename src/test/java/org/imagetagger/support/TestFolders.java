package org.imagetagger.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Folders of test images under target/it-images, one fresh directory per call, so tests never share files. */
public final class TestFolders {

    private TestFolders() {
    }

    public static Path create(String prefix) throws IOException {
        Path root = Files.createDirectories(Path.of("target", "it-images").toAbsolutePath());
        return Files.createTempDirectory(root, prefix + "-");
    }
}
