package org.imagetagger.imaging;

import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.Rational;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.lang.System.Logger.Level;

/**
 * Aperture, shutter, ISO and focal length, read from the open file when the detail view asks: nothing is
 * stored, so photos catalogued before this existed show them too.
 */
public class ExposureReader {

    private static final System.Logger LOG = System.getLogger(ExposureReader.class.getName());

    public Exposure read(ConfinedFile file) {
        if (ImageFormats.isVideo(file.path())) {
            return Exposure.none();
        }
        Metadata metadata;
        try (InputStream in = new BufferedInputStream(file.inputStream())) {
            file.channel().position(0);
            metadata = ImageMetadataReader.readMetadata(in);
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "no exposure read from {0}: {1}", file.path(), e);
            return Exposure.none();
        }
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        if (exif == null) {
            return Exposure.none();
        }
        Rational fNumber = exif.getRational(ExifDirectoryBase.TAG_FNUMBER);
        Rational focal = exif.getRational(ExifDirectoryBase.TAG_FOCAL_LENGTH);
        return new Exposure(
                positive(fNumber) ? Math.round(fNumber.doubleValue() * 10) / 10.0 : null,
                shutter(exif.getRational(ExifDirectoryBase.TAG_EXPOSURE_TIME)),
                exif.getInteger(ExifDirectoryBase.TAG_ISO_EQUIVALENT),
                positive(focal) ? Math.round(focal.doubleValue() * 10) / 10.0 : null,
                exif.getInteger(ExifDirectoryBase.TAG_35MM_FILM_EQUIV_FOCAL_LENGTH));
    }

    /** "1/250 s" below a second, "2 s" or "2.5 s" above. */
    static String shutter(Rational time) {
        if (!positive(time)) {
            return null;
        }
        double seconds = time.doubleValue();
        if (seconds < 1) {
            return "1/" + Math.round(1 / seconds) + " s";
        }
        double rounded = Math.round(seconds * 10) / 10.0;
        return (rounded == Math.rint(rounded) ? String.valueOf((long) rounded) : String.valueOf(rounded)) + " s";
    }

    private static boolean positive(Rational value) {
        return value != null && value.getDenominator() != 0 && value.doubleValue() > 0;
    }
}
