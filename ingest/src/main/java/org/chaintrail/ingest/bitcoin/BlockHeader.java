package org.chaintrail.ingest.bitcoin;

/**
 * The 80-byte header of a block, its hashes in display order (byte-reversed lower-case hex).
 *
 * @param hash       the block's hash: double SHA-256 of the 80 bytes
 * @param version    the version field (signed, as Core shows it)
 * @param prevHash   the parent's hash; 64 zeros for the genesis block
 * @param merkleRoot the root of the transactions' Merkle tree
 * @param time       seconds since the epoch, as the miner stated it
 * @param bits       the compact difficulty target
 * @param nonce      the nonce
 */
public record BlockHeader(String hash, int version, String prevHash, String merkleRoot, long time, long bits,
                          long nonce) {
    /** The size of a serialized header. */
    public static final int SIZE = 80;

    /** The parent hash of the genesis block. */
    public static final String NO_PARENT = "0".repeat(64);
}
