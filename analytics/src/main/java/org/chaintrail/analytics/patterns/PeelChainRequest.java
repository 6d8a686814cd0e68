package org.chaintrail.analytics.patterns;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;

/**
 * What an analyst asks the peel-chain detector: where to start and what counts as a peel step.
 *
 * @param chain          the chain
 * @param asset          the asset whose transfers are walked
 * @param starts         the addresses to walk from (a trace's seeds, or any address), canonical form,
 *                       deduplicated and sorted; 1..{@value #MAX_STARTS}
 * @param remainderShare the least share of what an address sends that its largest output must carry
 *                       to be a remainder; more than 0.5 (so the remainder is unique), at most 1
 * @param minLength      the fewest peel steps a chain needs to be reported, 1..maxLength
 * @param maxLength      the most peel steps walked from one start, 1..{@value #MAX_LENGTH}
 */
public record PeelChainRequest(Chain chain, Asset asset, List<String> starts, BigDecimal remainderShare,
                               int minLength, int maxLength) {
    public static final BigDecimal DEFAULT_REMAINDER_SHARE = new BigDecimal("0.8");
    public static final int DEFAULT_MIN_LENGTH = 3;
    public static final int DEFAULT_MAX_LENGTH = 1_000;
    public static final int MAX_LENGTH = 10_000;
    public static final int MAX_STARTS = 1_000;

    /** A request with the default remainder share (80 %), minimum length (3) and maximum length. */
    public PeelChainRequest(Chain chain, Asset asset, List<String> starts) {
        this(chain, asset, starts, DEFAULT_REMAINDER_SHARE, DEFAULT_MIN_LENGTH, DEFAULT_MAX_LENGTH);
    }

    /**
     * @throws IllegalArgumentException naming the value that is out of range or not an address
     */
    public PeelChainRequest {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(remainderShare, "remainderShare");
        if (!asset.chain().equals(chain)) {
            throw new IllegalArgumentException("asset is on " + asset.chain().id() + ", the request is on " + chain.id());
        }
        if (starts == null || starts.isEmpty()) {
            throw new IllegalArgumentException("at least one start address is needed");
        }
        if (starts.size() > MAX_STARTS) {
            throw new IllegalArgumentException("at most " + MAX_STARTS + " start addresses, was " + starts.size());
        }
        starts = starts.stream().map(chain::canonicalAddress).distinct().sorted().toList();
        if (remainderShare.compareTo(new BigDecimal("0.5")) <= 0 || remainderShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("remainder share must be more than 0.5 and at most 1, was "
                    + remainderShare.toPlainString());
        }
        if (maxLength < 1 || maxLength > MAX_LENGTH) {
            throw new IllegalArgumentException("max length must be 1.." + MAX_LENGTH + ", was " + maxLength);
        }
        if (minLength < 1 || minLength > maxLength) {
            throw new IllegalArgumentException("min length must be 1.." + maxLength + " (the max length), was " + minLength);
        }
    }
}
