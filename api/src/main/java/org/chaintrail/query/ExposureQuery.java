package org.chaintrail.query;

import static org.chaintrail.query.InvalidFieldException.check;

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
        int hops = limits.hops(maxHops, DEFAULT_MAX_HOPS);
        return store.readTogether(() -> {
            // Every field is checked before the graph is asked: a bad maxHops is a 400 even for an unknown address.
            return new ExposureAnalyzer(store, c, canonical, asset(store, c, asset), hops).analyze();
        });
    }

    /** The asset by symbol or contract, USDT when absent. */
    static Asset asset(GraphStore store, Chain c, String asset) {
        return check("asset", () -> new AssetResolver(store).resolve(c, asset == null ? TraceQuery.DEFAULT_ASSET : asset));
    }

    static void requireAccountChain(Chain c) {
        if (c.isUtxo()) {
            // Direct counterparties need a rule for many-input, many-output transactions first.
            throw new InvalidFieldException("chain", "exposure is scored on account chains so far; on " + c.id()
                    + ", trace the address backward (trace --chain " + c.id() + " --direction backward)");
        }
    }
}
