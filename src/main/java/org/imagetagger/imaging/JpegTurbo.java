package org.imagetagger.imaging;

import java.awt.image.BufferedImage;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.imagetagger.imaging.MediaTools.Tool;

/**
 * Large JPEGs decoded by libjpeg-turbo's {@code djpeg}, which scales in the DCT (3/8 of a 12 MP photo's sides at a
 * fraction of the work), where ImageIO decodes every pixel and then drops most of them (docs/BENCHMARKS.md,
 * issue 17). A speed-up only: when djpeg is not installed or does not decode a file cleanly (a warning is an error
 * here, CMYK is refused), ImageIO decodes it and names what is wrong.
 */
final class JpegTurbo {

    private static final System.Logger LOG = System.getLogger(JpegTurbo.class.getName());
    private static final Duration LIMIT = Duration.ofSeconds(60);
    /** One message per start when djpeg is missing: the files are still decoded, only slower. */
    private static volatile boolean missingSaid;

    private JpegTurbo() {
    }

    /**
     * The JPEG within {@code maxDimension} as a TYPE_INT_RGB image, as stored (not turned), or null when ImageIO
     * should decode it: djpeg missing, a picture that needs no scaling, or one djpeg does not decode cleanly.
     */
    static BufferedImage fitted(Path file, ImageSize size, int maxDimension) {
        int eighths = eighthsFor(size, maxDimension);
        if (eighths >= 8) {
            return null;
        }
        Optional<Path> djpeg = MediaTools.locate(Tool.DJPEG);
        if (djpeg.isEmpty()) {
            if (!missingSaid) {
                missingSaid = true;
                LOG.log(Level.INFO, MediaTools.missing(Tool.DJPEG, "Decoding large JPEGs at a fraction of the CPU"));
            }
            return null;
        }
        try {
            MediaTools.Output output = MediaTools.runForOutput(List.of(djpeg.get().toString(), "-strict", "-scale", eighths + "/8", "-pnm",
                    file.toString()), LIMIT, "JPEG");
            if (output.exitCode() != 0) {
                LOG.log(Level.DEBUG, "djpeg did not decode {0} (exit code {1}): ImageIO decodes it", file, output.exitCode());
                return null;
            }
            return PortableAnymap.parse(output.stdout()).fitted(maxDimension);
        } catch (UntaggableImageException | IllegalArgumentException e) {
            LOG.log(Level.DEBUG, "djpeg did not decode {0} ({1}): ImageIO decodes it", file, e.getMessage());
            return null;
        }
    }

    /**
     * The smallest DCT scale M/8 whose longest side still reaches {@code maxDimension}: the area averaging does the
     * rest (no aliasing: the DCT scaling averages, unlike skipping pixels). 8 when no scale below 1 reaches it.
     */
    static int eighthsFor(ImageSize size, int maxDimension) {
        int longest = Math.max(size.width(), size.height());
        for (int eighths = 1; eighths < 8; eighths++) {
            // djpeg rounds a scaled side up
            if (((long) longest * eighths + 7) / 8 >= maxDimension) {
                return eighths;
            }
        }
        return 8;
    }
}
