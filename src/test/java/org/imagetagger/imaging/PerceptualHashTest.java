package org.imagetagger.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.imagetagger.support.TestPhotos;
import org.junit.jupiter.api.Test;

class PerceptualHashTest {

    /** What the duplicate search calls the same picture ({@code org.imagetagger.similarity.control.Duplicates}). */
    private static final int THRESHOLD = org.imagetagger.similarity.control.Duplicates.MAX_DISTANCE;

    @Test
    void theSamePictureHasTheSameHash() {
        BufferedImage photo = TestPhotos.photo(1, 640, 480);
        assertEquals(PerceptualHash.of(photo), PerceptualHash.of(photo));
    }

    @Test
    void nearCopiesStayWithinTheThresholdAndUnrelatedPhotosStayFarApart() {
        List<Long> hashes = new ArrayList<>();
        int worstCopy = 0;
        for (int seed = 0; seed < 150; seed++) {
            BufferedImage photo = TestPhotos.photo(seed, 640, 480);
            long hash = PerceptualHash.of(photo);
            hashes.add(hash);
            if (seed < 40) {
                long copy = PerceptualHash.of(TestPhotos.nearCopy(photo, 0.6, 12, 0.7f));
                worstCopy = Math.max(worstCopy, PerceptualHash.distance(hash, copy));
            }
        }
        int closestUnrelated = 64;
        for (int a = 0; a < hashes.size(); a++) {
            for (int b = a + 1; b < hashes.size(); b++) {
                closestUnrelated = Math.min(closestUnrelated, PerceptualHash.distance(hashes.get(a), hashes.get(b)));
            }
        }
        System.out.printf("pHash: near copies differ in at most %d bits, unrelated photos in at least %d (threshold %d)%n",
                worstCopy, closestUnrelated, THRESHOLD);
        assertTrue(worstCopy <= THRESHOLD, "a near copy differs in " + worstCopy + " bits");
        assertTrue(closestUnrelated > THRESHOLD, "two unrelated photos differ in only " + closestUnrelated + " bits");
    }

    @Test
    void aPictureSmallerThanTheHashGridStillHashes() {
        BufferedImage tiny = TestPhotos.photo(3, 7, 5);
        assertEquals(PerceptualHash.of(tiny), PerceptualHash.of(tiny));
        assertEquals(0, PerceptualHash.distance(42L, 42L));
        assertEquals(64, PerceptualHash.distance(0L, -1L));
    }
}
