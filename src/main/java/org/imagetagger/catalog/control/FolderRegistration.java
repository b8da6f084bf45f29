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
import org.imagetagger.imaging.ConfinedFile;
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
        Path requested = absolute(requestedPath);
        // Outside the roots, the answer is the same whether the path exists or not: it tells nothing about the disk.
        if (!mayLieUnderRoots(requested)) {
            throw notAllowed(requestedPath);
        }
        Path directory = realDirectory(requested, requestedPath);
        if (!isUnderRoots(directory)) {
            throw notAllowed(requestedPath);
        }
        if (folders.findByPath(directory.toString()).isPresent()) {
            throw new ApiException(jakarta.ws.rs.core.Response.Status.CONFLICT, directory + " is already registered");
        }
        return folders.add(new Folder(directory.toString(), recursive, active, Times.nowUtc()));
    }

    /**
     * Whether a registered folder may still be read: it is still its own real path (neither it nor a directory
     * above it was swapped for a symbolic link) and it lies under the roots. Scans and the watcher call this every
     * time they start on a folder.
     */
    public boolean isConfinedFolder(Path registeredFolder) {
        return ConfinedFile.isRealDirectory(registeredFolder) && isUnderRoots(registeredFolder);
    }

    private static ApiException notAllowed(String requestedPath) {
        return ApiException.badRequest(requestedPath + " is not allowed: folders must lie under tagger.folders.roots");
    }

    private static Path absolute(String requestedPath) {
        Path path;
        try {
            path = Path.of(requestedPath);
        } catch (RuntimeException invalid) {
            throw ApiException.badRequest("path is not a valid path");
        }
        if (!path.isAbsolute()) {
            throw ApiException.badRequest("path must be absolute: " + requestedPath);
        }
        return path;
    }

    /**
     * Whether the nearest existing directory on the way to the path, links resolved, lies under the roots; a
     * missing path below a link out of the roots is "not allowed" as an existing one would be.
     */
    private boolean mayLieUnderRoots(Path requested) {
        for (Path candidate = requested.normalize(); candidate != null; candidate = candidate.getParent()) {
            try {
                return isUnderRoots(candidate.toRealPath());
            } catch (IOException | RuntimeException missing) {
                // look at the parent
            }
        }
        return false;
    }

    private static Path realDirectory(Path path, String requestedPath) {
        String problem = requestedPath + " is not an existing readable directory";
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
