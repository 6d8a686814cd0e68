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
import java.util.function.Function;
import org.chaintrail.graph.TransferGraph;
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
    private final TransferGraph store;
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
    public TaintTracer(TransferGraph store, TraceRequest request) {
        this(store, request, TimeBudget.UNLIMITED);
    }

    /**
     * @param store   the graph
     * @param request what to trace
     * @param budget  how long discovery may run
     */
    public TaintTracer(TransferGraph store, TraceRequest request, TimeBudget budget) {
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
     * @param result               the result as printed
     * @param endpointTaint        exact taint per endpoint address
     * @param endpointAttributions the labels and entity of each endpoint address, as the trace found them
     * @param stillHeld            exact taint still held by unattributed addresses
     * @param cutByHopLimit        exact taint the hop limit stopped
     */
    public record Outcome(TraceResult result, Map<String, BigDecimal> endpointTaint,
                          Map<String, Attribution> endpointAttributions, BigDecimal stillHeld, BigDecimal cutByHopLimit) {
        public Outcome {
            endpointTaint = Map.copyOf(endpointTaint);
            endpointAttributions = Map.copyOf(endpointAttributions);
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
            List<Transfer> expand(TransferGraph store, TraceRequest r, Collection<String> frontier) {
                return store.transfersFrom(r.chain(), r.asset().key(), frontier);
            }

            @Override
            List<Transfer> rest(TransferGraph store, TraceRequest r, Collection<String> holders) {
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
            List<Transfer> expand(TransferGraph store, TraceRequest r, Collection<String> frontier) {
                return store.transfersTo(r.chain(), r.asset().key(), frontier);
            }

            @Override
            List<Transfer> rest(TransferGraph store, TraceRequest r, Collection<String> holders) {
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
        abstract List<Transfer> expand(TransferGraph store, TraceRequest r, Collection<String> frontier);

        /** The other transfers of the holders, which move their balances. */
        abstract List<Transfer> rest(TransferGraph store, TraceRequest r, Collection<String> holders);
    }

    /**
     * What discovery found: the addresses that may hold taint and the transfers to replay; when the
     * budget ran out, the hops followed (else -1) and the addresses reached but never followed.
     */
    private record Discovery(Set<String> holders, Set<Transfer> transfers, Map<String, Attribution> attributions,
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
        Walk walk = new Walk();
        while (walk.expanding()) {
            if (walk.hop > 1 && budget.spent(started)) {
                walk.outOfTime();
                break;
            }
            List<Transfer> next = read(orientation.expand(store, request, walk.frontier));
            Set<String> unknown = walk.load(next);
            if (unknown == null) {
                break;
            }
            walk.grow(next, store.attributions(request.chain(), unknown));
        }
        return walk.finish(read(orientation.rest(store, request, walk.holders())));
    }

    /**
     * Runs traces that differ only in their seeds (same chain, asset and direction) as one: each hop
     * asks the graph once for the frontiers of all of them, attributions are asked once per address,
     * and the other transfers of all holders in one query. Each outcome equals what {@link #run()}
     * gives for its request alone: every trace sees exactly the transfers its own queries would return,
     * in the same order.
     *
     * @param store    the graph
     * @param requests the traces, in the order of the outcomes
     * @param snapshot the last block per chain the traces are computed on ({@link TransferGraph#lastBlocks()})
     * @throws IllegalArgumentException if the requests differ in chain, asset or direction
     */
    public static List<Outcome> runAll(TransferGraph store, List<TraceRequest> requests, Map<String, Long> snapshot) {
        if (requests.isEmpty()) {
            return List.of();
        }
        TraceRequest first = requests.get(0);
        for (TraceRequest r : requests) {
            if (r.chain() != first.chain() || !r.asset().equals(first.asset()) || r.direction() != first.direction()) {
                throw new IllegalArgumentException("traces run together must share chain, asset and direction; "
                        + "the first is " + first.chain().id() + " " + first.asset().key() + " " + first.direction()
                        + ", another " + r.chain().id() + " " + r.asset().key() + " " + r.direction());
            }
        }
        List<TaintTracer> tracers = requests.stream().map(r -> new TaintTracer(store, r)).toList();
        List<TaintTracer.Walk> walks = tracers.stream().map(t -> t.new Walk()).toList();
        Orientation orientation = tracers.get(0).orientation;
        Map<String, Attribution> known = new HashMap<>();
        while (true) {
            List<Walk> active = walks.stream().filter(Walk::expanding).toList();
            if (active.isEmpty()) {
                break;
            }
            Set<String> frontier = new LinkedHashSet<>();
            active.forEach(w -> frontier.addAll(w.frontier));
            Map<String, List<Transfer>> next = bySide(orientation.expand(store, first, frontier), orientation::source);
            Map<Walk, List<Transfer>> own = new HashMap<>();
            Set<String> unknown = new HashSet<>();
            for (Walk w : active) {
                List<Transfer> mine = w.tracer().read(ownShare(next, w.frontier));
                own.put(w, mine);
                Set<String> wanted = w.load(mine);
                if (wanted != null) {
                    wanted.stream().filter(a -> !known.containsKey(a)).forEach(unknown::add);
                } else {
                    w.stop();
                }
            }
            Map<String, Attribution> found = store.attributions(first.chain(), unknown);
            unknown.forEach(a -> known.put(a, found.getOrDefault(a, Attribution.NONE)));
            for (Walk w : active) {
                if (w.expanding()) {
                    w.grow(own.get(w), known);
                }
            }
        }
        Set<String> holders = new LinkedHashSet<>();
        walks.forEach(w -> holders.addAll(w.holders()));
        Map<String, List<Transfer>> rest = bySide(orientation.rest(store, first, holders), orientation::target);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < tracers.size(); i++) {
            Walk w = walks.get(i);
            outcomes.add(tracers.get(i).replay(w.finish(tracers.get(i).read(ownShare(rest, w.holders()))), snapshot));
        }
        return outcomes;
    }

    /** Transfers (each once, in chain order) by the address on one side of them. */
    private static Map<String, List<Transfer>> bySide(List<Transfer> transfers, Function<Transfer, String> side) {
        Map<String, List<Transfer>> result = new HashMap<>();
        transfers.forEach(t -> result.computeIfAbsent(side.apply(t), k -> new ArrayList<>()).add(t));
        return result;
    }

    /**
     * The transfers of these addresses, in chain order: what the store answers when asked for them
     * alone (a transfer is listed under one address, and distinct transfers never tie in chain order).
     */
    private static List<Transfer> ownShare(Map<String, List<Transfer>> bySide, Collection<String> addresses) {
        List<Transfer> mine = new ArrayList<>();
        addresses.forEach(a -> mine.addAll(bySide.getOrDefault(a, List.of())));
        mine.sort(Transfer.CHAIN_ORDER);
        return mine;
    }

    /**
     * Discovery of one trace, a hop at a time, so that {@link #runAll} can take the hops of many
     * traces together. Keeps for each address the earliest chain position at which taint could have
     * reached it (backward: the latest at which it could have passed funds on towards the seeds).
     */
    private final class Walk {
        private final Set<String> seeds = new HashSet<>(request.seeds());
        private final String zero = request.chain().zeroAddress();
        // Kept by value: equal transfers are the same transfer, and a record's hash reuses its strings'
        // cached hashes, where building each id() anew cost a fifth of a large trace.
        private final Set<Transfer> transfers = new HashSet<>();
        private final Map<String, Attribution> attributions = new HashMap<>();
        private final Map<String, Transfer> reached = new HashMap<>();
        private final Set<String> followed = new HashSet<>();
        private Set<String> frontier = new LinkedHashSet<>(request.seeds());
        private int hop = 1;
        private boolean stopped;
        private int budgetHops = -1;
        private Set<String> unfollowed = Set.of();

        TaintTracer tracer() {
            return TaintTracer.this;
        }

        /** Stops where the time budget ran out: the frontier's addresses not followed yet stay unfollowed. */
        void outOfTime() {
            budgetHops = hop - 1;
            unfollowed = new HashSet<>(frontier);
            unfollowed.removeAll(followed); // an address followed before has its transfers loaded already
            stopped = true;
        }

        boolean expanding() {
            return !stopped && hop <= request.maxHops() + 1 && !frontier.isEmpty();
        }

        void stop() {
            stopped = true;
        }

        /**
         * Keeps the transfers that leave the frontier.
         *
         * @return the targets whose attribution the next step needs, or null after the hop beyond the
         *         limit, loaded only so that replay can report the taint the hop limit cuts
         */
        Set<String> load(List<Transfer> next) {
            followed.addAll(frontier);
            transfers.addAll(next);
            if (hop > request.maxHops()) {
                return null;
            }
            Set<String> unknown = new HashSet<>();
            next.forEach(t -> {
                if (!attributions.containsKey(orientation.target(t))) {
                    unknown.add(orientation.target(t));
                }
            });
            return unknown;
        }

        /** Moves the frontier to the addresses taint reached first along {@code next}. */
        void grow(List<Transfer> next, Map<String, Attribution> found) {
            next.forEach(t -> attributions.computeIfAbsent(orientation.target(t),
                    a -> found.getOrDefault(a, Attribution.NONE)));
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
            hop++;
        }

        Set<String> holders() {
            return new HashSet<>(reached.keySet());
        }

        /** The discovery, with the other transfers of the holders, which move their balances. */
        Discovery finish(List<Transfer> rest) {
            Set<String> holders = holders();
            transfers.addAll(rest);
            return new Discovery(holders, transfers, attributions, budgetHops, unfollowed);
        }
    }

    private static final String HOP_LIMIT = TraceReport.HOP_LIMIT;
    private static final String WINDOW = TraceReport.WINDOW;
    private static final String DUST = TraceReport.DUST;

    private Outcome replay(Discovery d, Map<String, Long> snapshot) {
        Set<String> seeds = new HashSet<>(request.seeds());
        String symbol = request.asset().displayName();
        String zero = request.chain().zeroAddress();
        List<Transfer> events = new ArrayList<>(d.transfers());
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
