package org.imagetagger.scan.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.imagetagger.imaging.ExifData;
import org.imagetagger.imaging.ExifReader;
import org.imagetagger.imaging.ImageDecoder;
import org.imagetagger.imaging.ImageSize;
import org.imagetagger.imaging.JpegEncoder;
import org.imagetagger.imaging.PixelLimit;
import org.imagetagger.platform.Times;
import org.imagetagger.scan.entity.ImageOutcome;
import org.imagetagger.scan.entity.ScanItem;
import org.imagetagger.tagging.control.TagNormalizer;
import org.imagetagger.tagging.control.VisionService;
import org.imagetagger.tagging.control.VisionSettings;
import org.imagetagger.tagging.entity.UntaggableImageException;
import org.imagetagger.tagging.entity.VisionReply;

/**
 * Everything one file goes through before the catalog: attributes, checksum, EXIF, decoding, the model.
 * Content the catalog already describes (same SHA-256 and size) is taken from there instead of the model.
 */
@ApplicationScoped
public class ImageAnalysis {

    private static final System.Logger LOG = System.getLogger(ImageAnalysis.class.getName());
    private static final float JPEG_QUALITY = 0.85f;

    @Inject
    VisionService vision;

    @Inject
    VisionSettings settings;

    @Inject
    KnownContent knownContent;

    @Inject
    PixelLimit pixelLimit;

    private final ExifReader exifReader = new ExifReader();
    private final ImageDecoder decoder = new ImageDecoder();
    private final JpegEncoder encoder = new JpegEncoder();

    public ImageOutcome analyse(ScanItem item) {
        Path file = item.file();
        long size;
        LocalDateTime modified;
        String checksum;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            size = attributes.size();
            modified = Times.utc(attributes.lastModifiedTime().toInstant());
            checksum = Checksum.sha256(file);
        } catch (NoSuchFileException gone) {
            return failed(item, 0, Times.nowUtc(), null, "file no longer exists");
        } catch (AccessDeniedException denied) {
            return failed(item, 0, Times.nowUtc(), null, "permission denied: the server cannot read this file");
        } catch (IOException e) {
            return failed(item, 0, Times.nowUtc(), null, "cannot read the file: " + e.getMessage());
        }
        if (item.reuseKnownContent()) {
            Optional<ImageOutcome> known = knownContent.recognise(item, size, modified, checksum);
            if (known.isPresent()) {
                LOG.log(Level.DEBUG, "{0} has the content of image {1}: no model request", file, known.get().twinId());
                return known.get();
            }
        }
        try {
            ExifData exif = exifReader.read(file);
            ImageSize pictureSize = decoder.readSize(file);
            int orientation = exif.orientation() == null ? 1 : exif.orientation();
            BufferedImage picture = decoder.decode(file, settings.maxDimension(), pixelLimit.maxPixels(), orientation);
            VisionReply reply = vision.describe(encoder.encode(picture, JPEG_QUALITY));
            // The controlled vocabulary (tagger.tags.synonyms) of the settings in force.
            List<String> tags = new TagNormalizer(settings.synonyms()).normalize(reply.tags(), settings.maxTags());
            return new ImageOutcome(item.folderId(), file, size, modified, checksum, pictureSize.width(), pictureSize.height(),
                    exif, reply.description(), tags, vision.model(), null);
        } catch (UntaggableImageException e) {
            return failed(item, size, modified, checksum, e.getMessage());
        }
    }

    private static ImageOutcome failed(ScanItem item, long size, LocalDateTime modified, String checksum, String reason) {
        LOG.log(Level.WARNING, "cannot tag {0}: {1}", item.file(), reason);
        return ImageOutcome.failed(item.folderId(), item.file(), size, modified, checksum, reason);
    }
}
