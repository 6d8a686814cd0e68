package org.chaintrail.analytics.tracing;

import java.util.List;
import java.util.Objects;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;

/**
 * What an analyst asks a trace for.
 *
 * @param chain     the chain
 * @param seeds     the addresses under investigation, canonical form, at least one
 * @param asset     the asset whose transfers are followed
 * @param direction forward (where the money went)
 * @param model     how taint divides at each address
 * @param maxHops   transfers from the nearest seed beyond which taint is not followed, 1..{@value #MAX_HOPS}
 */
public record TraceRequest(Chain chain, List<String> seeds, Asset asset, Direction direction, TaintModel model,
                           int maxHops) {
    public static final int DEFAULT_MAX_HOPS = 10;
    public static final int MAX_HOPS = 50;

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
    }
}
