package org.imagetagger.sidecar.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SidecarLocationTest {

    private static final Path PHOTO = Path.of("/srv/photos/2024/beach.jpg");

    @Test
    void besideTheImageWhenItsFolderIsWritable() {
        assertEquals(Optional.of(Path.of("/srv/photos/2024/beach.jpg.xmp")),
                SidecarLocation.of(PHOTO, Optional.of(Path.of("/var/sidecars")), dir -> true));
    }

    @Test
    void readOnlyFolderMirrorsTheAbsolutePathBelowTheSidecarFolder() {
        assertEquals(Optional.of(Path.of("/var/sidecars/srv/photos/2024/beach.jpg.xmp")),
                SidecarLocation.of(PHOTO, Optional.of(Path.of("/var/sidecars")), dir -> !dir.equals(PHOTO.getParent())));
    }

    @Test
    void readOnlyFolderWithoutSidecarFolderHasNoPlace() {
        assertEquals(Optional.empty(), SidecarLocation.of(PHOTO, Optional.empty(), dir -> false));
    }

    @Test
    void candidatesAreBothPlaces() {
        assertEquals(List.of(Path.of("/srv/photos/2024/beach.jpg.xmp"), Path.of("/var/sidecars/srv/photos/2024/beach.jpg.xmp")),
                SidecarLocation.candidates(PHOTO, Optional.of(Path.of("/var/sidecars"))));
        assertEquals(List.of(Path.of("/srv/photos/2024/beach.jpg.xmp")), SidecarLocation.candidates(PHOTO, Optional.empty()));
    }

    @Test
    void aPathThatClimbsCannotLeaveTheSidecarFolder() {
        Path sneaky = Path.of("/srv/photos/../../etc/passwd");
        assertEquals(Path.of("/var/sidecars/etc/passwd.xmp"), SidecarLocation.inFolder(sneaky, Path.of("/var/sidecars")));
    }
}
