package org.chaintrail.model;

import java.util.Objects;

/**
 * One output of a transaction: value locked to a script.
 *
 * @param index   the output's position in its transaction (vout)
 * @param value   satoshi, exact
 * @param type    the script's kind
 * @param address the standard address of the script, canonical form; for scripts without one
 *                (bare multisig, non-standard, {@code OP_RETURN}) the stable script identifier of
 *                {@link BitcoinAddress#scriptId}
 */
public record UtxoOutput(int index, long value, ScriptType type, String address) {
    public UtxoOutput {
        Objects.requireNonNull(type, "type");
        address = Chain.BITCOIN.canonicalAddress(Objects.requireNonNull(address, "address"));
        if (index < 0) {
            throw new IllegalArgumentException("output index must not be negative, was " + index);
        }
        if (value < 0 || value > BitcoinAddress.MAX_SATOSHI) {
            throw new IllegalArgumentException("output value must be 0.." + BitcoinAddress.MAX_SATOSHI
                    + " satoshi, was " + value);
        }
    }
}
