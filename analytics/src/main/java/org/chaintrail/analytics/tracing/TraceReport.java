package org.chaintrail.analytics.tracing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.chaintrail.model.Amounts;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Attribution;
import org.chaintrail.model.Entity;

/**
 * Turns the exact tallies of a replay into the {@link TraceResult} every tracer prints: rounding,
 * endpoint and entity totals, the summary and the parameters, all in a deterministic order.
 * Shared by the account-chain and the UTXO tracer so that both answer in the same shape.
 */
final class TraceReport {
    static final String HOP_LIMIT = "hop limit";
    static final String WINDOW = "window";
    static final String DUST = "dust";

    private final TraceRequest request;

    TraceReport(TraceRequest request) {
        this.request = request;
    }

    /** Running totals of one replay, exact. */
    static final class Tally {
        BigDecimal seedFlow = BigDecimal.ZERO;
        BigDecimal burned = BigDecimal.ZERO;
        final Map<String, BigDecimal> cutTaint = new HashMap<>();
        final Map<String, Integer> cutTransfers = new HashMap<>();

        void cut(String reason, BigDecimal taint) {
            cutTaint.merge(reason, taint, BigDecimal::add);
            cutTransfers.merge(reason, 1, Integer::sum);
        }
    }

    /** Taint that reached one terminal, exact until printed; transactions in replay order. */
    static final class EndpointTally {
        private BigDecimal taint = BigDecimal.ZERO;
        private final Set<String> txHashes = new LinkedHashSet<>();
        private long first = Long.MAX_VALUE;
        private long last = Long.MIN_VALUE;

        void add(String txHash, long timestamp, BigDecimal t) {
            taint = taint.add(t);
            txHashes.add(txHash);
            first = Math.min(first, timestamp);
            last = Math.max(last, timestamp);
        }
    }

    /**
     * @param attributions what is known of the endpoint addresses
     * @param tallies      per endpoint address, sorted by address
     * @param flows        in chain order
     * @param held         exact taint still held
     * @param holders      sorted, largest first
     * @param budgetCut    where the time budget stopped discovery, or null if it did not
     */
    TaintTracer.Outcome assemble(Map<String, Attribution> attributions, Map<String, Long> snapshot, Tally tally,
                                 Map<String, EndpointTally> tallies, List<TraceResult.Flow> flows, BigDecimal held,
                                 List<TraceResult.Holder> holders, TraceResult.TimeBudgetCut budgetCut) {
        String symbol = request.asset().displayName();
        List<TraceResult.Endpoint> endpoints = new ArrayList<>();
        Map<String, BigDecimal> entityTaint = new HashMap<>();
        Map<String, Set<String>> entityAddresses = new HashMap<>();
        Map<String, TraceResult.EntityRef> entityRefs = new HashMap<>();
        BigDecimal toEndpoints = BigDecimal.ZERO;
        for (Map.Entry<String, EndpointTally> en : tallies.entrySet()) {
            String address = en.getKey();
            EndpointTally endpoint = en.getValue();
            Attribution who = attributions.getOrDefault(address, Attribution.NONE);
            TraceResult.EntityRef ref = who.entity().map(TraceReport::ref).orElse(null);
            endpoints.add(new TraceResult.Endpoint(address, ref, who.category().orElse(null), who.via().orElse(null),
                    symbol, format(endpoint.taint), share(endpoint.taint, tally.seedFlow),
                    inChainOrder(endpoint.txHashes), time(endpoint.first), time(endpoint.last)));
            toEndpoints = toEndpoints.add(endpoint.taint);
            if (ref != null) {
                entityTaint.merge(ref.id(), endpoint.taint, BigDecimal::add);
                entityAddresses.computeIfAbsent(ref.id(), k -> new TreeSet<>()).add(address);
                entityRefs.put(ref.id(), ref);
            }
        }
        // Largest first; ties by address so the order never depends on hashing.
        Map<String, BigDecimal> endpointTaint = new HashMap<>();
        Map<String, Attribution> endpointAttributions = new HashMap<>();
        tallies.forEach((a, endpoint) -> {
            endpointTaint.put(a, endpoint.taint);
            endpointAttributions.put(a, attributions.getOrDefault(a, Attribution.NONE));
        });
        endpoints.sort(Comparator.comparing((TraceResult.Endpoint ep) -> endpointTaint.get(ep.address())).reversed()
                .thenComparing(TraceResult.Endpoint::address));
        List<TraceResult.EntityTotal> entities = new ArrayList<>();
        entityTaint.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(en -> entities.add(new TraceResult.EntityTotal(entityRefs.get(en.getKey()), format(en.getValue()),
                        List.copyOf(entityAddresses.get(en.getKey())))));

        TraceResult.Summary summary = new TraceResult.Summary(format(tally.seedFlow),
                format(toEndpoints), format(held), cut(tally, HOP_LIMIT), cut(tally, WINDOW), cut(tally, DUST),
                format(tally.burned), flows.size(), budgetCut);
        return new TaintTracer.Outcome(new TraceResult(parameters(), new TreeMap<>(snapshot), summary, endpoints,
                entities, holders, flows), endpointTaint, endpointAttributions, held,
                tally.cutTaint.getOrDefault(HOP_LIMIT, BigDecimal.ZERO));
    }

    private List<String> inChainOrder(Collection<String> replayOrder) {
        List<String> hashes = new ArrayList<>(replayOrder);
        if (request.direction() == Direction.BACKWARD) {
            Collections.reverse(hashes);
        }
        return List.copyOf(hashes);
    }

    private TraceResult.Parameters parameters() {
        Asset asset = request.asset();
        Window w = request.window();
        String since = w.sinceBlock() > 0 ? String.valueOf(w.sinceBlock())
                : w.sinceTime() != Long.MIN_VALUE ? time(w.sinceTime()) : null;
        String until = w.untilBlock() != Long.MAX_VALUE ? String.valueOf(w.untilBlock())
                : w.untilTime() != Long.MAX_VALUE ? time(w.untilTime()) : null;
        return new TraceResult.Parameters(request.chain().id(),
                new TraceResult.AssetRef(asset.symbol().orElse(null), asset.contract().orElse(null),
                        asset.decimals().orElse(null)),
                request.seeds(), request.direction().id(), request.model().name(), request.maxHops(), since, until,
                Amounts.format(request.minAmount(), asset.decimals()), List.copyOf(request.stopAt()));
    }

    /** Where the budget stopped discovery, with the exact taint it left unfollowed. */
    TraceResult.TimeBudgetCut budgetCut(TimeBudget budget, int hops, BigDecimal taint, int addresses) {
        return new TraceResult.TimeBudgetCut(budget.limit().toMillis(), hops, format(taint), addresses);
    }

    private TraceResult.Cut cut(Tally tally, String reason) {
        return new TraceResult.Cut(format(tally.cutTaint.getOrDefault(reason, BigDecimal.ZERO)),
                tally.cutTransfers.getOrDefault(reason, 0));
    }

    /** Base units, rounded half-even to a whole one, printed in token units. */
    String format(BigDecimal baseUnits) {
        return Amounts.format(Amounts.roundToBaseUnit(baseUnits), request.asset().decimals());
    }

    private static String share(BigDecimal part, BigDecimal whole) {
        if (whole.signum() == 0) {
            return "0";
        }
        return part.divide(whole, 6, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String time(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }

    private static TraceResult.EntityRef ref(Entity e) {
        return new TraceResult.EntityRef(e.id(), e.name(), e.category());
    }
}
