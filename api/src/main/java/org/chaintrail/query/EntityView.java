package org.chaintrail.query;

import java.util.List;
import java.util.Map;
import org.chaintrail.model.Amounts;
import org.chaintrail.model.Asset;
import org.chaintrail.model.EntityPage;

/**
 * The entity JSON of {@code GET /api/v1/entities/{id}} and {@code chaintrail entity}.
 *
 * @param id             the entity id
 * @param name           the name for people ({@code conflict: A | B} when labels disagree)
 * @param category       its category ({@code unknown} for a cluster no label names)
 * @param confidence     how far its name can be trusted: a TagPack confidence id (for a cluster, its weakest link)
 * @param kind           {@code cluster} or {@code label}
 * @param members        member addresses
 * @param membersByVia   members by how they joined
 * @param owners         for a cluster: the label entities of its labelled members
 * @param conflict       whether those name more than one owner
 * @param labels         labels on members (a page)
 * @param flows          per chain and asset, received from and sent to non-members
 * @param counterparties the largest counterparties per chain and asset
 */
public record EntityView(String id, String name, String category, String confidence, String kind, long members,
                         Map<String, Long> membersByVia, List<String> owners, boolean conflict,
                         List<MemberLabel> labels, List<FlowView> flows, List<CounterpartyView> counterparties) {

    public record MemberLabel(String chain, String address, AddressView.LabelView label) {
    }

    public record FlowView(String chain, String asset, String contract, Integer decimals, String received, String sent,
                           long transactionsIn, long transactionsOut) {
    }

    /** @param entity the counterparty's entity, or null */
    public record CounterpartyView(String chain, String asset, String address, AddressView.EntityView entity,
                                   String received, String sent, List<String> evidence) {
    }

    public static EntityView of(EntityPage p) {
        return new EntityView(p.entity().id(), p.entity().name(), p.entity().category(),
                p.entity().confidence().orElse(null), p.kind(), p.members(),
                p.membersByVia(), p.owners(), p.conflict(),
                p.labels().stream().map(l -> new MemberLabel(l.chain().id(), l.address(),
                        AddressView.LabelView.of(l.label()))).toList(),
                p.flows().stream().map(f -> new FlowView(f.asset().chain().id(), f.asset().displayName(),
                        f.asset().contract().orElse(null), f.asset().decimals().orElse(null),
                        format(f.received(), f.asset()), format(f.sent(), f.asset()), f.txsIn(), f.txsOut())).toList(),
                p.counterparties().stream().map(c -> new CounterpartyView(c.asset().chain().id(),
                        c.asset().displayName(), c.address(),
                        c.entity().map(e -> new AddressView.EntityView(e.id(), e.name(), e.category(), null,
                                e.confidence().orElse(null))).orElse(null),
                        format(c.received(), c.asset()), format(c.sent(), c.asset()), c.evidence())).toList());
    }

    private static String format(java.math.BigInteger amount, Asset asset) {
        return Amounts.format(amount, asset.decimals());
    }
}
