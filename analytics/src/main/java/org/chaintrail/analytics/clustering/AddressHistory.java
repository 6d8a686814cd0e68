package org.chaintrail.analytics.clustering;

/**
 * What the chain showed of addresses before the transaction being examined: the one-time change
 * heuristic asks it whether an output's address is new.
 */
@FunctionalInterface
public interface AddressHistory {
    /** A history that has seen nothing: every address is new. */
    AddressHistory EMPTY = address -> false;

    /**
     * Whether the address appeared, as an input or an output, in a transaction earlier in chain
     * order than the one being examined.
     *
     * @param address a dense address id, 0 or more
     */
    boolean seenBefore(int address);
}
