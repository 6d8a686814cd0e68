package org.chaintrail.model;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * An address as an analyst first sees it: who it is and what it moved.
 *
 * @param chain       the chain
 * @param address     canonical form
 * @param attribution labels and entity
 * @param totals      per asset, ordered native coin first, then by contract
 * @param firstSeen   timestamp of its first transfer, seconds since the epoch
 * @param lastSeen    timestamp of its last transfer
 */
public record AddressSummary(Chain chain, String address, Attribution attribution, List<AssetTotals> totals,
                             long firstSeen, long lastSeen) {
    public AddressSummary {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(attribution, "attribution");
        totals = List.copyOf(totals);
    }

    /**
     * What one address received and sent of one asset.
     *
     * @param asset        the asset
     * @param received     base units received
     * @param sent         base units sent
     * @param transfersIn  number of transfers received
     * @param transfersOut number of transfers sent
     */
    public record AssetTotals(Asset asset, BigInteger received, BigInteger sent, long transfersIn, long transfersOut) {
    }
}
