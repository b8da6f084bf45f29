package org.imagetagger.scan.entity;

/** The outcome of a claimed file, as the processor hands it to the writer. */
public record FileOutcome(ClaimedFile claim, ImageOutcome outcome) {
}
