package org.imagetagger.imaging;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/** Picks the ImageIO reader by content, limited to the formats we accept. */
final class ImageReaders {

    /** Format names of ImageIO readers, as shown to users. */
    private static final Map<String, String> LABELS = Map.of(
            "jpeg", "JPEG", "jpg", "JPEG", "png", "PNG", "gif", "GIF", "bmp", "BMP",
            "webp", "WebP", "tif", "TIFF", "tiff", "TIFF");

    /*
     * Used directly rather than through IIORegistry: in an application server the ImageIO registry is
     * JVM-wide and may have been scanned without the WAR's jars, and registering a WAR class there
     * would pin the WAR's class loader after an undeploy.
     */
    private static final ImageReaderSpi WEBP = new WebPImageReaderSpi();

    private ImageReaders() {
    }

    /** @return a reader for one of our formats, or null when none recognises the content */
    static ImageReader forContent(ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (label(reader) != null) {
                return reader;
            }
            reader.dispose();
        }
        return WEBP.canDecodeInput(in) ? WEBP.createReaderInstance() : null;
    }

    /** The first reader ImageIO knows for the content even if we do not accept its format, or null. */
    static String unacceptedFormat(ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            return null;
        }
        ImageReader reader = readers.next();
        try {
            return reader.getFormatName().toUpperCase(Locale.ROOT);
        } finally {
            reader.dispose();
        }
    }

    /** "JPEG", "PNG", ... or null for a format we do not accept. */
    static String label(ImageReader reader) {
        try {
            return LABELS.get(reader.getFormatName().toLowerCase(Locale.ROOT));
        } catch (IOException e) {
            return null;
        }
    }
}
