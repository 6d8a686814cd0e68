package org.chaintrail.analytics.patterns;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;

/**
 * What an analyst asks the victim fan-in detector: which wallets to judge, and the thresholds.
 *
 * @param chain                     the chain
 * @param asset                     the asset whose payments are examined
 * @param candidates                wallets to judge, canonical form, deduplicated and sorted;
 *                                  0..{@value #MAX_CANDIDATES} (none is fine with {@code scan})
 * @param scan                      also judge every address of the chain that has at least
 *                                  {@code minPayers} distinct payers of the asset
 * @param minPayers                 the fewest distinct payers a flagged wallet has, 2 or more
 * @param firstTimeShare            the least share of those payers that must be first-time payers, 0..1
 * @param consolidationShare        the least share of what the wallet received that must leave it
 *                                  in at most {@code maxConsolidationTransfers} transfers to
 *                                  non-payers, more than 0, at most 1
 * @param maxConsolidationTransfers how many outgoing transfers may carry the consolidation,
 *                                  1..{@value #MAX_CONSOLIDATION_TRANSFERS}
 * @param scanLimit                 the most wallets a scan judges (those with most payers first),
 *                                  1..{@value #MAX_SCAN_LIMIT}
 */
public record VictimFanInRequest(Chain chain, Asset asset, List<String> candidates, boolean scan, int minPayers,
                                 BigDecimal firstTimeShare, BigDecimal consolidationShare,
                                 int maxConsolidationTransfers, int scanLimit) {
    public static final int DEFAULT_MIN_PAYERS = 5;
    public static final BigDecimal DEFAULT_FIRST_TIME_SHARE = new BigDecimal("0.6");
    public static final BigDecimal DEFAULT_CONSOLIDATION_SHARE = new BigDecimal("0.8");
    public static final int DEFAULT_MAX_CONSOLIDATION_TRANSFERS = 3;
    public static final int MAX_CONSOLIDATION_TRANSFERS = 1_000;
    public static final int DEFAULT_SCAN_LIMIT = 1_000;
    public static final int MAX_SCAN_LIMIT = 100_000;
    public static final int MAX_CANDIDATES = 1_000;

    /** A request with the default thresholds: 5 payers, 60 % first-time, 80 % out in at most 3 transfers. */
    public VictimFanInRequest(Chain chain, Asset asset, List<String> candidates, boolean scan) {
        this(chain, asset, candidates, scan, DEFAULT_MIN_PAYERS, DEFAULT_FIRST_TIME_SHARE, DEFAULT_CONSOLIDATION_SHARE,
                DEFAULT_MAX_CONSOLIDATION_TRANSFERS, DEFAULT_SCAN_LIMIT);
    }

    /**
     * @throws IllegalArgumentException naming the value that is out of range or not an address
     */
    public VictimFanInRequest {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(firstTimeShare, "firstTimeShare");
        Objects.requireNonNull(consolidationShare, "consolidationShare");
        if (!asset.chain().equals(chain)) {
            throw new IllegalArgumentException("asset is on " + asset.chain().id() + ", the request is on " + chain.id());
        }
        candidates = candidates == null ? List.of() : candidates.stream().map(chain::canonicalAddress).distinct().sorted().toList();
        if (candidates.isEmpty() && !scan) {
            throw new IllegalArgumentException("give candidate wallets, or ask for a scan of the chain");
        }
        if (candidates.size() > MAX_CANDIDATES) {
            throw new IllegalArgumentException("at most " + MAX_CANDIDATES + " candidate wallets, was " + candidates.size());
        }
        if (minPayers < 2) {
            throw new IllegalArgumentException("min payers must be 2 or more, was " + minPayers);
        }
        if (firstTimeShare.signum() < 0 || firstTimeShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("first-time share must be 0..1, was " + firstTimeShare.toPlainString());
        }
        if (consolidationShare.signum() <= 0 || consolidationShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("consolidation share must be more than 0 and at most 1, was "
                    + consolidationShare.toPlainString());
        }
        if (maxConsolidationTransfers < 1 || maxConsolidationTransfers > MAX_CONSOLIDATION_TRANSFERS) {
            throw new IllegalArgumentException("max consolidation transfers must be 1.." + MAX_CONSOLIDATION_TRANSFERS
                    + ", was " + maxConsolidationTransfers);
        }
        if (scanLimit < 1 || scanLimit > MAX_SCAN_LIMIT) {
            throw new IllegalArgumentException("scan limit must be 1.." + MAX_SCAN_LIMIT + ", was " + scanLimit);
        }
    }
}
