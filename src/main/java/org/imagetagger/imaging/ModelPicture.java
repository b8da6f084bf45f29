package org.imagetagger.imaging;

/**
 * What the vision model is sent for one file (a JPEG no larger than the settings' max dimension, upright) and the
 * perceptual hash of the same picture.
 *
 * @param passedThrough whether {@code jpeg} is the file's own bytes, sent without decoding and encoding again
 */
public record ModelPicture(byte[] jpeg, long perceptualHash, boolean passedThrough) {
}
