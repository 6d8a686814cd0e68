package org.chaintrail.model;

import java.util.List;
import java.util.Objects;

/**
 * A Bitcoin block with its transactions, as an ingestor hands it to the store.
 *
 * @param block        number, hash and time
 * @param parentHash   the previous block's hash (64 hex), all zeros for the genesis block
 * @param transactions in block order, the coinbase first
 */
public record UtxoBlock(Block block, String parentHash, List<UtxoTransaction> transactions) {
    public UtxoBlock {
        Objects.requireNonNull(block, "block");
        if (!block.chain().isUtxo()) {
            throw new IllegalArgumentException("a UTXO block must be of a UTXO chain, was " + block.chain().id());
        }
        parentHash = block.chain().canonicalTxHash(Objects.requireNonNull(parentHash, "parentHash"));
        transactions = List.copyOf(transactions);
        for (int i = 0; i < transactions.size(); i++) {
            if (transactions.get(i).index() != i) {
                throw new IllegalArgumentException("block " + block.number() + ": transaction " + i + " has index "
                        + transactions.get(i).index());
            }
        }
    }
}
