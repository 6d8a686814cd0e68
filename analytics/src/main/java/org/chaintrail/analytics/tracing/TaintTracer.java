package org.chaintrail.analytics.tracing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Amounts;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Attribution;
import org.chaintrail.model.Entity;
import org.chaintrail.model.Transfer;

/**
 * Follows the proceeds of seed addresses forward through the transfers of one asset, under a
 * taint model, to the terminals (services, sanctioned parties) where they came to rest
 * (shared/DESIGN.md, tracing rules).
 *
 * <p>Two phases. <em>Discovery</em> walks out from the seeds one hop per query, keeping for each
 * address the earliest chain position at which taint could have reached it; a transfer made
 * before that carries none, so it does not extend the walk. Terminals are not walked through.
 * <em>Replay</em> then loads every transfer into and out of the discovered addresses (clean money
 * dilutes taint, so all of it matters) and applies the model to them in chain order: seeds send
 * pure taint, terminals and the zero address send none, everyone else sends what the model says.
 * Taint arriving more than {@code maxHops} transfers from the nearest seed is cut and reported.
 *
 * <p>Cost: one query per hop plus one for incoming transfers, and O(E log E) in memory for the E
 * transfers touching the discovered addresses. An address's hop is the smallest hop at which it
 * received taint; taint that reaches it later by a longer path is counted at that smaller hop.
 */
public final class TaintTracer {
    private final GraphStore store;
    private final TraceRequest request;

    /**
     * @param store   the graph
     * @param request what to trace
     */
    public TaintTracer(GraphStore store, TraceRequest request) {
        this.store = store;
        this.request = request;
    }

    /** Runs the trace. */
    public TraceResult trace() {
        Map<String, Long> snapshot = store.lastBlocks();
        Discovery discovery = discover();
        return replay(discovery, snapshot);
    }

    /** What discovery found: the addresses that may hold taint and the transfers to replay. */
    private record Discovery(Set<String> holders, Map<String, Transfer> transfers, Map<String, Attribution> attributions) {
    }

    private Discovery discover() {
        Set<String> seeds = new HashSet<>(request.seeds());
        String asset = request.asset().key();
        String zero = request.chain().zeroAddress();
        Map<String, Transfer> transfers = new HashMap<>();
        Map<String, Attribution> attributions = new HashMap<>();
        Map<String, Transfer> arrival = new HashMap<>();

        Collection<String> frontier = request.seeds();
        for (int hop = 1; hop <= request.maxHops() + 1 && !frontier.isEmpty(); hop++) {
            List<Transfer> out = store.transfersFrom(request.chain(), asset, frontier);
            out.forEach(t -> transfers.putIfAbsent(t.id(), t));
            if (hop > request.maxHops()) {
                break; // loaded only so that replay can report the taint the hop limit cuts
            }
            Set<String> unknown = new HashSet<>();
            out.forEach(t -> {
                if (!attributions.containsKey(t.to())) {
                    unknown.add(t.to());
                }
            });
            Map<String, Attribution> found = store.attributions(request.chain(), unknown);
            unknown.forEach(a -> attributions.put(a, found.getOrDefault(a, Attribution.NONE)));

            Set<String> next = new LinkedHashSet<>();
            for (Transfer t : out) {
                boolean senderCanHoldTaint = seeds.contains(t.from())
                        || (arrival.containsKey(t.from()) && Transfer.CHAIN_ORDER.compare(arrival.get(t.from()), t) < 0);
                String to = t.to();
                if (!senderCanHoldTaint || seeds.contains(to) || to.equals(zero) || attributions.get(to).isTerminal()) {
                    continue;
                }
                Transfer known = arrival.get(to);
                if (known == null || Transfer.CHAIN_ORDER.compare(t, known) < 0) {
                    arrival.put(to, t);
                    next.add(to);
                }
            }
            frontier = next;
        }
        Set<String> holders = new HashSet<>(arrival.keySet());
        store.transfersTo(request.chain(), asset, holders).forEach(t -> transfers.putIfAbsent(t.id(), t));
        return new Discovery(holders, transfers, attributions);
    }

    private TraceResult replay(Discovery d, Map<String, Long> snapshot) {
        Set<String> seeds = new HashSet<>(request.seeds());
        String symbol = request.asset().displayName();
        String zero = request.chain().zeroAddress();
        Map<String, TaintModel.Holding> holdings = new HashMap<>();
        d.holders().forEach(a -> holdings.put(a, request.model().newHolding()));
        Map<String, Integer> hopOf = new HashMap<>();
        Map<String, EndpointTally> endpoints = new TreeMap<>();
        List<TraceResult.Flow> flows = new ArrayList<>();
        BigInteger seedOutflow = BigInteger.ZERO;
        BigDecimal cut = BigDecimal.ZERO;
        BigDecimal burned = BigDecimal.ZERO;
        int transfersCut = 0;

        List<Transfer> events = new ArrayList<>(d.transfers().values());
        events.sort(Transfer.CHAIN_ORDER);
        for (Transfer e : events) {
            BigDecimal t;
            int hop;
            if (seeds.contains(e.from())) {
                t = new BigDecimal(e.amount());
                hop = 1;
                if (!seeds.contains(e.to())) {
                    seedOutflow = seedOutflow.add(e.amount());
                }
            } else if (holdings.containsKey(e.from())) {
                t = holdings.get(e.from()).send(e.amount());
                hop = hopOf.getOrDefault(e.from(), 0) + 1;
            } else {
                t = BigDecimal.ZERO; // a terminal, the zero address, or an address taint never reached
                hop = 0;
            }
            TaintModel.Holding receiver = holdings.get(e.to());
            if (t.signum() == 0) {
                if (receiver != null) {
                    receiver.receive(e.amount(), BigDecimal.ZERO);
                }
                continue;
            }
            boolean betweenSeeds = seeds.contains(e.to());
            boolean burn = e.to().equals(zero);
            boolean terminal = receiver == null && !betweenSeeds && !burn
                    && d.attributions().getOrDefault(e.to(), Attribution.NONE).isTerminal();
            // Beyond the hop limit, or to an address the walk did not reach within it: not followed.
            if (hop > request.maxHops() || (receiver == null && !betweenSeeds && !burn && !terminal)) {
                cut = cut.add(t);
                transfersCut++;
                if (receiver != null) {
                    receiver.receive(e.amount(), BigDecimal.ZERO);
                }
                continue;
            }
            flows.add(new TraceResult.Flow(e.txHash(), e.blockNumber(), time(e.timestamp()), e.from(), e.to(), symbol,
                    format(new BigDecimal(e.amount())), format(t), hop));
            if (receiver != null) {
                receiver.receive(e.amount(), t);
                hopOf.merge(e.to(), hop, Math::min);
            } else if (terminal) {
                endpoints.computeIfAbsent(e.to(), a -> new EndpointTally()).add(e, t);
            } else if (burn) {
                burned = burned.add(t);
            }
            // Between seeds, proceeds stay proceeds: the receiving seed sends them on as such.
        }
        List<TraceResult.Holder> holders = new ArrayList<>();
        BigDecimal held = BigDecimal.ZERO;
        List<Map.Entry<String, TaintModel.Holding>> stillHolding = holdings.entrySet().stream()
                .filter(en -> en.getValue().tainted().signum() > 0)
                .sorted(Comparator.comparing((Map.Entry<String, TaintModel.Holding> en) -> en.getValue().tainted())
                        .reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        for (Map.Entry<String, TaintModel.Holding> en : stillHolding) {
            held = held.add(en.getValue().tainted());
            holders.add(new TraceResult.Holder(en.getKey(), format(en.getValue().tainted()), hopOf.get(en.getKey())));
        }
        return result(d, snapshot, seedOutflow, endpoints, flows, cut, transfersCut, burned, held, holders);
    }

    private TraceResult result(Discovery d, Map<String, Long> snapshot, BigInteger seedOutflow,
                               Map<String, EndpointTally> tallies, List<TraceResult.Flow> flows, BigDecimal cut,
                               int transfersCut, BigDecimal burned, BigDecimal held, List<TraceResult.Holder> holders) {
        String symbol = request.asset().displayName();
        List<TraceResult.Endpoint> endpoints = new ArrayList<>();
        Map<String, BigDecimal> entityTaint = new HashMap<>();
        Map<String, Set<String>> entityAddresses = new HashMap<>();
        Map<String, TraceResult.EntityRef> entityRefs = new HashMap<>();
        BigDecimal toEndpoints = BigDecimal.ZERO;
        for (Map.Entry<String, EndpointTally> en : tallies.entrySet()) {
            String address = en.getKey();
            EndpointTally tally = en.getValue();
            Attribution who = d.attributions().getOrDefault(address, Attribution.NONE);
            TraceResult.EntityRef ref = who.entity().map(TaintTracer::ref).orElse(null);
            endpoints.add(new TraceResult.Endpoint(address, ref, who.category().orElse(null), who.via().orElse(null),
                    symbol, format(tally.taint), share(tally.taint, seedOutflow), List.copyOf(tally.txHashes),
                    time(tally.first), time(tally.last)));
            toEndpoints = toEndpoints.add(tally.taint);
            if (ref != null) {
                entityTaint.merge(ref.id(), tally.taint, BigDecimal::add);
                entityAddresses.computeIfAbsent(ref.id(), k -> new TreeSet<>()).add(address);
                entityRefs.put(ref.id(), ref);
            }
        }
        // Largest first; ties by address so the order never depends on hashing.
        Map<String, BigDecimal> endpointTaint = new HashMap<>();
        tallies.forEach((a, tally) -> endpointTaint.put(a, tally.taint));
        endpoints.sort(Comparator.comparing((TraceResult.Endpoint ep) -> endpointTaint.get(ep.address())).reversed()
                .thenComparing(TraceResult.Endpoint::address));
        List<TraceResult.EntityTotal> entities = new ArrayList<>();
        entityTaint.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(en -> entities.add(new TraceResult.EntityTotal(entityRefs.get(en.getKey()), format(en.getValue()),
                        List.copyOf(entityAddresses.get(en.getKey())))));

        Asset asset = request.asset();
        TraceResult.Parameters parameters = new TraceResult.Parameters(request.chain().id(),
                new TraceResult.AssetRef(asset.symbol().orElse(null), asset.contract().orElse(null),
                        asset.decimals().orElse(null)),
                request.seeds(), request.direction().id(), request.model().name(), request.maxHops());
        TraceResult.Summary summary = new TraceResult.Summary(format(new BigDecimal(seedOutflow)), format(toEndpoints),
                format(held), format(cut), transfersCut, format(burned), flows.size());
        return new TraceResult(parameters, new TreeMap<>(snapshot), summary, endpoints, entities, holders, flows);
    }

    private String format(BigDecimal baseUnits) {
        return Amounts.format(Amounts.roundToBaseUnit(baseUnits), request.asset().decimals());
    }

    private static String share(BigDecimal part, BigInteger whole) {
        if (whole.signum() == 0) {
            return "0";
        }
        return part.divide(new BigDecimal(whole), 6, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String time(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }

    private static TraceResult.EntityRef ref(Entity e) {
        return new TraceResult.EntityRef(e.id(), e.name(), e.category());
    }

    /** Taint received by one terminal, exact until printed. */
    private static final class EndpointTally {
        private BigDecimal taint = BigDecimal.ZERO;
        private final Set<String> txHashes = new LinkedHashSet<>();
        private long first = Long.MAX_VALUE;
        private long last = Long.MIN_VALUE;

        void add(Transfer e, BigDecimal t) {
            taint = taint.add(t);
            txHashes.add(e.txHash());
            first = Math.min(first, e.timestamp());
            last = Math.max(last, e.timestamp());
        }
    }
}
