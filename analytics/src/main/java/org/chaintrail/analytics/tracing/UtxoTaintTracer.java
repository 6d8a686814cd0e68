package org.chaintrail.analytics.tracing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.UtxoStore;
import org.chaintrail.model.Attribution;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.PlacedTransaction;
import org.chaintrail.model.PlacedTransaction.Leg;

/**
 * Follows the funds of seed addresses through a UTXO chain (Bitcoin) to the terminals where the
 * trail ends: shared/DESIGN.md's tracing rules, with taint resting on outputs rather than on
 * address balances. An output is spent whole, once, so the taint a transaction passes on is fixed
 * by the taint of the outputs it spends, and no address-level mixing is assumed.
 *
 * <p>Forward, the seeds' outputs are proceeds in full. A transaction spending tainted outputs gives
 * taint to its outputs by the model ({@link UtxoTaintSplit}): haircut in proportion to value, poison
 * in full, FIFO inputs in order filling outputs in order with the fee taken last. The fee's share
 * goes to the miner and is reported as burned. Backward is the mirror image: the outputs paid to the
 * seeds, back through the transactions that created them to the outputs those spent, the fee being
 * clean; a coinbase's taint goes to newly mined coins and is reported as burned.
 *
 * <p>An output paid to a terminal is an endpoint and is not followed; one paid to a seed stays the
 * seeds' (and is subtracted from the seed flow, so the summary's conservation line holds); a tainted
 * output still unspent when the data ends (backward: created by a transaction the graph lacks) is
 * held. A transaction is one hop; beyond the hop limit, outside the window or below the dust limit
 * (per output), taint is counted as cut. A flow is a tainted output (backward: a tainted input); its
 * {@code from} is the payer of the transaction's first tainted input (backward: its {@code to} the
 * payee of the first tainted output), since a transaction has many payers.
 *
 * <p>Like {@link TaintTracer}, discovery stops when its {@link TimeBudget} is spent, between hops;
 * taint on the outputs reached last, not yet followed, is then reported as cut by the budget.
 *
 * <p>Cost: per hop one query for the transactions of the frontier and one for the attributions of
 * their payees; memory O(T) for the T transactions within the hop limit. Like every address-blind
 * tracer it is fooled by CoinJoin, where the proportion rule attributes clean outputs by value.
 */
public final class UtxoTaintTracer {
    private final GraphStore store;
    private final UtxoStore utxo;
    private final TraceRequest request;
    private final TraceReport report;
    private final boolean forward;
    private final Set<String> seeds;
    private final TimeBudget budget;

    /**
     * A trace with no time limit.
     *
     * @param store   the graph
     * @param request what to trace; its chain must be a UTXO chain and its asset the native coin
     * @throws IllegalArgumentException if the chain or the asset does not fit
     */
    public UtxoTaintTracer(GraphStore store, TraceRequest request) {
        this(store, request, TimeBudget.UNLIMITED);
    }

    /**
     * @param store   the graph
     * @param request what to trace; its chain must be a UTXO chain and its asset the native coin
     * @param budget  how long discovery may run
     * @throws IllegalArgumentException if the chain or the asset does not fit
     */
    public UtxoTaintTracer(GraphStore store, TraceRequest request, TimeBudget budget) {
        if (!request.chain().isUtxo()) {
            throw new IllegalArgumentException("the UTXO tracer traces UTXO chains, was " + request.chain().id());
        }
        if (!request.asset().isNative()) {
            throw new IllegalArgumentException(request.chain().id() + " has only its native coin, was "
                    + request.asset().displayName());
        }
        this.store = store;
        this.utxo = store.utxo();
        this.request = request;
        this.report = new TraceReport(request);
        this.forward = request.direction() == Direction.FORWARD;
        this.seeds = Set.copyOf(request.seeds());
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /** Runs the trace. */
    public TraceResult trace() {
        return run().result();
    }

    /** Runs the trace and keeps the exact taint behind its rounded figures. */
    public TaintTracer.Outcome run() {
        long started = System.nanoTime();
        Map<String, Long> snapshot = request.snapshot(store.lastBlocks());
        Discovery discovery = discover(started);
        return replay(discovery, snapshot);
    }

    /**
     * What discovery found: the transactions within reach, and who their payees (payers) are; when
     * the budget ran out, the hops followed (else -1) and the outputs reached but never followed.
     */
    private record Discovery(List<PlacedTransaction> transactions, Map<String, Attribution> attributions,
                             int budgetHops, Set<OutPoint> unfollowed) {
    }

    /** Forward, taint comes from the inputs; backward, from the outputs. */
    private List<Leg> sources(PlacedTransaction t) {
        return forward ? t.inputs() : t.outputs();
    }

    private List<Leg> targets(PlacedTransaction t) {
        return forward ? t.outputs() : t.inputs();
    }

    private boolean inWindow(PlacedTransaction t) {
        Window w = request.window();
        return t.blockNumber() >= w.sinceBlock() && t.blockNumber() <= w.untilBlock()
                && t.timestamp() >= w.sinceTime() && t.timestamp() <= w.untilTime();
    }

    private boolean dust(Leg leg) {
        return BigInteger.valueOf(leg.value()).compareTo(request.minAmount()) < 0;
    }

    private boolean terminal(Map<String, Attribution> attributions, String address) {
        return attributions.getOrDefault(address, Attribution.NONE).isTerminal(request.stopAt());
    }

    /**
     * The transactions that spend (forward) or created (backward) these outputs: one query. Those in
     * blocks after the request's as-of block do not exist for it: their outputs stay unspent.
     */
    private List<PlacedTransaction> expand(Collection<OutPoint> frontier) {
        List<PlacedTransaction> found;
        if (forward) {
            found = utxo.spenders(request.chain(), frontier);
        } else {
            Set<String> txids = new LinkedHashSet<>();
            frontier.forEach(p -> txids.add(p.txid()));
            found = utxo.placedTransactions(request.chain(), txids);
        }
        return found.stream().filter(t -> request.reads(t.blockNumber())).toList();
    }

    private Discovery discover(long started) {
        Map<String, PlacedTransaction> transactions = new HashMap<>();
        Map<String, Attribution> attributions = new HashMap<>();
        Set<OutPoint> seen = new HashSet<>(utxo.outputsPaying(request.chain(), request.seeds()));
        Collection<OutPoint> frontier = List.copyOf(seen);
        int budgetHops = -1;
        Set<OutPoint> unfollowed = Set.of();
        for (int hop = 1; hop <= request.maxHops() + 1 && !frontier.isEmpty(); hop++) {
            if (hop > 1 && budget.spent(started)) {
                budgetHops = hop - 1;
                unfollowed = new HashSet<>(frontier); // each output joins the frontier once: none was followed
                break;
            }
            List<PlacedTransaction> next = new ArrayList<>();
            for (PlacedTransaction t : expand(frontier)) {
                if (transactions.putIfAbsent(t.txid(), t) == null) {
                    next.add(t);
                }
            }
            if (hop > request.maxHops()) {
                break; // loaded only so that replay can report the taint the hop limit cuts
            }
            Set<String> unknown = new HashSet<>();
            next.forEach(t -> targets(t).forEach(l -> {
                if (!attributions.containsKey(l.address())) {
                    unknown.add(l.address());
                }
            }));
            Map<String, Attribution> found = store.attributions(request.chain(), unknown);
            unknown.forEach(a -> attributions.put(a, found.getOrDefault(a, Attribution.NONE)));

            List<OutPoint> grown = new ArrayList<>();
            for (PlacedTransaction t : next) {
                if (!inWindow(t)) {
                    continue;
                }
                for (Leg l : targets(t)) {
                    if (!seeds.contains(l.address()) && !dust(l) && !terminal(attributions, l.address())
                            && seen.add(l.outpoint())) {
                        grown.add(l.outpoint());
                    }
                }
            }
            frontier = grown;
        }
        List<PlacedTransaction> ordered = new ArrayList<>(transactions.values());
        ordered.sort(forward ? PlacedTransaction.CHAIN_ORDER : PlacedTransaction.CHAIN_ORDER.reversed());
        return new Discovery(ordered, attributions, budgetHops, unfollowed);
    }

    private TaintTracer.Outcome replay(Discovery d, Map<String, Long> snapshot) {
        String symbol = request.asset().displayName();
        Map<OutPoint, Parcel> taint = new HashMap<>();
        Map<OutPoint, Integer> hopOf = new HashMap<>();
        Map<OutPoint, String> ownerOf = new HashMap<>();
        // Forward, a tainted output rests when no loaded transaction spends it; backward, when none created it.
        Set<OutPoint> passedOn = new HashSet<>();
        Map<String, TraceReport.EndpointTally> endpoints = new TreeMap<>();
        List<List<TraceResult.Flow>> flowsByTransaction = new ArrayList<>();
        TraceReport.Tally tally = new TraceReport.Tally();

        for (PlacedTransaction t : d.transactions()) {
            sources(t).forEach(l -> passedOn.add(l.outpoint()));
            List<Parcel> in = new ArrayList<>();
            BigDecimal taintIn = BigDecimal.ZERO;
            BigDecimal fromSeeds = BigDecimal.ZERO;
            int nearest = Integer.MAX_VALUE;
            Leg firstTainted = null;
            for (Leg l : sources(t)) {
                Parcel p;
                if (seeds.contains(l.address())) {
                    p = UtxoTaintSplit.tainted(l.value());
                    fromSeeds = fromSeeds.add(p.tainted());
                    nearest = p.tainted().signum() > 0 ? 0 : nearest;
                } else {
                    p = taint.getOrDefault(l.outpoint(), UtxoTaintSplit.clean(l.value()));
                    if (p.tainted().signum() > 0) {
                        nearest = Math.min(nearest, hopOf.get(l.outpoint()));
                    }
                }
                if (p.tainted().signum() > 0 && firstTainted == null) {
                    firstTainted = l;
                }
                in.add(p);
                taintIn = taintIn.add(p.tainted());
            }
            if (taintIn.signum() == 0) {
                continue;
            }
            tally.seedFlow = tally.seedFlow.add(fromSeeds);
            int hop = nearest + 1;
            if (!inWindow(t)) {
                tally.cut(TraceReport.WINDOW, taintIn);
                continue;
            }
            if (hop > request.maxHops()) {
                tally.cut(TraceReport.HOP_LIMIT, taintIn);
                continue;
            }
            List<BigInteger> sinks = new ArrayList<>();
            targets(t).forEach(l -> sinks.add(BigInteger.valueOf(l.value())));
            BigInteger fee = BigInteger.valueOf(t.fee());
            if (forward) {
                sinks.add(fee); // the fee is taken last
            } else if (fee.signum() > 0) {
                in.add(UtxoTaintSplit.clean(t.fee())); // backward, the fee paid for itself
            }
            if (sinks.isEmpty()) {
                sinks.add(BigInteger.ZERO);
            }
            BigInteger produced = sinks.stream().reduce(BigInteger.ZERO, BigInteger::add);
            if (produced.signum() == 0) {
                tally.burned = tally.burned.add(taintIn); // backward into a coinbase: newly mined coins
                continue;
            }
            List<Parcel> out = UtxoTaintSplit.split(request.model(), in, sinks);
            List<TraceResult.Flow> flows = new ArrayList<>();
            List<Leg> targets = targets(t);
            for (int j = 0; j < targets.size(); j++) {
                Leg l = targets.get(j);
                Parcel p = out.get(j);
                if (p.tainted().signum() == 0) {
                    continue;
                }
                boolean toSeed = seeds.contains(l.address());
                if (!toSeed && dust(l)) {
                    tally.cut(TraceReport.DUST, p.tainted());
                    continue;
                }
                String from = forward ? firstTainted.address() : l.address();
                String to = forward ? l.address() : firstTainted.address();
                flows.add(new TraceResult.Flow(t.txid(), t.blockNumber(), TraceReport.time(t.timestamp()), from, to,
                        symbol, report.format(new BigDecimal(l.value())), report.format(p.tainted()), hop));
                if (toSeed) {
                    tally.seedFlow = tally.seedFlow.subtract(p.tainted()); // back with the seeds: still theirs
                } else if (terminal(d.attributions(), l.address())) {
                    endpoints.computeIfAbsent(l.address(), a -> new TraceReport.EndpointTally())
                            .add(t.txid(), t.timestamp(), p.tainted());
                } else {
                    taint.put(l.outpoint(), p);
                    hopOf.put(l.outpoint(), hop);
                    ownerOf.put(l.outpoint(), l.address());
                }
            }
            if (forward) {
                tally.burned = tally.burned.add(out.get(out.size() - 1).tainted()); // the miner's share
            }
            flowsByTransaction.add(flows);
        }
        if (!forward) {
            Collections.reverse(flowsByTransaction); // replayed in reverse; listed in chain order either way
        }
        List<TraceResult.Flow> flows = new ArrayList<>();
        flowsByTransaction.forEach(flows::addAll);

        Map<String, BigDecimal> heldBy = new HashMap<>();
        Map<String, Integer> hopOfHolder = new HashMap<>();
        Map<String, BigDecimal> unfollowedBy = new HashMap<>();
        taint.forEach((outpoint, p) -> {
            if (passedOn.contains(outpoint) || p.tainted().signum() == 0) {
                return;
            }
            if (d.unfollowed().contains(outpoint)) {
                unfollowedBy.merge(ownerOf.get(outpoint), p.tainted(), BigDecimal::add);
                return;
            }
            heldBy.merge(ownerOf.get(outpoint), p.tainted(), BigDecimal::add);
            hopOfHolder.merge(ownerOf.get(outpoint), hopOf.get(outpoint), Math::min);
        });
        BigDecimal held = heldBy.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        List<TraceResult.Holder> holders = heldBy.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(en -> new TraceResult.Holder(en.getKey(), report.format(en.getValue()), hopOfHolder.get(en.getKey())))
                .toList();
        TraceResult.TimeBudgetCut budgetCut = d.budgetHops() < 0 ? null : report.budgetCut(budget, d.budgetHops(),
                unfollowedBy.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add), unfollowedBy.size());
        return report.assemble(d.attributions(), snapshot, tally, endpoints, flows, held, holders, budgetCut);
    }
}
