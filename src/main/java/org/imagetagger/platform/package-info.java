/** What every component uses: the REST application, the JSON error body, schema migrations, UTC times. */
package org.imagetagger.platform;
