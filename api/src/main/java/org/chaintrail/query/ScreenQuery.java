package org.chaintrail.query;

import static org.chaintrail.query.InvalidFieldException.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.chaintrail.analytics.exposure.Exposure;
import org.chaintrail.analytics.exposure.ExposureAnalyzer;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;

/**
 * A batch of deposit addresses an exchange screens at once ({@code POST /api/v1/screen}).
 *
 * @param chain     chain id
 * @param addresses the addresses, as many as the limits allow
 * @param asset     symbol or contract (default USDT)
 * @param maxHops   how far back indirect exposure looks
 */
public record ScreenQuery(String chain, List<String> addresses, String asset, Integer maxHops) {

    /**
     * A verdict on one address.
     *
     * @param address  as given, canonical form
     * @param known    whether the graph has seen it; an unknown address has no score
     * @param score    0..100, or null when unknown
     * @param verdict  high, medium, low or unknown
     * @param exposure share of received funds per concept
     * @param sources  the labelled terminals behind the exposure, concept by concept
     */
    public record Verdict(String address, boolean known, Integer score, String verdict, Map<String, String> exposure,
                          List<Exposure.Source> sources) {
    }

    /**
     * @param chain    chain id
     * @param snapshot last block per chain
     * @param formula  how the scores were computed
     * @param results  one verdict per distinct address, in the order given
     */
    public record Result(String chain, Map<String, Long> snapshot, String formula, List<Verdict> results) {
    }

    /**
     * Within the command line's limits.
     *
     * @throws InvalidFieldException naming the field at fault
     */
    public Result run(GraphStore store) {
        return run(store, QueryLimits.COMMAND_LINE);
    }

    /**
     * @param limits how many addresses and hops it may ask for
     * @throws InvalidFieldException naming the field at fault
     */
    public Result run(GraphStore store, QueryLimits limits) {
        Chain c = check("chain", () -> Chain.of(chain));
        ExposureQuery.requireAccountChain(c);
        if (addresses == null || addresses.isEmpty()) {
            throw new InvalidFieldException("addresses", "at least one address is needed");
        }
        if (addresses.size() > limits.maxAddresses()) {
            throw new InvalidFieldException("addresses", "at most " + limits.maxAddresses() + " per call, was "
                    + addresses.size());
        }
        // A few small queries per hop for the whole batch: one transaction spares each its own.
        int hops = limits.hops(maxHops, ExposureQuery.DEFAULT_MAX_HOPS);
        return store.readTogether(() -> screen(store, c, hops));
    }

    private Result screen(GraphStore store, Chain c, int hops) {
        Asset examined = ExposureQuery.asset(store, c, asset);
        Set<String> canonical = new LinkedHashSet<>();
        for (int i = 0; i < addresses.size(); i++) {
            String a = addresses.get(i);
            canonical.add(check("addresses[" + i + "]", () -> c.canonicalAddress(a)));
        }
        // One analysis for the whole batch: its queries are per hop, not per address.
        Map<String, Exposure> exposures = new ExposureAnalyzer(store, c, canonical, examined, hops).analyzeAll();
        List<Verdict> verdicts = new ArrayList<>();
        String formula = null;
        Map<String, Long> snapshot = null;
        for (String address : canonical) {
            if (!exposures.containsKey(address)) {
                verdicts.add(new Verdict(address, false, null, "unknown", Map.of(), List.of()));
                continue;
            }
            Exposure e = exposures.get(address);
            formula = e.score().formula();
            snapshot = e.snapshot();
            Map<String, String> shares = new TreeMap<>();
            List<Exposure.Source> sources = new ArrayList<>();
            e.indirect().forEach(i -> {
                shares.put(i.category(), i.share());
                sources.addAll(i.sources());
            });
            verdicts.add(new Verdict(address, true, e.score().value(), e.score().verdict(), shares, sources));
        }
        return new Result(c.id(), snapshot == null ? store.lastBlocks() : snapshot, formula == null
                ? org.chaintrail.analytics.exposure.RiskWeights.FORMULA : formula, verdicts);
    }
}
