package org.chaintrail.model;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A Bitcoin transaction as stored: whole outputs spent by its inputs, new outputs created.
 *
 * @param txid     64 lower-case hex digits, display order
 * @param index    position in the block
 * @param coinbase whether it is the block's coinbase, whose one input spends nothing
 * @param inputs   the inputs, in order; empty for a coinbase
 * @param outputs  the outputs, in order
 * @param size     serialized size in bytes, witness included
 * @param vsize    virtual size (weight / 4, rounded up)
 */
public record UtxoTransaction(String txid, int index, boolean coinbase, List<UtxoInput> inputs,
                              List<UtxoOutput> outputs, int size, int vsize) {
    public UtxoTransaction {
        txid = Chain.BITCOIN.canonicalTxHash(Objects.requireNonNull(txid, "txid"));
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        if (coinbase && !inputs.isEmpty()) {
            throw new IllegalArgumentException("coinbase " + txid + " must list no spending inputs");
        }
        if (!coinbase && inputs.isEmpty()) {
            throw new IllegalArgumentException("transaction " + txid + " has no inputs");
        }
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i).index() != i) {
                throw new IllegalArgumentException("transaction " + txid + ": output " + i + " has index "
                        + outputs.get(i).index());
            }
        }
    }

    /** Whether every input's spent output is known, so that the fee can be computed. */
    public boolean resolved() {
        return inputs.stream().allMatch(i -> i.prevout().isPresent());
    }

    public long outputValue() {
        return outputs.stream().mapToLong(UtxoOutput::value).sum();
    }

    /** The sum of the spent outputs, when all are known; 0 for a coinbase. */
    public OptionalLong inputValue() {
        if (!resolved()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(inputs.stream().mapToLong(i -> i.prevout().orElseThrow().value()).sum());
    }

    /** Inputs minus outputs, when all inputs are known; 0 for a coinbase (its reward is not a fee). */
    public OptionalLong fee() {
        if (coinbase) {
            return OptionalLong.of(0);
        }
        OptionalLong in = inputValue();
        return in.isPresent() ? OptionalLong.of(in.getAsLong() - outputValue()) : OptionalLong.empty();
    }
}
