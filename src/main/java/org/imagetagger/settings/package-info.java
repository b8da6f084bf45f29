/**
 * Settings changed at run time ({@code GET/PUT /api/settings}): validated here and stored as overrides of the
 * MicroProfile Config keys of the same name ({@code platform.SettingOverrides}, read by {@code VisionSettings} and
 * {@code SidecarSettings}), applied from the next request on; plus the vision connection test.
 */
package org.imagetagger.settings;
