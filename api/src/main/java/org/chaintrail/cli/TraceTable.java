package org.chaintrail.cli;

import java.util.List;
import org.chaintrail.analytics.tracing.TraceResult;

/** The trace for people: where the proceeds came to rest, per address and per entity. */
final class TraceTable {
    private TraceTable() {
    }

    static String render(TraceResult r) {
        var p = r.parameters();
        String unit = p.asset().symbol() == null ? "base units" : p.asset().symbol();
        StringBuilder out = new StringBuilder();
        out.append("Trace ").append(p.direction()).append(", ").append(p.model()).append(", max ").append(p.maxHops())
                .append(" hops, ").append(unit).append(" on ").append(p.chain()).append(", snapshot ")
                .append(r.snapshot()).append('\n');
        out.append("Seeds (").append(p.seeds().size()).append("): ").append(String.join(", ", p.seeds())).append('\n');
        boolean forward = p.direction().equals("forward");
        out.append(forward ? "Seeds sent " : "Seeds received ").append(r.summary().seedFlow()).append(' ').append(unit)
                .append("; ").append(r.summary().taintedToEndpoints()).append(forward ? " reached " : " came from ")
                .append(r.endpoints().size()).append(" endpoint(s) over ").append(r.summary().flowCount())
                .append(" tainted transfer(s)\n\n");

        out.append("Endpoints\n");
        TextTable endpoints = new TextTable(List.of("ENTITY", "CATEGORY", "ADDRESS", "HOW", unit, "SHARE", "TXS"),
                false, false, false, false, true, true, true);
        for (TraceResult.Endpoint e : r.endpoints()) {
            endpoints.row(e.entity() == null ? null : e.entity().name(), e.category(), e.address(),
                    e.via() == null ? null : e.via().equals("label") ? "labelled" : e.via(), e.taintedAmount(),
                    e.shareOfSeedFlow(), String.valueOf(e.txHashes().size()));
        }
        out.append(r.endpoints().isEmpty() ? "  (none)\n" : endpoints.render());

        if (!r.entities().isEmpty()) {
            out.append("\nPer entity\n");
            TextTable entities = new TextTable(List.of("ENTITY", "CATEGORY", unit, "ADDRESSES"), false, false, true, true);
            r.entities().forEach(e -> entities.row(e.entity().name(), e.entity().category(), e.taintedAmount(),
                    String.valueOf(e.addresses().size())));
            out.append(entities.render());
        }
        if (!r.holders().isEmpty()) {
            out.append(forward ? "\nStill held by unattributed addresses (" : "\nTrail ends at unattributed addresses (")
                    .append(r.summary().taintStillHeld()).append(' ').append(unit).append(")\n");
            TextTable holders = new TextTable(List.of("ADDRESS", unit, "HOP"), false, true, true);
            r.holders().forEach(h -> holders.row(h.address(), h.taintedAmount(), String.valueOf(h.hop())));
            out.append(holders.render());
        }
        cut(out, r.summary().cutByHopLimit(), unit, "the hop limit", "raise --max-hops to follow them");
        cut(out, r.summary().cutByWindow(), unit, "the window", "widen --since/--until to follow them");
        cut(out, r.summary().cutAsDust(), unit, "the dust limit", "lower --min-amount to follow them");
        return out.toString();
    }

    private static void cut(StringBuilder out, TraceResult.Cut cut, String unit, String limit, String hint) {
        if (cut.transfers() > 0) {
            out.append("\nCut by ").append(limit).append(": ").append(cut.taint()).append(' ').append(unit).append(" in ")
                    .append(cut.transfers()).append(" transfer(s); ").append(hint).append('\n');
        }
    }
}
