/**
 * Everything about media files as pictures: formats, decoding (ImageIO in the JVM; HEIC/HEIF, AVIF, RAW previews and
 * video frames through Debian's command-line tools, {@link org.imagetagger.imaging.MediaTools}), EXIF, orientation,
 * downscaling and thumbnails; a picture that cannot be read is an {@link org.imagetagger.imaging.UntaggableImageException}.
 */
package org.imagetagger.imaging;
