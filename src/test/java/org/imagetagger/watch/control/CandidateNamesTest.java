package org.imagetagger.watch.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CandidateNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"IMG_0001.JPG", "photo.jpeg", "scan.png", "a b.webp", "x.tiff"})
    void imagesAreFollowed(String name) {
        assertTrue(CandidateNames.isCandidate(Path.of("/photos", name)), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {".photo.jpg", "~photo.jpg", "photo.jpg.part", "photo.jpg.tmp", "photo.TMP",
            "photo.jpg.crdownload", "notes.txt", "noextension", ".sync-123.jpg"})
    void temporaryHiddenAndOtherFilesAreNot(String name) {
        assertFalse(CandidateNames.isCandidate(Path.of("/photos", name)), name);
    }
}
