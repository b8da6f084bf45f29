package org.imagetagger.imaging;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.junit.jupiter.api.Test;

class RgbBytesTest {

    @Test
    void aReleasedPicturesArrayServesTheNextPictureThatFitsInIt() {
        BufferedImage first = RgbBytes.reused(200, 100);
        RgbBytes.release(first);

        BufferedImage smaller = RgbBytes.reused(150, 100);

        assertSame(array(first), array(smaller));
        RgbBytes.release(smaller);
    }

    @Test
    void aPictureTooLargeToKeepLeavesNothingBehind() {
        BufferedImage huge = RgbBytes.reused(3000, 2000);
        RgbBytes.release(huge);

        assertNotSame(array(huge), array(RgbBytes.reused(3000, 2000)));
    }

    private static byte[] array(BufferedImage picture) {
        return ((DataBufferByte) picture.getRaster().getDataBuffer()).getData();
    }
}
