package org.imagetagger.jobs.boundary;

/** Body of POST /api/folders/{id}/scan. */
public record ScanRequest(String mode) {
}
