package org.chaintrail.export;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chaintrail.analytics.tracing.TraceResult;

/**
 * A trace's flows as CSV (RFC 4180), one row per transfer that carried taint, in chain order, with
 * the entity of whichever side is an endpoint: the evidence table an analyst opens in a
 * spreadsheet. The same result gives the same bytes.
 */
public final class TraceCsv {
    static final List<String> HEADER = List.of("hop", "block", "timestamp", "tx_hash", "from", "from_entity",
            "from_category", "to", "to_entity", "to_category", "asset", "amount", "tainted_amount");

    private TraceCsv() {
    }

    public static String render(TraceResult r) {
        Map<String, TraceResult.Endpoint> endpoints = new HashMap<>();
        r.endpoints().forEach(e -> endpoints.put(e.address(), e));
        StringBuilder out = new StringBuilder(String.join(",", HEADER)).append("\r\n");
        for (TraceResult.Flow f : r.flows()) {
            TraceResult.Endpoint from = endpoints.get(f.from());
            TraceResult.Endpoint to = endpoints.get(f.to());
            row(out, String.valueOf(f.hop()), String.valueOf(f.blockNumber()), f.timestamp(), f.txHash(), f.from(),
                    entityName(from), from == null ? null : from.category(), f.to(), entityName(to),
                    to == null ? null : to.category(), f.asset(), f.amount(), f.taintedAmount());
        }
        return out.toString();
    }

    private static String entityName(TraceResult.Endpoint e) {
        return e == null || e.entity() == null ? null : e.entity().name();
    }

    private static void row(StringBuilder out, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(cells[i]));
        }
        out.append("\r\n");
    }

    /** Quotes a cell when it holds a comma, quote or line break; a leading =+-@ is neutralised against formula injection. */
    static String quote(String cell) {
        if (cell == null) {
            return "";
        }
        String safe = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 && !cell.matches("-?[0-9.]+") ? "'" + cell : cell;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
