package org.chaintrail.model;

import java.util.Objects;

/**
 * A reference to one output of an earlier transaction: what an input spends.
 *
 * @param txid the transaction's id, 64 lower-case hex digits in display order
 * @param vout the output's index in that transaction
 */
public record OutPoint(String txid, int vout) {
    public OutPoint {
        txid = Chain.BITCOIN.canonicalTxHash(Objects.requireNonNull(txid, "txid"));
        if (vout < 0) {
            throw new IllegalArgumentException("output index must not be negative, was " + vout);
        }
    }

    @Override
    public String toString() {
        return txid + ":" + vout;
    }
}
