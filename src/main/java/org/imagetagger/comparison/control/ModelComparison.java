package org.imagetagger.comparison.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.comparison.entity.ComparisonResult;
import org.imagetagger.comparison.entity.ComparisonResult.Answer;
import org.imagetagger.imaging.ImageDecoder;
import org.imagetagger.imaging.JpegEncoder;
import org.imagetagger.imaging.PixelLimit;
import org.imagetagger.platform.Times;
import org.imagetagger.profiles.control.FolderProfiles;
import org.imagetagger.tagging.control.VisionService;
import org.imagetagger.tagging.control.VisionSettings;
import org.imagetagger.tagging.entity.TagProfile;
import org.imagetagger.imaging.UntaggableImageException;
import org.imagetagger.tagging.entity.VisionReply;

/**
 * One image of a comparison: the folder's profile with the other model and/or prompt, asked like a scan asks
 * (same decoding, size and request), timed; the catalog's row is only read.
 */
@ApplicationScoped
public class ModelComparison {

    private static final System.Logger LOG = System.getLogger(ModelComparison.class.getName());
    private static final float JPEG_QUALITY = 0.85f;

    @Inject
    ImageStore images;

    @Inject
    FolderProfiles profiles;

    @Inject
    VisionService vision;

    @Inject
    VisionSettings settings;

    @Inject
    PixelLimit pixelLimit;

    private final ImageDecoder decoder = new ImageDecoder();
    private final JpegEncoder encoder = new JpegEncoder();

    public ComparisonResult compare(long executionId, long imageId, String model, String prompt) {
        Image image = images.find(imageId).orElseThrow(() -> new IllegalStateException("image " + imageId + " is gone"));
        TagProfile folder = profiles.of(image.getFolderId());
        TagProfile other = new TagProfile(folder.context(), blank(prompt) ? folder.prompt() : prompt, folder.language(),
                blank(model) ? folder.model() : model, folder.vocabulary(), folder.vocabularyOnly());
        Answer current = new Answer(image.getModel(), image.getDescription(), image.tagNames(), null, image.getServerMillis());
        String candidateModel = vision.question(other).model();
        long start = System.nanoTime();
        try {
            int orientation = image.getOrientation() == null ? 1 : image.getOrientation();
            byte[] jpeg = encoder.encode(decoder.decode(Path.of(image.getPath()), settings.maxDimension(), pixelLimit.maxPixels(),
                    orientation), JPEG_QUALITY);
            VisionReply reply = vision.describe(jpeg, other);
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new ComparisonResult(executionId, image.getFolderId(), imageId, image.getPath(), current,
                    new Answer(candidateModel, reply.description(), reply.tags(), millis, reply.taggedWith().serverMillis()),
                    null, Times.nowUtc());
        } catch (UntaggableImageException e) {
            LOG.log(Level.WARNING, "comparison {0}: cannot ask about {1}: {2}", executionId, image.getPath(), e.getMessage());
            return new ComparisonResult(executionId, image.getFolderId(), imageId, image.getPath(), current,
                    new Answer(candidateModel, null, java.util.List.of(), (System.nanoTime() - start) / 1_000_000, null),
                    e.getMessage(), Times.nowUtc());
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
