package org.chaintrail.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.chaintrail.analytics.tracing.TraceRequest;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Attribution;
import org.chaintrail.model.Authored;
import org.chaintrail.model.Chain;
import org.chaintrail.model.LabelAttachment;
import org.chaintrail.model.StoredTrace;
import org.chaintrail.model.TraceEvidence;
import org.chaintrail.query.RerunReport.AttributionChange;
import org.chaintrail.query.RerunReport.LabelEvent;
import org.chaintrail.query.RerunReport.RewrittenBlock;

/**
 * Keeps what a saved trace needs to be re-run and compared, and re-runs it ({@link RerunReport}
 * says how). The snapshot run reads the chain as of the snapshot's last block
 * ({@link TraceRequest#asOf}), not with the window's end moved there: a window's end would still
 * let later transfers move balances and count their taint as cut, which is not what was stored then.
 */
final class TraceRerunner {
    /** Sentences list this many transactions, then say how many more the structured answer has. */
    private static final int LISTED = 10;
    private static final TypeReference<TreeMap<String, AttributionView>> ATTRIBUTIONS = new TypeReference<>() {
    };

    private final GraphStore store;

    TraceRerunner(GraphStore store) {
        this.store = store;
    }

    /** What to keep with a result: its JSON, the hashes of its blocks, its addresses' attribution. */
    TraceEvidence evidence(TraceResult result, String resultJson) {
        Chain chain = Chain.of(result.parameters().chain());
        TreeSet<Long> blocks = new TreeSet<>();
        result.flows().forEach(f -> blocks.add(f.blockNumber()));
        Long snapshot = result.snapshot().get(chain.id());
        if (snapshot != null) {
            blocks.add(snapshot);
        }
        Map<String, AttributionView> attributed = new TreeMap<>();
        store.attributions(chain, addresses(result)).forEach((address, a) -> {
            AttributionView view = AttributionView.of(a);
            if (view != null) {
                attributed.put(address, view);
            }
        });
        return new TraceEvidence(resultJson, store.cases().blockHashes(chain, blocks), Json.write(attributed));
    }

    /** A stored result as it was answered. */
    static TraceResult result(String json) {
        return read(json, TraceResult.class);
    }

    /** A stored query: the request as the API took it. */
    static TraceQuery query(String json) {
        return read(json, TraceQuery.class);
    }

    /**
     * Runs a saved trace on the snapshot's blocks and on today's, and compares both with the result
     * as saved.
     *
     * @param caseId the case it is saved in
     * @param stored the saved trace
     * @param by     who runs it again, and when
     */
    RerunReport rerun(String caseId, StoredTrace stored, Authored by) {
        TraceResult saved = result(stored.evidence().result());
        TraceRequest request = query(stored.trace().query()).sameAsset(saved.parameters().asset()).toRequest(store);
        String chain = request.chain().id();
        Long snapshotBlock = saved.snapshot().get(chain);
        TraceResult today = TraceQuery.run(store, request);
        // Saved on a chain with no blocks, the trace had nothing to read: every difference is new.
        TraceResult atSnapshot = snapshotBlock == null ? saved : TraceQuery.run(store, request.asOf(snapshotBlock));
        Long currentBlock = today.snapshot().get(chain);

        TraceDiff historyDiff = TraceDiff.between(saved, atSnapshot);
        TraceDiff newBlocksDiff = TraceDiff.between(atSnapshot, today);
        List<String> causes = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        if (!stored.intact()) {
            reasons.add("the saved result no longer has the SHA-256 " + stored.trace().resultSha256()
                    + " recorded when it was saved: it was altered in the database, and is compared as it is now");
        }
        RerunReport.History history = null;
        RerunReport.NewBlocks newBlocks = null;
        if (historyDiff.differs()) {
            causes.add(RerunReport.HISTORY);
            history = history(request.chain(), saved, stored, by);
            reasons.addAll(historyReasons(history, historyDiff, snapshotBlock));
        }
        if (newBlocksDiff.differs()) {
            causes.add(RerunReport.NEW_BLOCKS);
            long first = snapshotBlock == null ? 0 : snapshotBlock + 1;
            newBlocks = new RerunReport.NewBlocks(first, currentBlock == null ? first : currentBlock,
                    today.flows().stream().filter(f -> f.blockNumber() >= first).toList());
            reasons.add(newBlocksReason(newBlocks, request.chain()));
        }
        if (causes.isEmpty()) {
            reasons.add("unchanged: the summary, endpoints and flows are those saved " + stored.trace().saved().at()
                    + ", on the snapshot's blocks" + (snapshotBlock == null ? "" : " (to " + snapshotBlock + ")")
                    + " and on today's" + (currentBlock == null ? "" : " (to " + currentBlock + ")"));
        }
        return new RerunReport(caseId, stored.trace().id(), stored.intact(), by.by(), by.at().toString(),
                causes.isEmpty() ? RerunReport.UNCHANGED : RerunReport.CHANGED, causes, chain, snapshotBlock,
                currentBlock, historyDiff, TraceDiff.between(saved, today), history, newBlocks, reasons);
    }

    private RerunReport.History history(Chain chain, TraceResult saved, StoredTrace stored, Authored by) {
        Map<String, AttributionView> was = read(stored.evidence().attributions(), ATTRIBUTIONS);
        List<String> addresses = addresses(saved);
        Map<String, Attribution> now = store.attributions(chain, addresses);
        Instant savedAt = stored.trace().saved().at();
        List<AttributionChange> attribution = new ArrayList<>();
        for (String address : addresses) {
            AttributionView before = was.get(address);
            AttributionView after = AttributionView.of(now.getOrDefault(address, Attribution.NONE));
            if (!Objects.equals(before, after)) {
                attribution.add(new AttributionChange(address, before, after, labelEvents(chain, address, savedAt)));
            }
        }
        SortedMap<Long, String> hashes = stored.evidence().blockHashes();
        SortedMap<Long, String> current = store.cases().blockHashes(chain, hashes.keySet());
        List<RewrittenBlock> rewritten = new ArrayList<>();
        hashes.forEach((number, hash) -> {
            if (!hash.equals(current.get(number))) {
                rewritten.add(new RewrittenBlock(number, hash, current.get(number)));
            }
        });
        return new RerunReport.History(attribution, rewritten);
    }

    /** Label attachments made or retracted on the address after {@code since}, in time order. */
    private List<LabelEvent> labelEvents(Chain chain, String address, Instant since) {
        List<LabelEvent> events = new ArrayList<>();
        for (LabelAttachment a : store.labels().history(chain, address)) {
            String label = a.target().label().label();
            String source = a.target().label().source();
            if (a.added().at().isAfter(since)) {
                events.add(new LabelEvent(a.added().at().toString(), a.added().by(), "added", label, source, null));
            }
            a.retracted().filter(r -> r.at().isAfter(since)).ifPresent(r -> events.add(
                    new LabelEvent(r.at().toString(), r.by(), "retracted", label, source, r.reason())));
        }
        events.sort(Comparator.comparing(LabelEvent::at).thenComparing(LabelEvent::action)
                .thenComparing(LabelEvent::label));
        return events;
    }

    private static List<String> historyReasons(RerunReport.History history, TraceDiff diff, Long snapshotBlock) {
        List<String> reasons = new ArrayList<>();
        for (AttributionChange c : history.attribution()) {
            String events = c.labelEvents().stream().map(e -> "label '" + e.label() + "' " + e.action() + " by "
                    + e.by() + " at " + e.at() + (e.reason() == null ? "" : " (" + e.reason() + ")"))
                    .collect(Collectors.joining("; "));
            reasons.add("attribution of " + c.address() + " changed since the trace was saved: "
                    + AttributionView.describe(c.was()) + " -> " + AttributionView.describe(c.now())
                    + (events.isEmpty() ? "" : "; " + events));
        }
        for (RewrittenBlock b : history.rewrittenBlocks()) {
            reasons.add("block " + b.number() + " was " + b.was() + " when the trace was saved and is "
                    + (b.now() == null ? "no longer stored" : b.now()) + ": a reorganisation rewrote it");
        }
        if (reasons.isEmpty()) {
            reasons.add("the stored transfers of the blocks to " + snapshotBlock + " differ from when the trace was "
                    + "saved, though no attribution of its addresses and no block hash it rests on changed: "
                    + flowsText(diff));
        }
        return reasons;
    }

    private static String newBlocksReason(RerunReport.NewBlocks nb, Chain chain) {
        String blocks = "blocks " + nb.from() + " to " + nb.to() + " of " + chain.id()
                + " were stored after the trace was saved";
        if (nb.flows().isEmpty()) {
            return blocks + "; they change the figures but carry no flow the trace follows";
        }
        return blocks + "; new flows: " + hashes(nb.flows());
    }

    private static String flowsText(TraceDiff diff) {
        List<String> parts = new ArrayList<>();
        if (!diff.flowsAdded().isEmpty()) {
            parts.add("flows added " + hashes(diff.flowsAdded()));
        }
        if (!diff.flowsRemoved().isEmpty()) {
            parts.add("flows removed " + hashes(diff.flowsRemoved()));
        }
        if (!diff.flowsChanged().isEmpty()) {
            parts.add("flows changed " + diff.flowsChanged().stream().map(TraceDiff.FlowChange::txHash).distinct()
                    .collect(Collectors.joining(", ")));
        }
        return parts.isEmpty() ? "the summary figures differ" : String.join("; ", parts);
    }

    private static String hashes(List<TraceResult.Flow> flows) {
        List<String> distinct = flows.stream().map(TraceResult.Flow::txHash).distinct().toList();
        String listed = String.join(", ", distinct.subList(0, Math.min(LISTED, distinct.size())));
        return distinct.size() > LISTED ? listed + " and " + (distinct.size() - LISTED) + " more" : listed;
    }

    /** Every address a result names: seeds, endpoints, flows' payers and payees, holders; sorted. */
    private static List<String> addresses(TraceResult r) {
        TreeSet<String> addresses = new TreeSet<>(r.parameters().seeds());
        r.endpoints().forEach(e -> addresses.add(e.address()));
        r.flows().forEach(f -> {
            addresses.add(f.from());
            addresses.add(f.to());
        });
        r.holders().forEach(h -> addresses.add(h.address()));
        return List.copyOf(addresses);
    }

    /** Stored JSON of a type: a result, a query, a headline. */
    static <T> T read(String json, Class<T> type) {
        return read(json, Json.MAPPER.constructType(type));
    }

    private static <T> T read(String json, TypeReference<T> type) {
        return read(json, Json.MAPPER.getTypeFactory().constructType(type));
    }

    /** Stored JSON, read leniently: a field a later version dropped does not make old traces unreadable. */
    private static <T> T read(String json, JavaType type) {
        try {
            return Json.MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getRawClass().getSimpleName() + " is not readable JSON", e);
        }
    }
}
