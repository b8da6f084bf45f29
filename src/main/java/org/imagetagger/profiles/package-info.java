/**
 * Folder profiles ({@code /api/folders/{id}/profile}): per-folder context, prompt, language, model and
 * vocabulary over the global settings, resolved into the {@code TagProfile} each request of that folder is
 * asked with, and the fingerprint a {@code stale} scan compares. Uses catalog and tagging; scan uses it.
 */
package org.imagetagger.profiles;
