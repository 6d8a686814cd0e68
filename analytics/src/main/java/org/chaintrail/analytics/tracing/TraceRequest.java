package org.chaintrail.analytics.tracing;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;
import org.chaintrail.model.ServiceCategory;

/**
 * What an analyst asks a trace for.
 *
 * @param chain     the chain
 * @param seeds     the addresses under investigation, canonical form, at least one
 * @param asset     the asset whose transfers are followed
 * @param direction forward (where the money went)
 * @param model     how taint divides at each address
 * @param maxHops   transfers from the nearest seed beyond which taint is not followed, 1..{@value #MAX_HOPS}
 * @param window    the blocks or times whose transfers are followed
 * @param minAmount base units below which a transfer is dust and not followed
 * @param stopAt    categories whose addresses are terminals; {@value #SANCTION} stands for sanctioned parties
 * @param asOfBlock the chain's last block the trace reads: later blocks count as not stored yet, as when
 *                  a saved trace is re-run on its data snapshot. Unlike the window's end, which follows
 *                  no transfer after it but still counts what they carried (cut by window) and lets them
 *                  move balances, later blocks here do not exist for the trace. {@link Long#MAX_VALUE}
 *                  reads every block
 */
public record TraceRequest(Chain chain, List<String> seeds, Asset asset, Direction direction, TaintModel model,
                           int maxHops, Window window, BigInteger minAmount, Set<String> stopAt, long asOfBlock) {
    public static final int DEFAULT_MAX_HOPS = 10;
    public static final int MAX_HOPS = 50;
    /** The stop category of addresses whose abuse is {@code sanction}. */
    public static final String SANCTION = org.chaintrail.model.Attribution.SANCTION;
    /** DESIGN.md's terminals: every service category, and sanctioned parties. */
    public static final Set<String> DEFAULT_STOP_AT = defaultStopAt();

    /** A trace of the whole chain with no dust limit, stopping at DESIGN.md's terminals. */
    public TraceRequest(Chain chain, List<String> seeds, Asset asset, Direction direction, TaintModel model,
                        int maxHops) {
        this(chain, seeds, asset, direction, model, maxHops, Window.ALL, BigInteger.ZERO, DEFAULT_STOP_AT);
    }

    /** A trace that reads every stored block. */
    public TraceRequest(Chain chain, List<String> seeds, Asset asset, Direction direction, TaintModel model,
                        int maxHops, Window window, BigInteger minAmount, Set<String> stopAt) {
        this(chain, seeds, asset, direction, model, maxHops, window, minAmount, stopAt, Long.MAX_VALUE);
    }

    public TraceRequest {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(model, "model");
        if (seeds == null || seeds.isEmpty()) {
            throw new IllegalArgumentException("at least one seed address is needed");
        }
        seeds = seeds.stream().map(chain::canonicalAddress).distinct().sorted().toList();
        if (!asset.chain().equals(chain)) {
            throw new IllegalArgumentException("asset is on " + asset.chain().id() + ", trace is on " + chain.id());
        }
        if (maxHops < 1 || maxHops > MAX_HOPS) {
            throw new IllegalArgumentException("max hops must be 1.." + MAX_HOPS + ", was " + maxHops);
        }
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(minAmount, "minAmount");
        if (minAmount.signum() < 0) {
            throw new IllegalArgumentException("min amount must not be negative, was " + minAmount);
        }
        stopAt = java.util.Collections.unmodifiableSet(new TreeSet<>(stopAt));
        if (asOfBlock < 0) {
            throw new IllegalArgumentException("as-of block must not be negative, was " + asOfBlock);
        }
    }

    /** The same trace on the chain's blocks up to {@code block} only. */
    public TraceRequest asOf(long block) {
        return new TraceRequest(chain, seeds, asset, direction, model, maxHops, window, minAmount, stopAt, block);
    }

    /** Whether the trace reads a block: it is not after {@link #asOfBlock}. */
    public boolean reads(long blockNumber) {
        return blockNumber <= asOfBlock;
    }

    /** The data snapshot a result reports: the last blocks stored, this chain's no later than {@link #asOfBlock}. */
    public Map<String, Long> snapshot(Map<String, Long> lastBlocks) {
        Map<String, Long> snapshot = new TreeMap<>(lastBlocks);
        snapshot.computeIfPresent(chain.id(), (id, last) -> Math.min(last, asOfBlock));
        return snapshot;
    }

    private static Set<String> defaultStopAt() {
        Set<String> categories = new TreeSet<>(Arrays.stream(ServiceCategory.values()).map(ServiceCategory::concept).toList());
        categories.add(SANCTION);
        return java.util.Collections.unmodifiableSet(categories);
    }
}
