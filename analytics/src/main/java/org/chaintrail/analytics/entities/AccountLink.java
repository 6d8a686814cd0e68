package org.chaintrail.analytics.entities;

import java.util.List;
import java.util.Objects;

/**
 * Two account-chain addresses that one heuristic says have one owner, and the transactions that
 * show it.
 *
 * @param a         one address, canonical form
 * @param b         the other, canonical form, not {@code a}
 * @param heuristic the rule
 * @param evidence  transaction hashes, most telling first (the heuristic's class says which), never empty
 */
public record AccountLink(String a, String b, AccountHeuristic heuristic, List<String> evidence) {
    public AccountLink {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(heuristic, "heuristic");
        if (a.equals(b)) {
            throw new IllegalArgumentException("a link joins two addresses, was " + a + " twice");
        }
        evidence = List.copyOf(evidence);
        if (evidence.isEmpty()) {
            throw new IllegalArgumentException("a " + heuristic.flag() + " link of " + a + " and " + b
                    + " needs a transaction that shows it");
        }
    }
}
