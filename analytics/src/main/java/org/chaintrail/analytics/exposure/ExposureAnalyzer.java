package org.chaintrail.analytics.exposure;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.chaintrail.analytics.tracing.Direction;
import org.chaintrail.analytics.tracing.HaircutTaint;
import org.chaintrail.analytics.tracing.TaintTracer;
import org.chaintrail.analytics.tracing.TraceRequest;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.analytics.tracing.Window;
import org.chaintrail.graph.TransferGraph;
import org.chaintrail.model.Amounts;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Attribution;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.Transfer;

/**
 * The exposure of one address in one asset: direct (its counterparties by concept), indirect
 * (a backward haircut trace of its received funds to the terminals they came from, which here
 * include every weighted abuse concept: a scam wallet ends the trail as an exchange does) and a
 * 0–100 score by {@link RiskWeights}. Cost: one backward trace plus two queries. Many addresses
 * ({@link #analyzeAll}) cost about what one does: their traces run hop by hop together
 * ({@link TaintTracer#runAll}) and every other question is asked once for all of them.
 */
public final class ExposureAnalyzer {
    /** Funds whose origin is unknown or not attributed. */
    public static final String UNATTRIBUTED = "unattributed";
    private static final int COUNTERPARTY_LIMIT = 10;

    private final TransferGraph store;
    private final Chain chain;
    private final List<String> addresses;
    private final Asset asset;
    private final int maxHops;

    /**
     * @param store   the graph
     * @param chain   the chain
     * @param address the address, canonical form
     * @param asset   the asset examined
     * @param maxHops how far back indirect exposure looks, 1..{@value TraceRequest#MAX_HOPS}
     */
    public ExposureAnalyzer(TransferGraph store, Chain chain, String address, Asset asset, int maxHops) {
        this(store, chain, List.of(address), asset, maxHops);
    }

    /**
     * @param addresses the addresses, canonical form; repeats count once
     * @see #ExposureAnalyzer(TransferGraph, Chain, String, Asset, int)
     */
    public ExposureAnalyzer(TransferGraph store, Chain chain, Collection<String> addresses, Asset asset, int maxHops) {
        this.store = store;
        this.chain = chain;
        this.addresses = addresses.stream().map(chain::canonicalAddress).distinct().toList();
        this.asset = asset;
        if (maxHops < 1 || maxHops > TraceRequest.MAX_HOPS) {
            throw new IllegalArgumentException("max hops must be 1.." + TraceRequest.MAX_HOPS + ", was " + maxHops);
        }
        this.maxHops = maxHops;
    }

    /** The exposure of the address (the first, when given many), or empty if the graph has never seen it. */
    public Optional<Exposure> analyze() {
        return Optional.ofNullable(analyzeAll().get(addresses.get(0)));
    }

    /**
     * The exposure of every address the graph has seen, in the order given; each equals what
     * {@link #analyze()} gives alone. Addresses the graph has never seen are left out.
     */
    public Map<String, Exposure> analyzeAll() {
        Map<String, List<Transfer>> in = byAddress(store.transfersTo(chain, asset.key(), addresses), Transfer::to);
        Map<String, List<Transfer>> out = byAddress(store.transfersFrom(chain, asset.key(), addresses), Transfer::from);
        Set<String> counterparties = new TreeSet<>(addresses);
        in.values().forEach(ts -> ts.forEach(t -> counterparties.add(t.from())));
        out.values().forEach(ts -> ts.forEach(t -> counterparties.add(t.to())));
        Map<String, Attribution> who = store.attributions(chain, counterparties);
        List<String> seen = addresses.stream().filter(who::containsKey).toList();
        List<TaintTracer.Outcome> backs = backward(seen);

        Map<String, Exposure> result = new LinkedHashMap<>();
        for (int i = 0; i < seen.size(); i++) {
            String address = seen.get(i);
            result.put(address, exposure(address, in.getOrDefault(address, List.of()),
                    out.getOrDefault(address, List.of()), who, backs.get(i)));
        }
        return result;
    }

    private Exposure exposure(String address, List<Transfer> in, List<Transfer> out, Map<String, Attribution> who,
                              TaintTracer.Outcome back) {
        BigInteger received = sum(in);
        BigInteger sent = sum(out);
        List<Exposure.Direct> direct = direct(in, out, who);
        List<Exposure.Indirect> indirect = indirect(back, received);

        Attribution self = who.getOrDefault(address, Attribution.NONE);
        List<String> selfConcepts = new ArrayList<>(new TreeSet<>(self.labels().stream()
                .flatMap(l -> l.abuse().or(l::category).stream()).toList()));
        BigDecimal selfRisk = selfConcepts.stream().map(RiskWeights::of).max(Comparator.naturalOrder()).orElse(BigDecimal.ZERO);
        BigDecimal receivedRisk = weighted(indirect.stream().map(i -> Map.entry(i.category(), new BigDecimal(i.share()))).toList());
        BigDecimal sentRisk = sent.signum() == 0 ? BigDecimal.ZERO : weighted(direct.stream()
                .map(d -> Map.entry(d.category(), decimal(d.sent()).divide(decimal(format(sent)), 6, RoundingMode.HALF_EVEN)))
                .toList());
        return new Exposure(chain.id(), address, back.result().parameters().asset(), maxHops, back.result().snapshot(),
                selfConcepts,
                format(received), format(sent), direct, indirect, score(selfRisk, receivedRisk, sentRisk));
    }

    /** One backward haircut trace per address, run together on one snapshot. */
    private List<TaintTracer.Outcome> backward(List<String> seen) {
        Set<String> stopAt = new TreeSet<>(TraceRequest.DEFAULT_STOP_AT);
        stopAt.addAll(RiskWeights.concepts());
        List<TraceRequest> requests = seen.stream().map(a -> new TraceRequest(chain, List.of(a), asset,
                Direction.BACKWARD, HaircutTaint.INSTANCE, maxHops, Window.ALL, BigInteger.ZERO, stopAt)).toList();
        return requests.isEmpty() ? List.of() : TaintTracer.runAll(store, requests, store.lastBlocks());
    }

    /** The transfers of each address (in chain order, as the store returns them), by the side it is on. */
    private static Map<String, List<Transfer>> byAddress(List<Transfer> transfers, Function<Transfer, String> side) {
        Map<String, List<Transfer>> result = new HashMap<>();
        transfers.forEach(t -> result.computeIfAbsent(side.apply(t), k -> new ArrayList<>()).add(t));
        return result;
    }

    private List<Exposure.Direct> direct(List<Transfer> in, List<Transfer> out, Map<String, Attribution> who) {
        record Acc(BigInteger[] sums, int[] counts, Map<String, BigInteger> volume) {
        }
        Map<String, Acc> byConcept = new TreeMap<>();
        for (int side = 0; side < 2; side++) {
            for (Transfer t : side == 0 ? in : out) {
                String other = side == 0 ? t.from() : t.to();
                String concept = who.getOrDefault(other, Attribution.NONE).riskConcept().orElse(UNATTRIBUTED);
                Acc acc = byConcept.computeIfAbsent(concept, c -> new Acc(new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO},
                        new int[2], new TreeMap<>()));
                acc.sums()[side] = acc.sums()[side].add(t.amount());
                acc.counts()[side]++;
                acc.volume().merge(other, t.amount(), BigInteger::add);
            }
        }
        List<Exposure.Direct> result = new ArrayList<>();
        byConcept.forEach((concept, acc) -> result.add(new Exposure.Direct(concept, format(acc.sums()[0]),
                format(acc.sums()[1]), acc.counts()[0], acc.counts()[1], acc.volume().entrySet().stream()
                .sorted(Map.Entry.<String, BigInteger>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(COUNTERPARTY_LIMIT)
                .map(e -> new Exposure.Counterparty(e.getKey(), who.getOrDefault(e.getKey(), Attribution.NONE).entity()
                        .map(org.chaintrail.model.Entity::name).orElse(null), format(e.getValue())))
                .toList())));
        return result;
    }

    private List<Exposure.Indirect> indirect(TaintTracer.Outcome back, BigInteger received) {
        Map<String, Attribution> who = back.endpointAttributions();
        Map<String, List<Exposure.Source>> byConcept = new TreeMap<>();
        Map<String, BigDecimal> amounts = new TreeMap<>();
        for (TraceResult.Endpoint e : back.result().endpoints()) {
            Attribution a = who.getOrDefault(e.address(), Attribution.NONE);
            String concept = a.riskConcept().orElse(UNATTRIBUTED);
            byConcept.computeIfAbsent(concept, c -> new ArrayList<>()).add(new Exposure.Source(e.address(),
                    e.entity() == null ? null : e.entity().name(), a.labels().stream().map(Label::label).toList(),
                    e.taintedAmount(), e.txHashes()));
            amounts.merge(concept, back.endpointTaint().get(e.address()), BigDecimal::add);
        }
        // What the trail could not attribute: held by unlabelled addresses, or cut by the hop limit.
        BigDecimal unknown = back.stillHeld().add(back.cutByHopLimit());
        if (Amounts.roundToBaseUnit(unknown).signum() > 0) { // not a residue of haircut's 40-digit division
            amounts.merge(UNATTRIBUTED, unknown, BigDecimal::add);
            byConcept.computeIfAbsent(UNATTRIBUTED, c -> new ArrayList<>());
        }
        BigDecimal whole = new BigDecimal(received);
        List<Exposure.Indirect> result = new ArrayList<>();
        amounts.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(en -> result.add(new Exposure.Indirect(en.getKey(),
                        format(Amounts.roundToBaseUnit(en.getValue())), whole.signum() == 0 ? "0"
                        : en.getValue().divide(whole, 6, RoundingMode.HALF_EVEN).toPlainString(), byConcept.get(en.getKey()))));
        return result;
    }

    private static BigDecimal weighted(List<Map.Entry<String, BigDecimal>> shares) {
        return shares.stream().map(e -> RiskWeights.of(e.getKey()).multiply(e.getValue()))
                .reduce(BigDecimal.ZERO, BigDecimal::add).min(BigDecimal.ONE);
    }

    private static Exposure.Score score(BigDecimal self, BigDecimal received, BigDecimal sent) {
        BigDecimal worst = self.max(received).max(sent);
        int value = worst.multiply(BigDecimal.valueOf(100)).setScale(0, RoundingMode.HALF_EVEN).intValueExact();
        String verdict = value >= 75 ? "high" : value >= 25 ? "medium" : "low";
        Map<String, String> weights = new TreeMap<>();
        RiskWeights.table().forEach((k, v) -> weights.put(k, v.toPlainString()));
        return new Exposure.Score(value, verdict, plain(self), plain(received), plain(sent), RiskWeights.FORMULA, weights);
    }

    private static String plain(BigDecimal d) {
        return d.setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static BigInteger sum(List<Transfer> transfers) {
        return transfers.stream().map(Transfer::amount).reduce(BigInteger.ZERO, BigInteger::add);
    }

    private String format(BigInteger baseUnits) {
        return Amounts.format(baseUnits, asset.decimals());
    }

    private static BigDecimal decimal(String tokens) {
        return new BigDecimal(tokens);
    }
}
