package org.imagetagger.tagging.entity;

/** The server refused this one request (a 4xx other than a missing model): retrying it will not help. */
public class VisionRejectedException extends RuntimeException {

    public VisionRejectedException(String message) {
        super(message);
    }
}
