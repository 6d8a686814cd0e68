package org.chaintrail.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Why a label no longer counts, who said so and when. The attachment stays in the graph.
 *
 * @param by     who retracted it
 * @param at     when, kept to the millisecond
 * @param reason why
 */
public record Retraction(String by, Instant at, String reason) {
    public Retraction {
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("who retracts a label must be named, was '" + by + "'");
        }
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MILLIS);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a retraction needs a reason");
        }
    }
}
