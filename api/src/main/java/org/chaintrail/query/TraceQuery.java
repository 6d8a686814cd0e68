package org.chaintrail.query;

import static org.chaintrail.query.InvalidFieldException.check;

import java.util.ArrayList;
import java.util.List;
import org.chaintrail.analytics.tracing.AssetResolver;
import org.chaintrail.analytics.tracing.Direction;
import org.chaintrail.analytics.tracing.TaintModel;
import org.chaintrail.analytics.tracing.TaintTracer;
import org.chaintrail.analytics.tracing.TraceRequest;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;

/**
 * A trace as the CLI and the API receive it: text, unchecked. Validation names the field at fault.
 *
 * @param chain     chain id
 * @param seeds     seed addresses
 * @param asset     symbol, contract, or the native coin's symbol
 * @param direction direction
 * @param model     taint model
 * @param maxHops   hop limit
 */
public record TraceQuery(String chain, List<String> seeds, String asset, String direction, String model,
                         Integer maxHops) {
    public static final String DEFAULT_ASSET = "USDT";

    /**
     * Validates every field and runs the trace.
     *
     * @throws InvalidFieldException naming the first field that is wrong
     */
    public TraceResult run(GraphStore store) {
        Chain c = check("chain", () -> Chain.of(require(chain, "chain")));
        if (seeds == null || seeds.isEmpty()) {
            throw new InvalidFieldException("seeds", "at least one seed address is needed");
        }
        if (seeds.size() > 1_000) {
            throw new InvalidFieldException("seeds", "at most 1000 seeds, was " + seeds.size());
        }
        List<String> canonical = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            String seed = seeds.get(i);
            canonical.add(check("seeds[" + i + "]", () -> c.canonicalAddress(seed)));
        }
        Direction d = check("direction", () -> Direction.of(direction == null ? "forward" : direction));
        TaintModel m = check("model", () -> TaintModel.of(model == null ? "haircut" : model));
        int hops = maxHops == null ? TraceRequest.DEFAULT_MAX_HOPS : maxHops;
        if (hops < 1 || hops > TraceRequest.MAX_HOPS) {
            throw new InvalidFieldException("maxHops", "must be 1.." + TraceRequest.MAX_HOPS + ", was " + hops);
        }
        Asset a = check("asset", () -> new AssetResolver(store).resolve(c, asset == null ? DEFAULT_ASSET : asset));
        return new TaintTracer(store, new TraceRequest(c, canonical, a, d, m, hops)).trace();
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required");
        }
        return value;
    }
}
