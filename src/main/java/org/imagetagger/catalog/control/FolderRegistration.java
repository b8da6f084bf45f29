package org.imagetagger.catalog.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.imagetagger.catalog.entity.Folder;
import org.imagetagger.platform.ApiException;
import org.imagetagger.platform.Times;

/** Checks a folder the user wants to register: a readable directory, inside the allowed roots, not yet known. */
@ApplicationScoped
public class FolderRegistration {

    /** Comma-separated directories that registered folders must lie under; empty allows any. */
    @Inject
    @ConfigProperty(name = "tagger.folders.roots")
    Optional<String> roots;

    @Inject
    FolderStore folders;

    public Folder register(String requestedPath, boolean recursive, boolean active) {
        Path directory = realDirectory(requestedPath);
        if (!isUnderRoots(directory)) {
            throw ApiException.badRequest(requestedPath + " lies outside the allowed folders (tagger.folders.roots)");
        }
        if (folders.findByPath(directory.toString()).isPresent()) {
            throw new ApiException(jakarta.ws.rs.core.Response.Status.CONFLICT, directory + " is already registered");
        }
        return folders.add(new Folder(directory.toString(), recursive, active, Times.nowUtc()));
    }

    private static Path realDirectory(String requestedPath) {
        String problem = requestedPath + " is not an existing readable directory";
        Path path;
        try {
            path = Path.of(requestedPath);
        } catch (RuntimeException invalid) {
            throw ApiException.badRequest(problem);
        }
        if (!path.isAbsolute()) {
            throw ApiException.badRequest("path must be absolute: " + requestedPath);
        }
        if (!Files.isDirectory(path) || !Files.isReadable(path)) {
            throw ApiException.badRequest(problem);
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw ApiException.badRequest(problem);
        }
    }

    /** Whether a real directory lies under tagger.folders.roots (always, when no roots are set). */
    public boolean isUnderRoots(Path directory) {
        List<String> allowed = roots.map(r -> Arrays.stream(r.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        if (allowed.isEmpty()) {
            return true;
        }
        return allowed.stream().anyMatch(root -> {
            try {
                return directory.startsWith(Path.of(root).toRealPath());
            } catch (IOException | RuntimeException e) {
                return false;
            }
        });
    }
}
