package org.chaintrail.analytics.tracing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Attribution;
import org.chaintrail.analytics.tracing.TraceReport.EndpointTally;
import org.chaintrail.analytics.tracing.TraceReport.Tally;
import org.chaintrail.model.Transfer;

/**
 * Follows the funds of seed addresses through the transfers of one asset, under a taint model, to
 * the terminals (services, sanctioned parties) where the trail ends (shared/DESIGN.md, tracing
 * rules). Forward answers where the seeds' funds went; backward, where they came from.
 *
 * <p>Two phases. <em>Discovery</em> walks out from the seeds one hop per query, keeping for each
 * address the earliest chain position at which taint could have reached it (backward: the latest
 * at which it could have passed funds on towards the seeds); a transfer on the wrong side of that
 * carries none, so it does not extend the walk. Terminals are not walked through, and neither are
 * transfers outside the window or below the dust limit. <em>Replay</em> then loads every transfer
 * into and out of the discovered addresses (clean money dilutes taint, so all of it matters) and
 * applies the model to them in chain order (backward: reverse chain order, payee in the place of
 * payer): seeds pass on their whole amount, terminals and the zero address none, everyone else
 * what the model says. Taint that a limit stops (hop limit, window, dust) is counted per limit.
 *
 * <p>Discovery looks at its {@link TimeBudget} between hops. Once it is spent, no further hop is
 * followed: the replay runs on what was found, and the taint resting at the addresses reached last,
 * which had no time to be followed, is reported as cut by the budget rather than as still held.
 *
 * <p>Cost: one query per hop plus one for the other side of the discovered addresses, and
 * O(E log E) in memory for the E transfers touching them: memory follows the traced subgraph,
 * not the graph. An address's hop is the smallest hop at which taint reached it; taint that
 * arrives later by a longer path is counted at that smaller hop.
 */
public final class TaintTracer {
    private final GraphStore store;
    private final TraceRequest request;
    private final Orientation orientation;
    private final TraceReport report;
    private final TimeBudget budget;

    /**
     * A trace with no time limit.
     *
     * @param store   the graph
     * @param request what to trace
     */
    public TaintTracer(GraphStore store, TraceRequest request) {
        this(store, request, TimeBudget.UNLIMITED);
    }

    /**
     * @param store   the graph
     * @param request what to trace
     * @param budget  how long discovery may run
     */
    public TaintTracer(GraphStore store, TraceRequest request, TimeBudget budget) {
        this.store = store;
        this.request = request;
        this.orientation = request.direction() == Direction.FORWARD ? Orientation.FORWARD : Orientation.BACKWARD;
        this.report = new TraceReport(request);
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /** Runs the trace. */
    public TraceResult trace() {
        return run().result();
    }

    /**
     * Runs the trace and keeps the exact taint behind its rounded figures, for callers that add
     * figures up (summing rounded amounts would drift by a base unit per term).
     */
    public Outcome run() {
        long started = System.nanoTime();
        Map<String, Long> snapshot = request.snapshot(store.lastBlocks());
        Discovery discovery = discover(started);
        return replay(discovery, snapshot);
    }

    /**
     * A result with its exact figures, in base units.
     *
     * @param result        the result as printed
     * @param endpointTaint exact taint per endpoint address
     * @param stillHeld     exact taint still held by unattributed addresses
     * @param cutByHopLimit exact taint the hop limit stopped
     */
    public record Outcome(TraceResult result, Map<String, BigDecimal> endpointTaint, BigDecimal stillHeld,
                          BigDecimal cutByHopLimit) {
        public Outcome {
            endpointTaint = Map.copyOf(endpointTaint);
        }
    }

    /** Which way taint moves along a transfer, and in which order transfers happen. */
    private enum Orientation {
        FORWARD(Transfer.CHAIN_ORDER) {
            @Override
            String source(Transfer t) {
                return t.from();
            }

            @Override
            String target(Transfer t) {
                return t.to();
            }

            @Override
            List<Transfer> expand(GraphStore store, TraceRequest r, Collection<String> frontier) {
                return store.transfersFrom(r.chain(), r.asset().key(), frontier);
            }

            @Override
            List<Transfer> rest(GraphStore store, TraceRequest r, Collection<String> holders) {
                return store.transfersTo(r.chain(), r.asset().key(), holders);
            }
        },
        BACKWARD(Transfer.CHAIN_ORDER.reversed()) {
            @Override
            String source(Transfer t) {
                return t.to();
            }

            @Override
            String target(Transfer t) {
                return t.from();
            }

            @Override
            List<Transfer> expand(GraphStore store, TraceRequest r, Collection<String> frontier) {
                return store.transfersTo(r.chain(), r.asset().key(), frontier);
            }

            @Override
            List<Transfer> rest(GraphStore store, TraceRequest r, Collection<String> holders) {
                return store.transfersFrom(r.chain(), r.asset().key(), holders);
            }
        };

        final Comparator<Transfer> order;

        Orientation(Comparator<Transfer> order) {
            this.order = order;
        }

        /** The address taint leaves along this transfer. */
        abstract String source(Transfer t);

        /** The address taint arrives at. */
        abstract String target(Transfer t);

        /** The transfers along which taint leaves the frontier. */
        abstract List<Transfer> expand(GraphStore store, TraceRequest r, Collection<String> frontier);

        /** The other transfers of the holders, which move their balances. */
        abstract List<Transfer> rest(GraphStore store, TraceRequest r, Collection<String> holders);
    }

    /**
     * What discovery found: the addresses that may hold taint and the transfers to replay; when the
     * budget ran out, the hops followed (else -1) and the addresses reached but never followed.
     */
    private record Discovery(Set<String> holders, Map<String, Transfer> transfers, Map<String, Attribution> attributions,
                             int budgetHops, Set<String> unfollowed) {
    }

    /** The transfers of blocks the request reads: those after its as-of block do not exist for it. */
    private List<Transfer> read(List<Transfer> stored) {
        return request.asOfBlock() == Long.MAX_VALUE ? stored
                : stored.stream().filter(t -> request.reads(t.blockNumber())).toList();
    }

    private boolean followable(Transfer t) {
        return request.window().contains(t) && t.amount().compareTo(request.minAmount()) >= 0;
    }

    private boolean terminal(Map<String, Attribution> attributions, String address) {
        return attributions.getOrDefault(address, Attribution.NONE).isTerminal(request.stopAt());
    }

    private Discovery discover(long started) {
        Set<String> seeds = new HashSet<>(request.seeds());
        String zero = request.chain().zeroAddress();
        Map<String, Transfer> transfers = new HashMap<>();
        Map<String, Attribution> attributions = new HashMap<>();
        Map<String, Transfer> reached = new HashMap<>();
        Set<String> followed = new HashSet<>();
        int budgetHops = -1;
        Set<String> unfollowed = Set.of();

        Collection<String> frontier = request.seeds();
        for (int hop = 1; hop <= request.maxHops() + 1 && !frontier.isEmpty(); hop++) {
            if (hop > 1 && budget.spent(started)) {
                budgetHops = hop - 1;
                unfollowed = new HashSet<>(frontier);
                unfollowed.removeAll(followed); // an address followed before has its transfers loaded already
                break;
            }
            followed.addAll(frontier);
            List<Transfer> next = read(orientation.expand(store, request, frontier));
            next.forEach(t -> transfers.putIfAbsent(t.id(), t));
            if (hop > request.maxHops()) {
                break; // loaded only so that replay can report the taint the hop limit cuts
            }
            Set<String> unknown = new HashSet<>();
            next.forEach(t -> {
                if (!attributions.containsKey(orientation.target(t))) {
                    unknown.add(orientation.target(t));
                }
            });
            Map<String, Attribution> found = store.attributions(request.chain(), unknown);
            unknown.forEach(a -> attributions.put(a, found.getOrDefault(a, Attribution.NONE)));

            Set<String> grown = new LinkedHashSet<>();
            for (Transfer t : next) {
                String source = orientation.source(t);
                String target = orientation.target(t);
                boolean sourceCanHoldTaint = seeds.contains(source)
                        || (reached.containsKey(source) && orientation.order.compare(reached.get(source), t) < 0);
                if (!sourceCanHoldTaint || !followable(t) || seeds.contains(target) || target.equals(zero)
                        || terminal(attributions, target)) {
                    continue;
                }
                Transfer known = reached.get(target);
                if (known == null || orientation.order.compare(t, known) < 0) {
                    reached.put(target, t);
                    grown.add(target);
                }
            }
            frontier = grown;
        }
        Set<String> holders = new HashSet<>(reached.keySet());
        read(orientation.rest(store, request, holders)).forEach(t -> transfers.putIfAbsent(t.id(), t));
        return new Discovery(holders, transfers, attributions, budgetHops, unfollowed);
    }

    private static final String HOP_LIMIT = TraceReport.HOP_LIMIT;
    private static final String WINDOW = TraceReport.WINDOW;
    private static final String DUST = TraceReport.DUST;

    private Outcome replay(Discovery d, Map<String, Long> snapshot) {
        Set<String> seeds = new HashSet<>(request.seeds());
        String symbol = request.asset().displayName();
        String zero = request.chain().zeroAddress();
        List<Transfer> events = new ArrayList<>(d.transfers().values());
        events.sort(orientation.order);
        Map<String, TaintModel.Holding> holdings = holdings(d.holders(), events);
        Map<String, Integer> hopOf = new HashMap<>();
        Map<String, EndpointTally> endpoints = new TreeMap<>();
        List<TraceResult.Flow> flows = new ArrayList<>();
        Tally tally = new Tally();

        for (Transfer e : events) {
            String source = orientation.source(e);
            String target = orientation.target(e);
            Parcel parcel;
            int hop;
            if (seeds.contains(source)) {
                parcel = Parcel.tainted(e.amount());
                hop = 1;
                if (!seeds.contains(target)) {
                    tally.seedFlow = tally.seedFlow.add(new BigDecimal(e.amount()));
                }
            } else if (holdings.containsKey(source)) {
                parcel = holdings.get(source).send(e.amount());
                hop = hopOf.getOrDefault(source, 0) + 1;
            } else {
                parcel = Parcel.clean(e.amount()); // a terminal, the zero address, or beyond the trail
                hop = 0;
            }
            TaintModel.Holding receiver = holdings.get(target);
            BigDecimal t = parcel.tainted();
            if (t.signum() == 0) {
                if (receiver != null) {
                    receiver.receive(parcel);
                }
                continue;
            }
            boolean betweenSeeds = seeds.contains(target);
            boolean burn = target.equals(zero);
            boolean terminal = receiver == null && !betweenSeeds && !burn && terminal(d.attributions(), target);
            String cut = !request.window().contains(e) ? WINDOW
                    : e.amount().compareTo(request.minAmount()) < 0 ? DUST
                    // beyond the hop limit, or to an address the walk did not reach within it
                    : hop > request.maxHops() || (receiver == null && !betweenSeeds && !burn && !terminal) ? HOP_LIMIT
                    : null;
            if (cut != null) {
                tally.cut(cut, t);
                if (receiver != null) {
                    receiver.receive(Parcel.clean(e.amount()));
                }
                continue;
            }
            flows.add(new TraceResult.Flow(e.txHash(), e.blockNumber(), time(e.timestamp()), e.from(), e.to(), symbol,
                    format(new BigDecimal(e.amount())), format(t), hop));
            if (receiver != null) {
                receiver.receive(parcel);
                hopOf.merge(target, hop, Math::min);
            } else if (terminal) {
                endpoints.computeIfAbsent(target, a -> new EndpointTally()).add(e.txHash(), e.timestamp(), t);
            } else if (burn) {
                tally.burned = tally.burned.add(t);
            }
            // Between seeds, the funds stay the seeds': the receiving seed passes them on as such.
        }
        if (request.direction() == Direction.BACKWARD) {
            Collections.reverse(flows); // replayed in reverse; listed in chain order either way
        }
        List<TraceResult.Holder> holders = new ArrayList<>();
        BigDecimal held = BigDecimal.ZERO;
        BigDecimal unfollowed = BigDecimal.ZERO;
        int unfollowedAddresses = 0;
        List<Map.Entry<String, TaintModel.Holding>> stillHolding = holdings.entrySet().stream()
                .filter(en -> en.getValue().tainted().signum() > 0)
                .sorted(Comparator.comparing((Map.Entry<String, TaintModel.Holding> en) -> en.getValue().tainted())
                        .reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        for (Map.Entry<String, TaintModel.Holding> en : stillHolding) {
            if (d.unfollowed().contains(en.getKey())) {
                unfollowed = unfollowed.add(en.getValue().tainted());
                unfollowedAddresses++;
                continue;
            }
            held = held.add(en.getValue().tainted());
            holders.add(new TraceResult.Holder(en.getKey(), format(en.getValue().tainted()), hopOf.get(en.getKey())));
        }
        TraceResult.TimeBudgetCut budgetCut = d.budgetHops() < 0 ? null
                : report.budgetCut(budget, d.budgetHops(), unfollowed, unfollowedAddresses);
        return report.assemble(d.attributions(), snapshot, tally, endpoints, flows, held, holders, budgetCut);
    }

    /** One holding per holder; backward, each knows the holder's transfers in chain order. */
    private Map<String, TaintModel.Holding> holdings(Set<String> holders, List<Transfer> replayOrder) {
        Map<String, TaintModel.Holding> holdings = new HashMap<>();
        if (orientation == Orientation.FORWARD) {
            holders.forEach(a -> holdings.put(a, request.model().newHolding()));
            return holdings;
        }
        Map<String, List<Transfer>> movements = new HashMap<>();
        for (int i = replayOrder.size() - 1; i >= 0; i--) { // replay is reversed: this walks chain order
            Transfer t = replayOrder.get(i);
            for (String a : t.from().equals(t.to()) ? List.of(t.from()) : List.of(t.from(), t.to())) {
                if (holders.contains(a)) {
                    movements.computeIfAbsent(a, k -> new ArrayList<>()).add(t);
                }
            }
        }
        holders.forEach(a -> holdings.put(a, request.model().newBackwardHolding(a,
                movements.getOrDefault(a, List.of()))));
        return holdings;
    }

    private String format(BigDecimal baseUnits) {
        return report.format(baseUnits);
    }

    private static String time(long epochSeconds) {
        return TraceReport.time(epochSeconds);
    }
}
