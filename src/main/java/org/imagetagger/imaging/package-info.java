/** Everything about image files as pictures: formats, decoding, EXIF, orientation and downscaling (later thumbnails). */
package org.imagetagger.imaging;
