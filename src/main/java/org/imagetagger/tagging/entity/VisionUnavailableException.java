package org.imagetagger.tagging.entity;

/** The vision server could not answer now (5xx, overloaded, unreachable, too slow): worth retrying later. */
public class VisionUnavailableException extends RuntimeException {

    public VisionUnavailableException(String message) {
        super(message);
    }

    public VisionUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
