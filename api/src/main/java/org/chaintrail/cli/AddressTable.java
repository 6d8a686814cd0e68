package org.chaintrail.cli;

import java.util.List;
import org.chaintrail.query.AddressView;

/** An address for people. */
final class AddressTable {
    private AddressTable() {
    }

    static String render(AddressView v) {
        StringBuilder out = new StringBuilder();
        out.append(v.chain()).append(' ').append(v.address()).append('\n');
        out.append("Entity: ").append(v.entity() == null ? "none"
                : v.entity().name() + " (" + v.entity().category() + ", by " + v.entity().via() + ")").append('\n');
        out.append("Seen: ").append(v.firstSeen() == null ? "never" : v.firstSeen() + " to " + v.lastSeen()).append('\n');
        if (!v.labels().isEmpty()) {
            out.append("\nLabels\n");
            TextTable labels = new TextTable(List.of("LABEL", "CATEGORY", "ABUSE", "CONFIDENCE", "SOURCE"));
            v.labels().forEach(l -> labels.row(l.label(), l.category(), l.abuse(), l.confidence(), l.source()));
            out.append(labels.render());
        }
        if (!v.totals().isEmpty()) {
            out.append("\nTotals\n");
            TextTable totals = new TextTable(List.of("ASSET", "RECEIVED", "SENT", "IN", "OUT"), false, true, true, true, true);
            v.totals().forEach(t -> totals.row(t.decimals() == null ? t.asset() + " (base units)" : t.asset(),
                    t.received(), t.sent(), String.valueOf(t.transfersIn()),
                    String.valueOf(t.transfersOut())));
            out.append(totals.render());
        }
        return out.toString();
    }
}
