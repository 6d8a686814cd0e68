package org.chaintrail.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A stored UTXO transaction with its place in the chain, as a tracer reads it: each input names
 * the output it spends, each output the outpoint it creates, both with address and value.
 *
 * @param txid        64 lower-case hex digits, display order
 * @param blockNumber the block
 * @param txIndex     position in the block
 * @param timestamp   the block's time, seconds since the epoch
 * @param inputs      inputs by index (none for a coinbase); a leg's outpoint is the output spent
 * @param outputs     outputs by index; a leg's outpoint is {@code txid:index}
 */
public record PlacedTransaction(String txid, long blockNumber, int txIndex, long timestamp, List<Leg> inputs,
                                List<Leg> outputs) {
    /** Chain order: block, then position in the block. */
    public static final Comparator<PlacedTransaction> CHAIN_ORDER = Comparator
            .comparingLong(PlacedTransaction::blockNumber).thenComparingInt(PlacedTransaction::txIndex)
            .thenComparing(PlacedTransaction::txid);

    public PlacedTransaction {
        txid = Chain.BITCOIN.canonicalTxHash(Objects.requireNonNull(txid, "txid"));
        inputs = inputs.stream().sorted(Comparator.comparingInt(Leg::index)).toList();
        outputs = outputs.stream().sorted(Comparator.comparingInt(Leg::index)).toList();
    }

    /** The sum of the spent outputs; 0 for a coinbase. */
    public long inputValue() {
        return inputs.stream().mapToLong(Leg::value).sum();
    }

    public long outputValue() {
        return outputs.stream().mapToLong(Leg::value).sum();
    }

    /** Inputs minus outputs; 0 for a coinbase (its reward is not a fee). */
    public long fee() {
        return inputs.isEmpty() ? 0 : inputValue() - outputValue();
    }

    /**
     * One input or output.
     *
     * @param index    vin or vout
     * @param outpoint the output spent (input) or created (output)
     * @param address  the payer (input) or payee (output)
     * @param value    satoshi
     */
    public record Leg(int index, OutPoint outpoint, String address, long value) {
        public Leg {
            Objects.requireNonNull(outpoint, "outpoint");
            Objects.requireNonNull(address, "address");
            if (value < 0) {
                throw new IllegalArgumentException("value must not be negative, was " + value);
            }
        }
    }
}
