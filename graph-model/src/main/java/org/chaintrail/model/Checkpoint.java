package org.chaintrail.model;

import java.util.Objects;

/**
 * How far a live ingest of one chain has come: the last block stored in full, and its hash. It is
 * written in the same transaction as that block's transfers, so a crash at any moment leaves a
 * checkpoint that tells exactly where to resume, and its hash tells whether the chain has since
 * reorganised under it.
 *
 * @param chain  the chain
 * @param number the last block stored
 * @param hash   that block's hash, canonical form
 */
public record Checkpoint(Chain chain, long number, String hash) {
    public Checkpoint {
        Objects.requireNonNull(chain, "chain");
        hash = chain.canonicalTxHash(hash);
        if (number < 0) {
            throw new IllegalArgumentException("block number must not be negative, was " + number);
        }
    }

    public static Checkpoint of(Block block) {
        return new Checkpoint(block.chain(), block.number(), block.hash());
    }
}
