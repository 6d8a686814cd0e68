package org.chaintrail.query;

import java.time.Instant;
import java.util.List;
import org.chaintrail.model.AddressSummary;
import org.chaintrail.model.Amounts;
import org.chaintrail.model.ConfidenceLevel;
import org.chaintrail.model.Label;

/**
 * The address JSON of {@code GET /api/v1/addresses/{chain}/{address}} and {@code chaintrail address}.
 *
 * @param chain     chain id
 * @param address   canonical form
 * @param labels    labels on the address
 * @param entity    its entity, or null
 * @param totals    per asset, native coin first
 * @param firstSeen ISO-8601 UTC time of its first transfer, or null
 * @param lastSeen  ISO-8601 UTC time of its last transfer, or null
 */
public record AddressView(String chain, String address, List<LabelView> labels, EntityView entity,
                          List<TotalView> totals, String firstSeen, String lastSeen) {

    /**
     * @param via        how the address joined: {@code label} or a heuristic such as {@code deposit-address}
     * @param confidence how far the attribution can be trusted: the TagPack confidence of its
     *                   weakest link (the label's, or lower when a rule joined the address)
     */
    public record EntityView(String id, String name, String category, String via, String confidence) {
    }

    public record LabelView(String label, String category, String abuse, String actor, String source,
                            String confidence) {
        static LabelView of(Label l) {
            return new LabelView(l.label(), l.category().orElse(null), l.abuse().orElse(null), l.actor().orElse(null),
                    l.source(), l.confidence().orElse(null));
        }
    }

    /**
     * @param asset    symbol (or the contract when the symbol is unknown)
     * @param contract token contract, or null for the native coin
     * @param decimals decimals, or null when unknown (amounts are then base units)
     */
    public record TotalView(String asset, String contract, Integer decimals, String received, String sent,
                            long transfersIn, long transfersOut) {
    }

    public static AddressView of(AddressSummary s) {
        var who = s.attribution();
        EntityView entity = who.entity().map(e -> new EntityView(e.id(), e.name(), e.category(),
                who.via().orElse(null), who.confidence().map(ConfidenceLevel::id).orElse(null))).orElse(null);
        List<TotalView> totals = s.totals().stream().map(t -> new TotalView(t.asset().displayName(),
                t.asset().contract().orElse(null), t.asset().decimals().orElse(null),
                Amounts.format(t.received(), t.asset().decimals()), Amounts.format(t.sent(), t.asset().decimals()),
                t.transfersIn(), t.transfersOut())).toList();
        boolean seen = !s.totals().isEmpty();
        return new AddressView(s.chain().id(), s.address(), who.labels().stream().map(LabelView::of).toList(), entity,
                totals, seen ? Instant.ofEpochSecond(s.firstSeen()).toString() : null,
                seen ? Instant.ofEpochSecond(s.lastSeen()).toString() : null);
    }
}
