package org.imagetagger.catalog.boundary;

/** Body of POST /api/folders/{id}/scan. */
public record ScanRequest(String mode) {
}
