package org.imagetagger.catalog.entity;

public enum ImageStatus {
    PENDING, TAGGED, FAILED, MISSING
}
