package org.chaintrail.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Who recorded an item of a case (the case itself, an address, a note, a member, a saved trace, a
 * re-run) and when: a case is a forensic record, so nothing enters it unsigned.
 *
 * @param by the API key's name, or the operator's at the command line
 * @param at when, kept to the millisecond
 */
public record Authored(String by, Instant at) {
    public Authored {
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("who records an item of a case must be named, was '" + by + "'");
        }
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MILLIS);
    }
}
