/**
 * What every component uses: the REST application, the JSON error body, schema migrations, UTC times, and the
 * overrides of configuration keys stored in the database ({@code SettingOverrides}).
 */
package org.imagetagger.platform;
