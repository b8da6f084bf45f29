package org.imagetagger.imaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How many pixels an image may declare before it is refused undecoded: the one limit for tagging and thumbnails. */
@ApplicationScoped
public class PixelLimit {

    /** Images whose header declares more pixels are refused before decoding (decompression bombs). */
    @Inject
    @ConfigProperty(name = "tagger.images.max-pixels", defaultValue = "150000000")
    long maxPixels;

    public long maxPixels() {
        return maxPixels;
    }
}
