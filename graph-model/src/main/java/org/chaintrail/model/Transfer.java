package org.chaintrail.model;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.Objects;

/**
 * One value movement on an account chain: {@code amount} base units of one asset from one address
 * to another, at an exact place in the chain.
 *
 * @param chain       the chain
 * @param txHash      the transaction hash, canonical form
 * @param blockNumber the block
 * @param txIndex     the transaction's index in its block
 * @param logIndex    the log index of a token transfer; {@link #NATIVE_LOG_INDEX} for the
 *                    transaction's own native value, which moves before any of its logs;
 *                    {@link #internalIndex(int)} for native value moved by a contract call inside
 *                    the transaction (an internal transfer, from a node's call traces)
 * @param timestamp   the block time, seconds since the epoch
 * @param from        the payer, canonical form
 * @param to          the payee, canonical form
 * @param assetKey    the token contract, or {@link Asset#NATIVE}
 * @param amount      base units, never negative
 */
public record Transfer(Chain chain, String txHash, long blockNumber, int txIndex, int logIndex,
                       long timestamp, String from, String to, String assetKey, BigInteger amount) {

    public static final int NATIVE_LOG_INDEX = -1;

    /**
     * Where internal transfers start in the log-index order. Far above any real log index, so a
     * transaction's internal transfers sort after its own value and its logs: a contract can only
     * pass on value it has received, and that order keeps FIFO matching honest.
     */
    public static final int INTERNAL_BASE = 1 << 24;

    /** The log-index slot of the {@code k}-th (0-based, call order) internal transfer of a transaction. */
    public static int internalIndex(int k) {
        if (k < 0 || k >= INTERNAL_BASE) {
            throw new IllegalArgumentException("internal transfer number out of range: " + k);
        }
        return INTERNAL_BASE + k;
    }

    /** Chain order: block, then transaction, then log. The order every tracer walks. */
    public static final Comparator<Transfer> CHAIN_ORDER = Comparator
            .comparingLong(Transfer::blockNumber)
            .thenComparingInt(Transfer::txIndex)
            .thenComparingInt(Transfer::logIndex)
            .thenComparing(Transfer::txHash);

    public Transfer {
        Objects.requireNonNull(chain, "chain");
        txHash = chain.canonicalTxHash(txHash);
        from = chain.canonicalAddress(from);
        to = chain.canonicalAddress(to);
        Objects.requireNonNull(assetKey, "assetKey");
        if (!assetKey.equals(Asset.NATIVE)) {
            assetKey = chain.canonicalAddress(assetKey);
        }
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative, was " + amount);
        }
        if (blockNumber < 0) {
            throw new IllegalArgumentException("block number must not be negative, was " + blockNumber);
        }
        if (logIndex < NATIVE_LOG_INDEX) {
            throw new IllegalArgumentException("log index must be -1 (native) or more, was " + logIndex);
        }
    }

    /** The natural key: unique per chain, stable across imports, so re-imports merge. */
    public String id() {
        String place = logIndex == NATIVE_LOG_INDEX ? "native"
                : isInternal() ? "call" + (logIndex - INTERNAL_BASE) : "log" + logIndex;
        return chain.id() + ":" + txHash + ":" + place;
    }

    /** Whether a contract call inside the transaction moved this value (not the transaction itself). */
    public boolean isInternal() {
        return logIndex >= INTERNAL_BASE;
    }

    public boolean isNative() {
        return assetKey.equals(Asset.NATIVE);
    }
}
