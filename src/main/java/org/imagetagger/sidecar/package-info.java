/**
 * XMP sidecars: after a chunk of images is tagged, {@code <file>.xmp} gets the description and keywords
 * (merged with what other tools wrote there), and keywords already in a file or its sidecar are imported
 * as manual tags at scan time. Settings: {@code tagger.sidecars.enabled}, {@code tagger.sidecars.dir}.
 */
package org.imagetagger.sidecar;
