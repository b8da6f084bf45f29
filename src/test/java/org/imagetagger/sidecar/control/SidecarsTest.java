package org.imagetagger.sidecar.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.adobe.internal.xmp.XMPException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SidecarsTest {

    @TempDir
    Path dir;

    @Test
    void writesAtomicallyLeavesNoTempFileAndCreatesMirrorFolders() throws Exception {
        Path target = dir.resolve("mirror/srv/photos/a.jpg.xmp");
        Sidecars.write(target, "A dog.", List.of("dog"), List.of("rex"));
        assertEquals(List.of("rex", "dog"), subjects(target));
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void anUnchangedSidecarIsNotRewritten() throws Exception {
        Path target = dir.resolve("a.jpg.xmp");
        Sidecars.write(target, "A dog.", List.of("dog"), List.of());
        byte[] first = Files.readAllBytes(target);
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(target, old);
        Sidecars.write(target, "A dog.", List.of("dog"), List.of());
        assertArrayEquals(first, Files.readAllBytes(target));
        assertEquals(old, Files.getLastModifiedTime(target));
    }

    @Test
    void aBrokenSidecarStaysAsItWas() throws Exception {
        Path target = Files.writeString(dir.resolve("b.jpg.xmp"), "<x:xmpmeta broken");
        assertThrows(XMPException.class, () -> Sidecars.write(target, "d", List.of("a"), List.of()));
        assertEquals("<x:xmpmeta broken", Files.readString(target));
    }

    @Test
    void sidecarKeywordsAreImportedWithoutTheModelsOwn() throws Exception {
        Path target = dir.resolve("c.jpg.xmp");
        Sidecars.write(target, "A dog.", List.of("dog"), List.of("rex"));
        assertEquals(new XmpSidecar.UserMetadata(null, List.of()), ExistingMetadata.fromSidecar(target),
                "what we wrote ourselves is not imported back");
        assertTrue(ExistingMetadata.fromSidecar(dir.resolve("none.xmp")).keywords().isEmpty());
        assertTrue(ExistingMetadata.fromSidecar(Files.writeString(dir.resolve("junk.xmp"), "junk")).keywords().isEmpty());
    }

    private static List<String> subjects(Path sidecar) throws Exception {
        var meta = com.adobe.internal.xmp.XMPMetaFactory.parseFromBuffer(Files.readAllBytes(sidecar));
        List<String> subjects = new java.util.ArrayList<>();
        for (int i = 1; i <= meta.countArrayItems(com.adobe.internal.xmp.XMPConst.NS_DC, "subject"); i++) {
            subjects.add(meta.getArrayItem(com.adobe.internal.xmp.XMPConst.NS_DC, "subject", i).getValue());
        }
        return subjects;
    }
}
