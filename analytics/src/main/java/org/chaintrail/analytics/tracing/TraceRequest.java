package org.chaintrail.analytics.tracing;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
 */
public record TraceRequest(Chain chain, List<String> seeds, Asset asset, Direction direction, TaintModel model,
                           int maxHops, Window window, BigInteger minAmount, Set<String> stopAt) {
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
    }

    private static Set<String> defaultStopAt() {
        Set<String> categories = new TreeSet<>(Arrays.stream(ServiceCategory.values()).map(ServiceCategory::concept).toList());
        categories.add(SANCTION);
        return java.util.Collections.unmodifiableSet(categories);
    }
}
