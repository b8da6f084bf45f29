package org.imagetagger.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.drew.lang.Rational;
import org.junit.jupiter.api.Test;

class ExposureReaderTest {

    @Test
    void shutterSpeedsAreWrittenAsPhotographersWriteThem() {
        assertEquals("1/250 s", ExposureReader.shutter(new Rational(1, 250)));
        assertEquals("1/60 s", ExposureReader.shutter(new Rational(10, 600)));
        assertEquals("2 s", ExposureReader.shutter(new Rational(2, 1)));
        assertEquals("2.5 s", ExposureReader.shutter(new Rational(5, 2)));
        assertNull(ExposureReader.shutter(new Rational(0, 1)));
        assertNull(ExposureReader.shutter(null));
    }
}
