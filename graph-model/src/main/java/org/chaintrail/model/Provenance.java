package org.chaintrail.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Who attached a label and when, and the file it came from.
 *
 * @param by   the person (or process) who added it
 * @param at   when, kept to the millisecond
 * @param file the file it was imported from, if any
 */
public record Provenance(String by, Instant at, Optional<LabelFile> file) {
    public Provenance {
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("who added a label must be named, was '" + by + "'");
        }
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(file, "file");
    }
}
