package org.chaintrail.query;

import static org.chaintrail.query.InvalidFieldException.check;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.chaintrail.analytics.tracing.AssetResolver;
import org.chaintrail.analytics.tracing.Direction;
import org.chaintrail.analytics.tracing.TaintModel;
import org.chaintrail.analytics.tracing.TaintTracer;
import org.chaintrail.analytics.tracing.TimeBudget;
import org.chaintrail.analytics.tracing.TraceRequest;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.analytics.tracing.UtxoTaintTracer;
import org.chaintrail.analytics.tracing.Window;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Amounts;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;

/**
 * A trace as the CLI and the API receive it: text, unchecked. Validation names the field at fault.
 * Absent (null) fields take the defaults of {@link TraceRequest}.
 *
 * @param chain     chain id
 * @param seeds     seed addresses
 * @param asset     symbol, contract, or the native coin's symbol (on a UTXO chain only the latter; absent means it)
 * @param direction forward or backward
 * @param model     taint model
 * @param maxHops   hop limit
 * @param since     first block number or ISO-8601 time followed
 * @param until     last block number or ISO-8601 time followed
 * @param minAmount dust limit in token units ("0.01")
 * @param stopAt    categories whose addresses end the trail
 */
public record TraceQuery(String chain, List<String> seeds, String asset, String direction, String model,
                         Integer maxHops, String since, String until, String minAmount, List<String> stopAt) {
    public static final String DEFAULT_ASSET = "USDT";

    /** A query with DESIGN.md's defaults for the window, dust limit and stop categories. */
    public TraceQuery(String chain, List<String> seeds, String asset, String direction, String model, Integer maxHops) {
        this(chain, seeds, asset, direction, model, maxHops, null, null, null, null);
    }

    /**
     * Validates every field into a request, within the command line's limits.
     *
     * @throws InvalidFieldException naming the first field that is wrong
     */
    public TraceRequest toRequest(GraphStore store) {
        return toRequest(store, QueryLimits.COMMAND_LINE);
    }

    /**
     * Validates every field into a request.
     *
     * @param limits how many seeds and hops it may ask for
     * @throws InvalidFieldException naming the first field that is wrong
     */
    public TraceRequest toRequest(GraphStore store, QueryLimits limits) {
        Chain c = check("chain", () -> Chain.of(require(chain, "chain")));
        if (seeds == null || seeds.isEmpty()) {
            throw new InvalidFieldException("seeds", "at least one seed address is needed");
        }
        if (seeds.size() > limits.maxSeeds()) {
            throw new InvalidFieldException("seeds", "at most " + limits.maxSeeds() + " seeds, was " + seeds.size());
        }
        List<String> canonical = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            String seed = seeds.get(i);
            canonical.add(check("seeds[" + i + "]", () -> c.canonicalAddress(seed)));
        }
        Direction d = check("direction", () -> Direction.of(direction == null ? "forward" : direction));
        TaintModel m = check("model", () -> TaintModel.of(model == null ? "haircut" : model));
        int hops = limits.hops(maxHops, TraceRequest.DEFAULT_MAX_HOPS);
        check("since", () -> Window.parse(since, null));
        check("until", () -> Window.parse(null, until));
        Window w = check("until", () -> Window.parse(since, until));
        Asset a = check("asset", () -> c.isUtxo() ? nativeOnly(c, asset)
                : new AssetResolver(store).resolve(c, asset == null ? DEFAULT_ASSET : asset));
        BigInteger dust = minAmount == null ? BigInteger.ZERO : check("minAmount", () -> {
            int decimals = a.decimals().orElseThrow(() -> new IllegalArgumentException(
                    "the asset's decimals are unknown; import its tokens file to set a minimum in token units"));
            return Amounts.parse(minAmount, decimals);
        });
        Set<String> stops = TraceRequest.DEFAULT_STOP_AT;
        if (stopAt != null) {
            stops = new TreeSet<>();
            for (int i = 0; i < stopAt.size(); i++) {
                String category = stopAt.get(i) == null ? "" : stopAt.get(i).trim();
                if (!category.matches("[a-z][a-z0-9_]*")) {
                    throw new InvalidFieldException("stopAt[" + i + "]", "not a category (lower case, e.g. exchange, "
                            + "mixing_service, sanction): '" + stopAt.get(i) + "'");
                }
                stops.add(category);
            }
        }
        Set<String> stopCategories = stops;
        return check("model", () -> new TraceRequest(c, canonical, a, d, m, hops, w, dust, stopCategories));
    }

    /** Validates and runs the trace within the command line's limits (no time budget). */
    public TraceResult run(GraphStore store) {
        return run(store, QueryLimits.COMMAND_LINE);
    }

    /**
     * Validates and runs the trace.
     *
     * @param limits its largest seeds and hops, and its time budget
     */
    public TraceResult run(GraphStore store, QueryLimits limits) {
        return run(store, toRequest(store, limits), limits.timeBudget());
    }

    /** Runs a validated request with no time budget. */
    public static TraceResult run(GraphStore store, TraceRequest request) {
        return run(store, request, TimeBudget.UNLIMITED);
    }

    /** Runs a validated request: UTXO chains on their outputs, account chains on their transfers. */
    public static TraceResult run(GraphStore store, TraceRequest request, TimeBudget budget) {
        return request.chain().isUtxo() ? new UtxoTaintTracer(store, request, budget).trace()
                : new TaintTracer(store, request, budget).trace();
    }

    /**
     * The same query on the asset a result followed: a token by its contract, so that a symbol
     * another contract claims later cannot change which token a saved trace follows.
     */
    public TraceQuery sameAsset(TraceResult.AssetRef followed) {
        String pinned = followed.contract() != null ? followed.contract() : asset;
        return new TraceQuery(chain, seeds, pinned, direction, model, maxHops, since, until, minAmount, stopAt);
    }

    /** A UTXO chain moves only its native coin; absent means that coin. */
    private static Asset nativeOnly(Chain c, String asset) {
        String wanted = asset == null ? "" : asset.trim();
        if (wanted.isEmpty() || wanted.equalsIgnoreCase(Asset.NATIVE) || wanted.equalsIgnoreCase(c.nativeSymbol())) {
            return Asset.nativeCoin(c);
        }
        throw new IllegalArgumentException(c.id() + " moves only its native coin " + c.nativeSymbol() + ", was '"
                + asset + "'");
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required");
        }
        return value;
    }
}
