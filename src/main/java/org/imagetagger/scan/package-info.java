/** The tagImages batch job: walking folders, deciding what changed, tagging files and writing the outcomes chunk by chunk. */
package org.imagetagger.scan;
