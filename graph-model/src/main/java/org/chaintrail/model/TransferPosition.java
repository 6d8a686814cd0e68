package org.chaintrail.model;

import java.util.Objects;

/**
 * Where a page of an address's transfers ended: the sort key of its last transfer, chain order
 * first and then the two addresses (on a UTXO chain several payers share one output's place).
 *
 * @param blockNumber the block
 * @param txIndex     the transaction's index in its block
 * @param logIndex    the log index, or on a UTXO chain the output index
 * @param from        the payer
 * @param to          the payee
 */
public record TransferPosition(long blockNumber, int txIndex, int logIndex, String from, String to) {
    public TransferPosition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public static TransferPosition of(Transfer t) {
        return new TransferPosition(t.blockNumber(), t.txIndex(), t.logIndex(), t.from(), t.to());
    }
}
