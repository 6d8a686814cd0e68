package org.chaintrail.cli;

import java.util.List;
import org.chaintrail.analytics.tracing.TraceResult;

/**
 * A backward trace from scam wallets, for people: the payments into the seeds (the victims), and
 * the terminals behind them (where the victims bought their coins).
 */
final class VictimTable {
    private VictimTable() {
    }

    static String render(TraceResult back) {
        String unit = back.parameters().asset().symbol() == null ? "base units" : back.parameters().asset().symbol();
        List<TraceResult.Flow> payments = back.flows().stream().filter(f -> f.hop() == 1).toList();
        long payers = payments.stream().map(TraceResult.Flow::from).distinct().count();
        StringBuilder out = new StringBuilder("Where the money came from (backward, ")
                .append(back.parameters().model()).append("): ").append(payments.size()).append(" payment(s) from ")
                .append(payers).append(" payer(s), ").append(back.summary().seedFlow()).append(' ').append(unit)
                .append('\n');
        TextTable table = new TextTable(List.of("TIME", "PAYER", "PAID TO", unit, "TX"), false, false, false, true, false);
        payments.forEach(f -> table.row(f.timestamp(), f.from(), f.to(), f.amount(), f.txHash().substring(0, 18) + "…"));
        out.append(table.render());
        out.append("Bought at\n");
        TextTable sources = new TextTable(List.of("ENTITY", "CATEGORY", "ADDRESS", unit), false, false, false, true);
        back.endpoints().forEach(e -> sources.row(e.entity() == null ? null : e.entity().name(), e.category(),
                e.address(), e.taintedAmount()));
        out.append(back.endpoints().isEmpty() ? "  (no terminal found)\n" : sources.render());
        return out.toString();
    }
}
