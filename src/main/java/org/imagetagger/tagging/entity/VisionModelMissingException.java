package org.imagetagger.tagging.entity;

/** The server does not have the configured model: no image can be tagged until the user fixes that. */
public class VisionModelMissingException extends RuntimeException {

    public VisionModelMissingException(String message) {
        super(message);
    }
}
