package org.imagetagger.imaging;

/**
 * A permanent problem with one image (unreadable, not an image, too large, a reply that never parses):
 * the image is marked FAILED with this message as its reason and the job goes on.
 */
public class UntaggableImageException extends Exception {

    public UntaggableImageException(String reason) {
        super(reason);
    }

    public UntaggableImageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
