package org.chaintrail.ingest.bitcoin;

import java.util.List;

/**
 * A transaction as serialized in a block.
 *
 * @param txid     double SHA-256 of the serialization without witness, display order
 * @param wtxid    double SHA-256 of the full serialization; equal to the txid without witness
 * @param version  the version field
 * @param inputs   the inputs, in order
 * @param outputs  the outputs, in order
 * @param lockTime the lock time
 * @param size     serialized bytes, witness included
 * @param vsize    virtual size: weight / 4 rounded up, weight being 3 × the size without witness
 *                 plus the full size
 */
public record RawTransaction(String txid, String wtxid, int version, List<Input> inputs, List<Output> outputs,
                             long lockTime, int size, int vsize) {
    private static final long NO_OUTPUT = 0xffffffffL;

    public RawTransaction {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** Whether this is a coinbase: one input spending nothing (a zero txid and output 0xffffffff). */
    public boolean coinbase() {
        return inputs.size() == 1 && inputs.get(0).vout() == NO_OUTPUT
                && inputs.get(0).prevTxid().equals(BlockHeader.NO_PARENT);
    }

    /** Whether the transaction was serialized with witness data (BIP144). */
    public boolean segwit() {
        return !txid.equals(wtxid);
    }

    /**
     * One input.
     *
     * @param prevTxid  the spent transaction, display order
     * @param vout      the spent output's index, unsigned 32 bits
     * @param scriptSig the unlocking script
     * @param sequence  the sequence field, unsigned 32 bits
     * @param witness   how many witness items the input carries
     */
    public record Input(String prevTxid, long vout, byte[] scriptSig, long sequence, int witness) {
    }

    /**
     * One output.
     *
     * @param value        satoshi, as serialized (a signed 64-bit field)
     * @param scriptPubKey the locking script
     */
    public record Output(long value, byte[] scriptPubKey) {
    }
}
