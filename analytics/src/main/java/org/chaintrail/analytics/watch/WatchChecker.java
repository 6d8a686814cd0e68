package org.chaintrail.analytics.watch;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.chaintrail.analytics.tracing.Direction;
import org.chaintrail.analytics.tracing.TaintModel;
import org.chaintrail.analytics.tracing.TaintTracer;
import org.chaintrail.analytics.tracing.TraceRequest;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.analytics.tracing.UtxoTaintTracer;
import org.chaintrail.analytics.tracing.Window;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Alert;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Entity;
import org.chaintrail.model.Watch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the watches of a chain: for each, a forward trace from the watched address under the
 * watch's model, asset and hop limit, over the blocks from its {@code sinceBlock} to the last one
 * stored, stopping at DESIGN.md's terminals. Every transaction that brought taint to a terminal is
 * an alert, with the tainted amount it brought, its block and the terminal's entity; alerts found
 * by an earlier check are not raised again ({@link Alert#idOf} names one by watch, terminal and
 * transaction). The whole window is traced again each time, because taint at an address depends
 * on everything it received before; only the arrivals are new.
 *
 * <p>Cost: one indexed read when nobody watches the chain; else one trace per watch (see
 * {@link TaintTracer} and {@link UtxoTaintTracer}) and two writes. Known limit: a terminal is what
 * the graph says when the check runs. A deposit address becomes one when the deposit-address
 * heuristic sees it sweep to its exchange and entities are rebuilt; until then, funds resting there
 * are held, not arrived, and they alert when they reach the exchange's hot wallet, or at the first
 * check after the entities are rebuilt, whichever comes first (then both alert).
 */
public final class WatchChecker {
    private static final Logger LOG = LoggerFactory.getLogger(WatchChecker.class);

    private final GraphStore store;
    private final Clock clock;

    /**
     * @param store the graph
     * @param clock when alerts are raised
     */
    public WatchChecker(GraphStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public WatchChecker(GraphStore store) {
        this(store, Clock.systemUTC());
    }

    /**
     * Checks every watch of the chain that has not been removed, and records the block each check
     * covered. A watch whose check fails is reported and the others are checked all the same.
     */
    public WatchCheck check(Chain chain) {
        List<Watch> watches = store.watches().active(chain);
        if (watches.isEmpty()) {
            return WatchCheck.nothingWatched(chain);
        }
        Long last = store.lastBlocks().get(chain.id());
        if (last == null) {
            return new WatchCheck(chain, watches.size(), OptionalLong.empty(), List.of(), Map.of());
        }
        Instant now = clock.instant();
        List<Alert> raised = new ArrayList<>();
        Map<String, String> failures = new TreeMap<>();
        for (Watch watch : watches) {
            try {
                List<Alert> found = watch.sinceBlock() > last ? List.of() : arrivals(watch, last, now);
                Set<String> fresh = store.watches().raise(found);
                found.stream().filter(a -> fresh.contains(a.id())).forEach(raised::add);
                store.watches().checked(watch.id(), last);
            } catch (RuntimeException e) {
                LOG.warn("{}: the check of watch {} ({}) failed: {}", chain.id(), watch.id(), watch.address(),
                        e.getMessage(), e);
                failures.put(watch.id(), String.valueOf(e.getMessage()));
            }
        }
        return new WatchCheck(chain, watches.size(), OptionalLong.of(last), raised, failures);
    }

    /** Every arrival of the watch's funds at a terminal in its window, one per terminal and transaction. */
    private List<Alert> arrivals(Watch watch, long last, Instant now) {
        Chain chain = watch.chain();
        Asset asset = store.assets(chain, List.of(watch.asset())).get(watch.asset());
        TraceRequest request = new TraceRequest(chain, List.of(watch.address()), asset, Direction.FORWARD,
                TaintModel.of(watch.model()), watch.maxHops(),
                new Window(watch.sinceBlock(), last, Long.MIN_VALUE, Long.MAX_VALUE), BigInteger.ZERO,
                TraceRequest.DEFAULT_STOP_AT);
        TraceResult result = chain.isUtxo() ? new UtxoTaintTracer(store, request).trace()
                : new TaintTracer(store, request).trace();
        Map<String, TraceResult.Endpoint> terminals = new HashMap<>();
        result.endpoints().forEach(e -> terminals.put(e.address(), e));
        // Flows are in chain order; two flows of one transaction into one terminal are one arrival.
        Map<List<String>, Arrival> arrivals = new LinkedHashMap<>();
        for (TraceResult.Flow f : result.flows()) {
            if (terminals.containsKey(f.to())) {
                arrivals.computeIfAbsent(List.of(f.to(), f.txHash()), k -> new Arrival(f)).add(f);
            }
        }
        List<Alert> alerts = new ArrayList<>();
        for (Arrival a : arrivals.values()) {
            TraceResult.Endpoint terminal = terminals.get(a.first.to());
            Optional<Entity> entity = Optional.ofNullable(terminal.entity())
                    .map(e -> new Entity(e.id(), e.name(), e.category()));
            alerts.add(new Alert(Alert.idOf(watch.id(), terminal.address(), a.first.txHash()), watch.id(),
                    watch.caseId(), chain, watch.address(), terminal.address(), entity,
                    Optional.ofNullable(terminal.category()), asset.displayName(), asset.contract(), a.amount(),
                    a.first.txHash(), a.first.blockNumber(), Instant.parse(a.first.timestamp()), a.hops, now,
                    Alert.Delivery.NONE));
        }
        alerts.sort(Comparator.comparingLong(Alert::blockNumber).thenComparing(Alert::txHash)
                .thenComparing(Alert::terminal));
        return alerts;
    }

    /** The flows of one transaction into one terminal. */
    private static final class Arrival {
        private final TraceResult.Flow first;
        private final List<String> amounts = new ArrayList<>();
        private int hops = Integer.MAX_VALUE;

        Arrival(TraceResult.Flow first) {
            this.first = first;
        }

        void add(TraceResult.Flow f) {
            amounts.add(f.taintedAmount());
            hops = Math.min(hops, f.hop());
        }

        /** The trace's figure; the exact sum of its figures when the transaction made several transfers. */
        String amount() {
            if (amounts.size() == 1) {
                return amounts.get(0);
            }
            return amounts.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .stripTrailingZeros().toPlainString();
        }
    }
}
