package org.chaintrail.query;

import static org.chaintrail.query.InvalidFieldException.check;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.chaintrail.analytics.tracing.TraceRequest;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Watch;

/**
 * A watch as the API receives it: text, unchecked. The asset, model and hop limit are validated as
 * a forward trace from the address would be ({@link TraceQuery}), with its defaults; each error
 * names its field.
 *
 * @param chain      chain id
 * @param address    the address to watch
 * @param asset      symbol, contract or the native coin's symbol
 * @param model      taint model
 * @param maxHops    hop limit
 * @param sinceBlock the first block whose transfers count: a block number; absent means the block
 *                   after the last one stored, so that only money that moves from now on alerts
 */
public record WatchQuery(String chain, String address, String asset, String model, Integer maxHops,
                         String sinceBlock) {

    /**
     * Validates every field into a new watch of a case.
     *
     * @param caseId  the case
     * @param addedBy who adds it
     * @param addedAt when
     * @throws InvalidFieldException naming the first field that is wrong
     */
    public Watch toWatch(GraphStore store, String caseId, String addedBy, Instant addedAt) {
        Chain c = check("chain", () -> Chain.of(chain));
        if (address == null || address.isBlank()) {
            throw new InvalidFieldException("address", "is required");
        }
        String watched = check("address", () -> c.canonicalAddress(address));
        OptionalLong since = parseBlock(sinceBlock);
        TraceRequest trace = new TraceQuery(c.id(), List.of(watched), asset, "forward", model, maxHops)
                .toRequest(store);
        long first = since.orElseGet(() -> store.lastBlocks().getOrDefault(c.id(), -1L) + 1);
        return new Watch(UUID.randomUUID().toString(), caseId, c, watched, trace.asset().key(),
                trace.model().name(), trace.maxHops(), first, addedBy, addedAt, OptionalLong.empty());
    }

    private static OptionalLong parseBlock(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        String t = text.trim();
        if (!t.matches("\\d{1,18}")) {
            throw new InvalidFieldException("sinceBlock", "must be a block number (0 or more), was '" + text + "'");
        }
        return OptionalLong.of(Long.parseLong(t));
    }
}
