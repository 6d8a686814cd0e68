package org.chaintrail.export;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.chaintrail.analytics.tracing.TraceResult;

/**
 * A saved trace's method in words, as both case exports state it: what was followed, how, within
 * which limits, and up to which block the data went.
 */
final class TraceMethod {
    private TraceMethod() {
    }

    /** The unit amounts are printed in: the asset's symbol, or base units when it has none. */
    static String unit(TraceResult.Parameters p) {
        return p.asset().symbol() == null ? "base units" : p.asset().symbol();
    }

    /** The asset as an investigator names it: symbol and contract, or the native coin. */
    static String asset(TraceResult.Parameters p) {
        TraceResult.AssetRef a = p.asset();
        String name = a.symbol() == null ? "an unnamed token" : a.symbol();
        String decimals = a.decimals() == null ? ", decimals unknown (amounts in base units)"
                : ", " + a.decimals() + " decimals";
        return a.contract() == null ? name + " (the chain's native coin" + decimals + ")"
                : name + " (contract " + a.contract() + decimals + ")";
    }

    /** The blocks or times followed. */
    static String window(TraceResult.Parameters p) {
        if (p.since() == null && p.until() == null) {
            return "the whole chain";
        }
        if (p.until() == null) {
            return "from " + p.since() + " on";
        }
        return p.since() == null ? "up to " + p.until() : "from " + p.since() + " to " + p.until();
    }

    /** The categories whose addresses end the trail. */
    static String stopAt(TraceResult.Parameters p) {
        return p.stopAt().isEmpty() ? "none" : String.join(", ", p.stopAt());
    }

    /** The last block per chain when the trace ran, by chain id (the result's map has no order of its own). */
    static Map<String, Long> snapshot(TraceResult r) {
        return new TreeMap<>(r.snapshot());
    }

    /** {@code ethereum block 21000123}, per chain. */
    static String snapshotText(TraceResult r) {
        Map<String, Long> s = snapshot(r);
        return s.isEmpty() ? "no blocks stored"
                : s.entrySet().stream().map(e -> e.getKey() + " block " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** One sentence with every parameter: the method as a partner reads it. */
    static String sentence(TraceResult.Parameters p) {
        return p.direction() + " " + p.model() + " trace of " + asset(p) + " on " + p.chain() + " from "
                + p.seeds().size() + " seed(s), at most " + p.maxHops() + " hops, over " + window(p) + ", "
                + dust(p) + ", stopping at: " + stopAt(p);
    }

    /** The dust limit in words. */
    static String dust(TraceResult.Parameters p) {
        return new java.math.BigDecimal(p.minAmount()).signum() == 0 ? "no dust limit"
                : "transfers below " + p.minAmount() + " " + unit(p) + " not followed";
    }
}
