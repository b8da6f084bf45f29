package org.imagetagger.settings.boundary;

/** Optional body of POST /api/settings/vision/test: values to try before saving them; missing ones are the current settings. */
public record ConnectionRequest(String api, String url, String model) {
}
