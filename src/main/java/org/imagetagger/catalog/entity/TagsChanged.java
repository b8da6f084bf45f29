package org.imagetagger.catalog.entity;

/** CDI event: the user set the tags of an image by hand (fired inside the transaction that changed them). */
public record TagsChanged(Image image) {
}
