package org.chaintrail.model;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.Objects;

/**
 * An ERC-20 (or TRC-20) {@code Approval(owner, spender, value)} event: {@code owner} lets
 * {@code spender} move up to {@code amount} base units of its {@code token} with
 * {@code transferFrom}. It moves no value; it is evidence of who trusts whom with their tokens.
 *
 * @param chain       the chain
 * @param txHash      the transaction that emitted it, canonical form
 * @param blockNumber the block
 * @param txIndex     the transaction's index in its block, −1 when the source does not give it
 * @param logIndex    the event's log index in its block
 * @param token       the token contract that emitted it, canonical form
 * @param owner       whose tokens, canonical form
 * @param spender     who may move them, canonical form
 * @param amount      the allowance now set, base units (0 revokes; 2^256−1 is the usual "unlimited")
 */
public record Approval(Chain chain, String txHash, long blockNumber, int txIndex, int logIndex, String token,
                       String owner, String spender, BigInteger amount) {

    /** Chain order: block, transaction, log. */
    public static final Comparator<Approval> CHAIN_ORDER = Comparator.comparingLong(Approval::blockNumber)
            .thenComparingInt(Approval::txIndex)
            .thenComparingInt(Approval::logIndex)
            .thenComparing(Approval::txHash);

    public Approval {
        Objects.requireNonNull(chain, "chain");
        txHash = chain.canonicalTxHash(txHash);
        token = chain.canonicalAddress(token);
        owner = chain.canonicalAddress(owner);
        spender = chain.canonicalAddress(spender);
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative, was " + amount);
        }
        if (blockNumber < 0) {
            throw new IllegalArgumentException("block number must not be negative, was " + blockNumber);
        }
        if (logIndex < 0) {
            throw new IllegalArgumentException("log index must not be negative, was " + logIndex);
        }
        if (txIndex < -1) {
            throw new IllegalArgumentException("transaction index must be -1 (unknown) or more, was " + txIndex);
        }
    }

    /** The natural key, the form of a token transfer's ({@code chain:txHash:logN}): re-imports merge. */
    public String id() {
        return chain.id() + ":" + txHash + ":log" + logIndex;
    }
}
