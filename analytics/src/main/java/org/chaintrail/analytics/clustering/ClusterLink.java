package org.chaintrail.analytics.clustering;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One link of an explanation: why two addresses have one owner.
 *
 * @param from      the address the link starts from
 * @param to        the address it reaches
 * @param heuristic the rule ({@code common-input}, {@code change-one-time}, ..., {@code label},
 *                  {@code deposit-address})
 * @param txid      the transaction that shows it, if a transaction does
 * @param block     that transaction's block
 * @param evidence  what in the transaction (or which label) shows it, for people
 */
public record ClusterLink(String from, String to, String heuristic, Optional<String> txid, OptionalLong block,
                          String evidence) {
    public ClusterLink {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(heuristic, "heuristic");
        Objects.requireNonNull(txid, "txid");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(evidence, "evidence");
    }
}
