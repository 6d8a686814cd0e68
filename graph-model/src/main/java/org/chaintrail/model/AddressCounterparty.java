package org.chaintrail.model;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What one address paid another, or was paid by it, in one asset: the transfers summed, with the
 * first and the last of them, so that the figure can be checked against the chain.
 *
 * @param address   the counterparty, canonical form
 * @param direction {@code out}: the address paid the counterparty; {@code in}: the counterparty paid it
 * @param assetKey  token contract or {@link Asset#NATIVE}
 * @param amount    base units, summed
 * @param transfers how many transfers the amount sums
 * @param first     the earliest of them in chain order
 * @param last      the latest of them in chain order
 */
public record AddressCounterparty(String address, FlowDirection direction, String assetKey, BigInteger amount,
                                  long transfers, Sighting first, Sighting last) {
    public AddressCounterparty {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(assetKey, "assetKey");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
    }

    /**
     * Where a transfer sits in the chain.
     *
     * @param txHash      transaction hash (txid on Bitcoin)
     * @param blockNumber its block
     * @param timestamp   the block time, seconds since the epoch
     */
    public record Sighting(String txHash, long blockNumber, long timestamp) {
    }
}
