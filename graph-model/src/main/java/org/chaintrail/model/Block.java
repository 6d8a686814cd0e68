package org.chaintrail.model;

import java.util.Objects;

/**
 * A block as stored: enough to anchor evidence (number, hash) and to time transfers.
 *
 * @param chain     the chain
 * @param number    the height
 * @param hash      the block hash, canonical form
 * @param timestamp seconds since the epoch
 */
public record Block(Chain chain, long number, String hash, long timestamp) {
    public Block {
        Objects.requireNonNull(chain, "chain");
        hash = chain.canonicalTxHash(hash);
        if (number < 0) {
            throw new IllegalArgumentException("block number must not be negative, was " + number);
        }
    }
}
