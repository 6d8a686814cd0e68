package org.chaintrail.model;

import java.util.List;
import java.util.Optional;

/**
 * An unattributed address that has sent funds, with where every one of its transfers went.
 *
 * @param address  the candidate, canonical form
 * @param outgoing each outgoing transfer's recipient entity (by label), in chain order
 */
public record DepositCandidate(String address, List<Outgoing> outgoing) {
    public DepositCandidate {
        outgoing = List.copyOf(outgoing);
    }

    /**
     * One outgoing transfer.
     *
     * @param txHash          the transaction
     * @param recipientEntity the recipient's entity by label, empty if it has none
     */
    public record Outgoing(String txHash, Optional<Entity> recipientEntity) {
    }
}
