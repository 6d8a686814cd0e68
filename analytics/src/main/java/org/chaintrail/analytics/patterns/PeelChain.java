package org.chaintrail.analytics.patterns;

import java.util.List;

/**
 * One peel chain: a run of addresses each of which sent a small piece (the peel) somewhere and the
 * large rest (the remainder) on to a fresh address, which did the same. Amounts are exact token
 * units with their base units beside them.
 *
 * @param addresses           every address the remainder passed through, from the start to where
 *                            the chain ends; {@code length + 1} of them
 * @param length              the number of peel steps (hops)
 * @param totalPeeled         the sum of all peels, token units
 * @param totalPeeledBaseUnits the same in base units
 * @param hops                the peel steps, in order
 * @param destinations        where the peels went, by recipient entity (unattributed recipients
 *                            together), largest first
 * @param end                 where the chain ends and why
 * @param peelSizes           the distribution of the peels' amounts, token units
 * @param hopIntervalsSeconds the distribution of the seconds between consecutive remainder transfers
 */
public record PeelChain(List<String> addresses, int length, String totalPeeled, String totalPeeledBaseUnits,
                        List<Hop> hops, List<Destination> destinations, End end, Distribution peelSizes,
                        Distribution hopIntervalsSeconds) {
    public PeelChain {
        addresses = List.copyOf(addresses);
        hops = List.copyOf(hops);
        destinations = List.copyOf(destinations);
    }

    /** The address the chain was found from. */
    public String start() {
        return addresses.get(0);
    }

    /** Every peel of the chain, in chain order. */
    public List<Movement> allPeels() {
        return hops.stream().flatMap(h -> h.peels().stream()).toList();
    }

    /**
     * One peel step.
     *
     * @param hop            1 for the start address
     * @param address        the address that peeled
     * @param sent           everything it sent after receiving the remainder (for the start: ever), token units
     * @param sentBaseUnits  the same in base units
     * @param peels          its outputs other than the remainder, in chain order
     * @param remainder      the output that carried the rest on to the next address
     * @param remainderShare remainder / sent, 6 decimals
     */
    public record Hop(int hop, String address, String sent, String sentBaseUnits, List<Movement> peels,
                      Movement remainder, String remainderShare) {
        public Hop {
            peels = List.copyOf(peels);
        }
    }

    /**
     * Peels that reached one entity, or unattributed addresses.
     *
     * @param entity    the entity's name, or null for unattributed recipients
     * @param category  its category, or null
     * @param amount    the peels' sum, token units
     * @param baseUnits the same in base units
     * @param peels     the number of peels
     * @param addresses the recipient addresses, sorted
     */
    public record Destination(String entity, String category, String amount, String baseUnits, int peels,
                              List<String> addresses) {
        public Destination {
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * Where a chain ends.
     *
     * @param reason        why no further peel step follows
     * @param detail        the reason in words, with the figures behind it
     * @param address       the last address of the chain
     * @param transfers     what that address sent after receiving the remainder (up to ten, chain
     *                      order); empty when it is a service or the length limit stopped the walk
     * @param transferCount how many transfers it sent in all
     */
    public record End(EndReason reason, String detail, String address, List<Movement> transfers, int transferCount) {
        public End {
            transfers = List.copyOf(transfers);
        }
    }

    /** Why a chain ends: the first rule of a peel step the last address does not meet. */
    public enum EndReason {
        /** It sent nothing of the asset after receiving: it still holds the remainder. */
        HOLDING,
        /** It sent everything on in one transfer: no peel. */
        SINGLE_OUTPUT,
        /** No output carries the remainder share of what it sent (a 50/50 split, say). */
        NO_DOMINANT_OUTPUT,
        /** Its largest output went to an address that had moved the asset before. */
        REMAINDER_NOT_FRESH,
        /** It is a service (exchange, mixer, ...): funds inside are pooled, so the chain ends there. */
        SERVICE,
        /** The walk reached the maximum length. */
        MAX_LENGTH
    }
}
