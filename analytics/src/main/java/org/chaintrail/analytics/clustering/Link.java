package org.chaintrail.analytics.clustering;

import java.util.Objects;

/**
 * Two addresses one rule says belong to one entity, and why.
 *
 * @param a         a dense address id
 * @param b         another
 * @param heuristic the rule
 * @param evidence  the transaction and the positions the rule read: "tx …: inputs 0 and 3", or
 *                  "tx …: output 1 (never seen; outputs 0 reused)"
 */
public record Link(int a, int b, UtxoHeuristic heuristic, String evidence) {
    public Link {
        Objects.requireNonNull(heuristic, "heuristic");
        Objects.requireNonNull(evidence, "evidence");
        if (a < 0 || b < 0 || a == b) {
            throw new IllegalArgumentException("a link joins two different address ids, was " + a + " and " + b);
        }
    }
}
