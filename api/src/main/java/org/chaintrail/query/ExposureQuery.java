package org.chaintrail.query;

import static org.chaintrail.query.InvalidFieldException.check;

import java.util.List;
import java.util.Optional;
import org.chaintrail.analytics.exposure.Exposure;
import org.chaintrail.analytics.exposure.ExposureAnalyzer;
import org.chaintrail.analytics.tracing.AssetResolver;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;

/**
 * An exposure question as the CLI and the API receive it.
 *
 * @param chain   chain id
 * @param address the address
 * @param asset   symbol or contract (default USDT)
 * @param maxHops how far back indirect exposure looks (default {@value #DEFAULT_MAX_HOPS})
 */
public record ExposureQuery(String chain, String address, String asset, Integer maxHops) {
    public static final int DEFAULT_MAX_HOPS = 5;

    /**
     * Within the command line's limits.
     *
     * @return the exposure, or empty if the graph has never seen the address
     * @throws InvalidFieldException naming the field at fault
     */
    public Optional<Exposure> run(GraphStore store) {
        return run(store, QueryLimits.COMMAND_LINE);
    }

    /**
     * @param limits the largest hop limit it may ask for
     * @return the exposure, or empty if the graph has never seen the address
     * @throws InvalidFieldException naming the field at fault
     */
    public Optional<Exposure> run(GraphStore store, QueryLimits limits) {
        Chain c = check("chain", () -> Chain.of(chain));
        requireAccountChain(c);
        String canonical = check("address", () -> c.canonicalAddress(address));
        if (store.attributions(c, List.of(canonical)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(analyzer(store, c, canonical, asset, limits.hops(maxHops, DEFAULT_MAX_HOPS)).analyze());
    }

    static ExposureAnalyzer analyzer(GraphStore store, Chain c, String canonical, String asset, int hops) {
        requireAccountChain(c);
        Asset a = check("asset", () -> new AssetResolver(store).resolve(c, asset == null ? TraceQuery.DEFAULT_ASSET : asset));
        return new ExposureAnalyzer(store, c, canonical, a, hops);
    }

    static void requireAccountChain(Chain c) {
        if (c.isUtxo()) {
            // Direct counterparties need a rule for many-input, many-output transactions first.
            throw new InvalidFieldException("chain", "exposure is scored on account chains so far; on " + c.id()
                    + ", trace the address backward (trace --chain " + c.id() + " --direction backward)");
        }
    }
}
