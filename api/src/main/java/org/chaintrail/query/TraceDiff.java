package org.chaintrail.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.analytics.tracing.TraceResult.Endpoint;
import org.chaintrail.analytics.tracing.TraceResult.Flow;

/**
 * How two results of the same trace differ: summary figures, endpoints (by address) and flows (by
 * transaction, payer and payee). Every list is sorted, so the same two results give the same diff.
 *
 * @param summary          summary figures that differ, in the summary's order
 * @param endpointsAdded   endpoints only the newer result has, by address
 * @param endpointsRemoved endpoints only the older result has, by address
 * @param endpointsChanged endpoints in both whose amount, attribution or transactions differ, by address
 * @param flowsAdded       flows only the newer result has, in chain order
 * @param flowsRemoved     flows only the older result has, in chain order
 * @param flowsChanged     flows in both whose block, amount, taint or hop differ, in chain order
 */
public record TraceDiff(List<FieldChange> summary, List<Endpoint> endpointsAdded, List<Endpoint> endpointsRemoved,
                        List<EndpointChange> endpointsChanged, List<Flow> flowsAdded, List<Flow> flowsRemoved,
                        List<FlowChange> flowsChanged) {
    private static final Comparator<Flow> CHAIN_ORDER = Comparator.comparingLong(Flow::blockNumber)
            .thenComparing(Flow::txHash).thenComparing(Flow::from).thenComparing(Flow::to);

    public TraceDiff {
        summary = List.copyOf(summary);
        endpointsAdded = List.copyOf(endpointsAdded);
        endpointsRemoved = List.copyOf(endpointsRemoved);
        endpointsChanged = List.copyOf(endpointsChanged);
        flowsAdded = List.copyOf(flowsAdded);
        flowsRemoved = List.copyOf(flowsRemoved);
        flowsChanged = List.copyOf(flowsChanged);
    }

    /**
     * A figure that differs.
     *
     * @param field its name ({@code seedFlow}, {@code cutByWindow.taint}, {@code taintedAmount})
     * @param was   in the older result
     * @param now   in the newer result
     */
    public record FieldChange(String field, String was, String now) {
    }

    /**
     * @param address the endpoint
     * @param changes what differs
     */
    public record EndpointChange(String address, List<FieldChange> changes) {
    }

    /**
     * @param txHash  the transaction
     * @param from    payer
     * @param to      payee
     * @param changes what differs
     */
    public record FlowChange(String txHash, String from, String to, List<FieldChange> changes) {
    }

    /** The differences from {@code was} to {@code now}. */
    public static TraceDiff between(TraceResult was, TraceResult now) {
        List<FieldChange> summary = new ArrayList<>();
        summaryFields(was.summary()).forEach((field, value) ->
                change(summary, field, value, summaryFields(now.summary()).get(field)));

        Map<String, Endpoint> endpointsWas = byKey(was.endpoints(), Endpoint::address);
        Map<String, Endpoint> endpointsNow = byKey(now.endpoints(), Endpoint::address);
        List<EndpointChange> endpointsChanged = new ArrayList<>();
        endpointsWas.forEach((address, e) -> {
            Endpoint n = endpointsNow.get(address);
            if (n != null) {
                List<FieldChange> changes = new ArrayList<>();
                change(changes, "taintedAmount", e.taintedAmount(), n.taintedAmount());
                change(changes, "entity", entityId(e), entityId(n));
                change(changes, "category", e.category(), n.category());
                change(changes, "via", e.via(), n.via());
                change(changes, "txHashes", String.join(" ", e.txHashes()), String.join(" ", n.txHashes()));
                if (!changes.isEmpty()) {
                    endpointsChanged.add(new EndpointChange(address, changes));
                }
            }
        });

        Map<List<String>, Flow> flowsWas = flowsByKey(was.flows());
        Map<List<String>, Flow> flowsNow = flowsByKey(now.flows());
        List<FlowChange> flowsChanged = new ArrayList<>();
        flowsWas.entrySet().stream().sorted(Map.Entry.comparingByValue(CHAIN_ORDER)).forEach(en -> {
            Flow f = en.getValue();
            Flow n = flowsNow.get(en.getKey());
            if (n != null) {
                List<FieldChange> changes = new ArrayList<>();
                change(changes, "blockNumber", String.valueOf(f.blockNumber()), String.valueOf(n.blockNumber()));
                change(changes, "amount", f.amount(), n.amount());
                change(changes, "taintedAmount", f.taintedAmount(), n.taintedAmount());
                change(changes, "hop", String.valueOf(f.hop()), String.valueOf(n.hop()));
                if (!changes.isEmpty()) {
                    flowsChanged.add(new FlowChange(f.txHash(), f.from(), f.to(), changes));
                }
            }
        });
        return new TraceDiff(summary, missingFrom(endpointsWas, endpointsNow), missingFrom(endpointsNow, endpointsWas),
                endpointsChanged, flowsOnlyIn(flowsNow, flowsWas), flowsOnlyIn(flowsWas, flowsNow), flowsChanged);
    }

    /** Whether the two results differ in any figure compared. */
    public boolean differs() {
        return !(summary.isEmpty() && endpointsAdded.isEmpty() && endpointsRemoved.isEmpty()
                && endpointsChanged.isEmpty() && flowsAdded.isEmpty() && flowsRemoved.isEmpty()
                && flowsChanged.isEmpty());
    }

    private static Map<String, String> summaryFields(TraceResult.Summary s) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("seedFlow", s.seedFlow());
        fields.put("taintedToEndpoints", s.taintedToEndpoints());
        fields.put("taintStillHeld", s.taintStillHeld());
        cut(fields, "cutByHopLimit", s.cutByHopLimit());
        cut(fields, "cutByWindow", s.cutByWindow());
        cut(fields, "cutAsDust", s.cutAsDust());
        fields.put("taintBurned", s.taintBurned());
        fields.put("flowCount", String.valueOf(s.flowCount()));
        return fields;
    }

    private static void cut(Map<String, String> fields, String name, TraceResult.Cut cut) {
        fields.put(name + ".taint", cut.taint());
        fields.put(name + ".transfers", String.valueOf(cut.transfers()));
    }

    private static void change(List<FieldChange> changes, String field, String was, String now) {
        if (!Objects.equals(was, now)) {
            changes.add(new FieldChange(field, was, now));
        }
    }

    private static String entityId(Endpoint e) {
        return e.entity() == null ? null : e.entity().id();
    }

    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        Map<String, T> result = new TreeMap<>();
        items.forEach(i -> result.put(key.apply(i), i));
        return result;
    }

    private static List<Endpoint> missingFrom(Map<String, Endpoint> other, Map<String, Endpoint> these) {
        return these.values().stream().filter(e -> !other.containsKey(e.address())).toList();
    }

    /**
     * Flows keyed by transaction, payer, payee and which of that transaction's flows between them it
     * is (a transaction may move the same token twice between the same two addresses).
     */
    private static Map<List<String>, Flow> flowsByKey(List<Flow> flows) {
        Map<List<String>, Integer> seen = new HashMap<>();
        Map<List<String>, Flow> result = new LinkedHashMap<>();
        for (Flow f : flows) {
            List<String> base = List.of(f.txHash(), f.from(), f.to());
            int n = seen.merge(base, 1, Integer::sum);
            result.put(List.of(f.txHash(), f.from(), f.to(), String.valueOf(n)), f);
        }
        return result;
    }

    private static List<Flow> flowsOnlyIn(Map<List<String>, Flow> these, Map<List<String>, Flow> other) {
        return these.entrySet().stream().filter(e -> !other.containsKey(e.getKey())).map(Map.Entry::getValue)
                .sorted(CHAIN_ORDER).toList();
    }
}
