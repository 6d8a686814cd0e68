package org.chaintrail.query;

import org.chaintrail.model.Asset;
import org.chaintrail.model.Watch;

/**
 * A watch as the API and {@code chaintrail watch list} show it.
 *
 * @param id             the watch's id
 * @param caseId         its case
 * @param chain          chain id
 * @param address        the watched address
 * @param asset          symbol (or the contract when the symbol is unknown)
 * @param contract       token contract, or null for the native coin
 * @param model          taint model
 * @param maxHops        hop limit
 * @param sinceBlock     the first block whose transfers count
 * @param addedBy        who added it
 * @param addedAt        when, ISO-8601 UTC
 * @param checkedThrough the last block the latest check covered, or null before the first check
 */
public record WatchView(String id, String caseId, String chain, String address, String asset, String contract,
                        String model, int maxHops, long sinceBlock, String addedBy, String addedAt,
                        Long checkedThrough) {

    /** @param asset the watch's asset, with its symbol when the graph knows it */
    public static WatchView of(Watch w, Asset asset) {
        return new WatchView(w.id(), w.caseId(), w.chain().id(), w.address(), asset.displayName(),
                asset.contract().orElse(null), w.model(), w.maxHops(), w.sinceBlock(), w.addedBy(),
                w.addedAt().toString(), w.checkedThrough().isPresent() ? w.checkedThrough().getAsLong() : null);
    }
}
