package org.chaintrail.export;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.chaintrail.analytics.tracing.TraceResult;

/**
 * A case as one printable page: the case, then per saved trace its method and parameters in
 * words, the data snapshot, the summary figures, the trace graph, the endpoints and every flow with
 * its transaction hash and block time; then the case's addresses with their labels, and the notes.
 * The page is self-contained (inline CSS and SVG, no scripts, no external resources), prints on A4
 * with a page per trace, and is well-formed XML (XHTML-compatible markup) so that it also parses as
 * a document. Every text from the dossier is escaped, and the same dossier gives the same bytes:
 * the page states the case's latest change, never the time it was rendered.
 */
public final class CaseReport {
    private static final String CSS = """
            @page { size: A4; margin: 14mm 12mm; }
            @page wide { size: A4 landscape; margin: 10mm 10mm; }
            body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 10pt; color: #17202a;
              line-height: 1.35; max-width: 1120px; margin: 0 auto; padding: 18px; }
            h1 { font-size: 18pt; margin: 0 0 4px; }
            h2 { font-size: 14pt; border-bottom: 2px solid #2c3e50; padding-bottom: 2px; margin: 26px 0 8px; }
            h3 { font-size: 11pt; margin: 16px 0 6px; break-after: avoid; page-break-after: avoid; }
            p { margin: 4px 0 8px; }
            .meta { color: #566573; }
            table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; }
            th, td { border: 1px solid #bfc9ca; padding: 3px 5px; text-align: left; vertical-align: top; }
            th { background: #eaf2f8; }
            thead { display: table-header-group; }
            tr { break-inside: avoid; page-break-inside: avoid; }
            table.kv { break-inside: avoid; page-break-inside: avoid; }
            table.kv th { width: 26%; font-weight: normal; }
            td.num, th.num { text-align: right; white-space: nowrap; }
            .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 8pt; word-break: break-all; }
            table.flows { table-layout: fixed; }
            table.flows td { font-size: 8pt; }
            table.flows col.n { width: 4%; } table.flows col.b { width: 7%; } table.flows col.t { width: 10%; }
            table.flows col.h { width: 23%; } table.flows col.a { width: 18%; } table.flows col.v { width: 10%; }
            table.addresses { table-layout: fixed; }
            table.addresses col.c { width: 9%; } table.addresses col.a { width: 27%; }
            table.addresses col.l { width: 16%; } table.addresses col.e { width: 14%; }
            table.addresses col.w { width: 21%; } table.addresses col.d { width: 13%; }
            .explain { background: #f4f6f7; border-left: 3px solid #85929e; padding: 4px 10px; margin: 8px 0; }
            .keep { white-space: pre-wrap; }
            .note { white-space: pre-wrap; border-left: 3px solid #d5d8dc; padding: 2px 8px; margin: 8px 0 2px; }
            figure { margin: 6px 0 10px; break-inside: avoid; page-break-inside: avoid; }
            svg.graph { max-width: 100%; height: auto; display: block; }
            ul.contents { padding-left: 18px; }
            footer { margin-top: 24px; border-top: 1px solid #bfc9ca; padding-top: 6px; }
            @media print {
              body { max-width: none; padding: 0; font-size: 9pt; }
              section.trace ~ section.trace { break-before: page; page-break-before: always; }
              .wide { page: wide; }
              a { color: inherit; text-decoration: none; }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }
            """;

    private CaseReport() {
    }

    /**
     * Renders the report.
     *
     * @param dossier the case as its store exports it
     * @return the page, UTF-8 text
     * @throws IllegalArgumentException when a time in the dossier is not ISO-8601
     */
    public static String render(CaseDossier dossier) {
        Objects.requireNonNull(dossier, "dossier");
        CaseDossier d = dossier;
        String asOf = CaseTimes.latest(d);
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>").append(t("Case " + d.id() + ": " + d.title()))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");

        h.append("<header>\n<h1>").append(t("Case " + d.id() + ": " + d.title())).append("</h1>\n")
                .append("<p class=\"meta\">Opened by ").append(t(d.createdBy())).append(" at ").append(t(d.createdAt()))
                .append(" · ").append(d.addresses().size()).append(" address(es) · ").append(d.traces().size())
                .append(" saved trace(s) · ").append(d.notes().size()).append(" note(s) · the case as of ")
                .append(t(asOf)).append("</p>\n");
        if (d.description() != null && !d.description().isBlank()) {
            h.append("<p class=\"note\">").append(t(d.description().strip())).append("</p>\n");
        }
        if (!d.traces().isEmpty()) {
            h.append("<ul class=\"contents\">\n");
            for (int i = 0; i < d.traces().size(); i++) {
                CaseDossier.SavedTrace s = d.traces().get(i);
                h.append("<li><a href=\"#trace-").append(i + 1).append("\">Trace ").append(t(s.id())).append("</a>: ")
                        .append(t(headline(s.result()))).append("</li>\n");
            }
            h.append("<li><a href=\"#addresses\">Case addresses</a></li>\n<li><a href=\"#notes\">Notes</a></li>\n</ul>\n");
        }
        h.append("</header>\n");

        for (int i = 0; i < d.traces().size(); i++) {
            trace(h, d.traces().get(i), i + 1);
        }
        addresses(h, d);
        notes(h, d);

        h.append("<footer class=\"meta\"><p>Chaintrail case report of case ").append(t(d.id())).append(" as of ")
                .append(t(asOf)).append(". The same case gives the same report. Amounts are in token units, computed"
                        + " at 40 significant digits and printed rounded half-even to the asset's base unit; every"
                        + " figure can be checked against the transactions listed with it.</p></footer>\n")
                .append("</body>\n</html>\n");
        return h.toString();
    }

    private static void trace(StringBuilder h, CaseDossier.SavedTrace s, int number) {
        TraceResult r = s.result();
        TraceResult.Parameters p = r.parameters();
        TraceResult.Summary sum = r.summary();
        String unit = TraceMethod.unit(p);
        boolean forward = p.direction().equals("forward");
        h.append("<section class=\"trace\" id=\"trace-").append(number).append("\">\n<h2>Trace ").append(t(s.id()))
                .append(": ").append(t(headline(r))).append("</h2>\n<p class=\"meta\">Saved by ").append(t(s.savedBy()))
                .append(" at ").append(t(s.savedAt())).append("</p>\n");

        h.append("<h3>Method</h3>\n<table class=\"kv\">\n");
        row(h, "Chain", t(p.chain()));
        row(h, "Asset", t(TraceMethod.asset(p)));
        row(h, "Direction", t(p.direction()));
        row(h, "Taint model", t(p.model()));
        row(h, "Hop limit", p.maxHops() + " transfers from the nearest seed");
        row(h, "Window", t(TraceMethod.window(p)));
        row(h, "Minimum amount", t(p.minAmount() + " " + unit + " (" + TraceMethod.dust(p) + ")"));
        row(h, "Stop at", t(TraceMethod.stopAt(p)));
        row(h, "Seeds (" + p.seeds().size() + ")", "<span class=\"mono\">" + p.seeds().stream().map(CaseReport::t)
                .collect(Collectors.joining("<br/>")) + "</span>");
        h.append("</table>\n<div class=\"explain\">\n");
        for (String paragraph : explanation(p)) {
            h.append("<p>").append(t(paragraph)).append("</p>\n");
        }
        h.append("</div>\n");

        h.append("<h3>Data snapshot</h3>\n<p>The trace saw the chain up to these blocks; later transfers are not in it.</p>\n")
                .append("<table>\n<thead><tr><th>Chain</th><th class=\"num\">Last block stored</th></tr></thead>\n<tbody>\n");
        TraceMethod.snapshot(r).forEach((chain, block) -> h.append("<tr><td>").append(t(chain))
                .append("</td><td class=\"num\">").append(block).append("</td></tr>\n"));
        h.append("</tbody>\n</table>\n");

        h.append("<h3>Summary</h3>\n<table class=\"kv\">\n");
        row(h, forward ? "The seeds sent to other addresses" : "The seeds received from other addresses",
                amount(sum.seedFlow(), unit));
        row(h, forward ? "Reached endpoints" : "Came from endpoints", amount(sum.taintedToEndpoints(), unit)
                + " (" + r.endpoints().size() + " endpoint(s))");
        row(h, forward ? "Still held by unattributed addresses" : "Trail ends at unattributed addresses",
                amount(sum.taintStillHeld(), unit) + " (" + r.holders().size() + " address(es))");
        row(h, "Cut by the hop limit", cut(sum.cutByHopLimit(), unit));
        row(h, "Cut by the window", cut(sum.cutByWindow(), unit));
        row(h, "Cut as dust", cut(sum.cutAsDust(), unit));
        row(h, "Burned (sent to the zero address)", amount(sum.taintBurned(), unit));
        row(h, "Tainted transfers followed", String.valueOf(sum.flowCount()));
        h.append("</table>\n<p>").append(t(p.model().equals("poison")
                ? "Poison does not conserve taint: the parts can add up to more than the seeds' flow."
                : "The parts add up to the seeds' flow, each rounded on its own.")).append("</p>\n");

        // The graph and the evidence tables print on landscape pages: hashes and addresses need the width.
        h.append("<div class=\"wide\">\n<h3>Trace graph</h3>\n");
        int nodes = TraceSvg.nodeCount(r);
        if (r.flows().isEmpty()) {
            h.append("<p>No transfer carried taint.</p>\n");
        } else if (nodes > TraceSvg.MAX_NODES) {
            h.append("<p>").append(nodes).append(" addresses are too many to draw on paper; open the trace's GraphML"
                    + " export in Gephi or yEd. The tables below list every one.</p>\n");
        } else {
            h.append("<figure>\n").append(TraceSvg.render(r, number)).append("\n</figure>\n");
        }

        h.append("<h3>Endpoints</h3>\n");
        if (r.endpoints().isEmpty()) {
            h.append("<p>No terminal received taint.</p>\n");
        } else {
            h.append("<table>\n<thead><tr><th>Entity</th><th>Category</th><th>Address</th><th class=\"num\">Tainted (")
                    .append(t(unit)).append(")</th><th class=\"num\">Share of the seeds' flow</th><th>Attributed via</th>")
                    .append("<th>Transactions</th></tr></thead>\n<tbody>\n");
            for (TraceResult.Endpoint e : r.endpoints()) {
                h.append("<tr><td>").append(e.entity() == null ? "" : t(e.entity().name())).append("</td><td>")
                        .append(t(e.category())).append("</td><td class=\"mono\">").append(t(e.address()))
                        .append("</td><td class=\"num\">").append(t(e.taintedAmount())).append("</td><td class=\"num\">")
                        .append(t(e.shareOfSeedFlow())).append("</td><td>").append(t(e.via())).append("</td><td>")
                        .append(e.txHashes().size()).append(", ").append(t(e.firstTime()))
                        .append(e.lastTime() == null || e.lastTime().equals(e.firstTime()) ? "" : " to " + t(e.lastTime()))
                        .append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        if (!r.entities().isEmpty()) {
            h.append("<h3>Per entity</h3>\n<table>\n<thead><tr><th>Entity</th><th>Category</th><th class=\"num\">Tainted (")
                    .append(t(unit)).append(")</th><th class=\"num\">Addresses</th></tr></thead>\n<tbody>\n");
            for (TraceResult.EntityTotal e : r.entities()) {
                h.append("<tr><td>").append(t(e.entity().name())).append("</td><td>").append(t(e.entity().category()))
                        .append("</td><td class=\"num\">").append(t(e.taintedAmount())).append("</td><td class=\"num\">")
                        .append(e.addresses().size()).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        if (!r.holders().isEmpty()) {
            h.append("<h3>").append(forward ? "Still holding taint" : "Where the trail ends unattributed")
                    .append("</h3>\n<table>\n<thead><tr><th>Address</th><th class=\"num\">Tainted (").append(t(unit))
                    .append(")</th><th class=\"num\">Hop</th></tr></thead>\n<tbody>\n");
            for (TraceResult.Holder x : r.holders()) {
                h.append("<tr><td class=\"mono\">").append(t(x.address())).append("</td><td class=\"num\">")
                        .append(t(x.taintedAmount())).append("</td><td class=\"num\">").append(x.hop()).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }

        h.append("<h3>Flows</h3>\n<p>Every transfer that carried taint, in chain order, payer and payee as on chain.</p>\n");
        if (!r.flows().isEmpty()) {
            Map<String, String> names = names(r);
            h.append("<table class=\"flows\">\n<colgroup><col class=\"n\"/><col class=\"b\"/><col class=\"t\"/>")
                    .append("<col class=\"h\"/><col class=\"a\"/><col class=\"a\"/><col class=\"v\"/><col class=\"v\"/>")
                    .append("</colgroup>\n<thead><tr><th class=\"num\">Hop</th><th class=\"num\">Block</th>")
                    .append("<th>Time (UTC)</th><th>Transaction</th><th>From</th><th>To</th><th class=\"num\">Amount (")
                    .append(t(unit)).append(")</th><th class=\"num\">Tainted</th></tr></thead>\n<tbody>\n");
            for (TraceResult.Flow f : r.flows()) {
                h.append("<tr><td class=\"num\">").append(f.hop()).append("</td><td class=\"num\">").append(f.blockNumber())
                        .append("</td><td>").append(t(f.timestamp())).append("</td><td class=\"mono\">")
                        .append(t(f.txHash())).append("</td><td class=\"mono\">").append(party(f.from(), names))
                        .append("</td><td class=\"mono\">").append(party(f.to(), names)).append("</td><td class=\"num\">")
                        .append(t(f.amount())).append("</td><td class=\"num\">").append(t(f.taintedAmount()))
                        .append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("</div>\n</section>\n");
    }

    private static void addresses(StringBuilder h, CaseDossier d) {
        h.append("<section id=\"addresses\">\n<h2>Case addresses</h2>\n");
        if (d.addresses().isEmpty()) {
            h.append("<p>No address was added to the case.</p>\n</section>\n");
            return;
        }
        h.append("<table class=\"addresses\">\n<colgroup><col class=\"c\"/><col class=\"a\"/><col class=\"l\"/>")
                .append("<col class=\"e\"/><col class=\"w\"/><col class=\"d\"/></colgroup>\n")
                .append("<thead><tr><th>Chain</th><th>Address</th><th>Labels</th><th>Entity</th><th>Why it is in the case</th>")
                .append("<th>Added</th></tr></thead>\n<tbody>\n");
        for (CaseDossier.Address a : d.addresses()) {
            String labels = a.tags().stream().map(tag -> t(tag.label()) + (tag.category() == null ? "" : " ["
                    + t(tag.category()) + "]") + (tag.source() == null ? "" : ", " + t(tag.source())))
                    .collect(Collectors.joining("<br/>"));
            String entity = a.entity() == null ? "" : t(a.entity().name()) + (a.entity().category() == null ? ""
                    : " (" + t(a.entity().category()) + ")");
            h.append("<tr><td>").append(t(a.chain())).append("</td><td class=\"mono\">").append(t(a.address()))
                    .append("</td><td>").append(labels).append("</td><td>").append(entity)
                    .append("</td><td class=\"keep\">").append(t(a.note())).append("</td><td>").append(t(a.addedBy()))
                    .append("<br/>").append(t(a.addedAt())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void notes(StringBuilder h, CaseDossier d) {
        h.append("<section id=\"notes\">\n<h2>Notes</h2>\n");
        if (d.notes().isEmpty()) {
            h.append("<p>No notes.</p>\n");
        }
        for (CaseDossier.Note n : d.notes()) {
            h.append("<div class=\"note\">").append(t(n.text())).append("</div>\n<p class=\"meta\">")
                    .append(t(n.addedBy())).append(", ").append(t(n.addedAt())).append("</p>\n");
        }
        h.append("</section>\n");
    }

    /** The taint model, the direction and the limits in plain words, so that a court can follow the method. */
    static List<String> explanation(TraceResult.Parameters p) {
        String model = switch (p.model()) {
            case "haircut" -> "Haircut (proportional) model. Each address is treated as a pot in which the seeds'"
                    + " funds and other money mix. Every payment out of an address carries the share of tainted"
                    + " funds the pot holds at that moment: an address holding 9,500 clean and 38,000 tainted units"
                    + " pays out 80% tainted funds in each transfer. A payment larger than the balance the data"
                    + " explains counts as clean for the part not explained. The model conserves taint: what the"
                    + " seeds sent ends at endpoints, with unattributed holders, or in one of the cuts below.";
            case "poison" -> "Poison model. An address that has received any tainted funds is tainted as a whole:"
                    + " everything it sends afterwards counts as tainted in full. This deliberately over-states; it"
                    + " shows every address the funds may have touched, and its totals can exceed what the seeds"
                    + " sent. Use it to find leads, and the haircut or FIFO figures for amounts.";
            case "fifo" -> "FIFO (first in, first out) model. Each address spends funds in the order it received"
                    + " them, like a queue: a payment takes from the front of the queue and is tainted to the extent"
                    + " that what it takes was tainted. A payment larger than what the data shows arriving is clean"
                    + " for the shortfall.";
            default -> "Taint model '" + p.model() + "', as described in Chaintrail's design notes.";
        };
        String direction = p.direction().equals("forward")
                ? "Forward: where did the seeds' funds go? Every unit a seed sends is treated as tainted. From there"
                + " the funds are followed transfer by transfer in chain order (block, then position in the block),"
                + " never backwards in time: a transfer made before an address received tainted funds carries none."
                : "Backward: where did the seeds' funds come from (for scam wallets: the victims, and behind them"
                + " where the victims bought their coins)? It is the mirror image of forward: the transfers are"
                + " replayed in reverse chain order with each payee in the place of the payer, so 'tainted' means"
                + " 'part of what reached the seeds'." + (p.model().equals("fifo")
                ? " Backward FIFO follows forward FIFO's own matching of what came in to what went out at each"
                + " address, not FIFO on reversed time." : "");
        String terminals = "Terminals: addresses in the stop categories (" + TraceMethod.stopAt(p) + "), by label or"
                + " through their entity (an exchange's deposit addresses, for example). A custodial service pools"
                + " everyone's money, so following funds through it says nothing about whose money left it: the"
                + " trail ends there and the service is reported as an endpoint. It is the place to ask, by"
                + " subpoena, whose account received the funds.";
        String limits = "Limits: taint more than " + p.maxHops() + " transfers from the nearest seed is not followed;"
                + " the window is " + TraceMethod.window(p) + "; " + TraceMethod.dust(p) + ". What each limit"
                + " stopped is reported as cut. Funds minted from the zero address carry no taint, and funds sent"
                + " to it are reported as burned.";
        String precision = "Taint is computed at 40 significant digits; the figures are rounded half-even to the"
                + " asset's base unit, so a column may differ from its total in the last digit.";
        return List.of(model, direction, terminals, limits, precision);
    }

    private static String headline(TraceResult r) {
        TraceResult.Parameters p = r.parameters();
        String unit = TraceMethod.unit(p);
        boolean forward = p.direction().equals("forward");
        return p.direction() + " " + p.model() + " trace of " + unit + " on " + p.chain() + ": "
                + r.summary().taintedToEndpoints() + " " + unit + (forward ? " reached " : " came from ")
                + r.endpoints().size() + " endpoint(s)";
    }

    /** Endpoint entity names and seed marks, to name the parties in the flows table. */
    private static Map<String, String> names(TraceResult r) {
        Map<String, String> names = new HashMap<>();
        r.parameters().seeds().forEach(s -> names.put(s, "seed"));
        r.endpoints().forEach(e -> names.put(e.address(), e.entity() != null ? e.entity().name()
                : e.category() == null ? "endpoint" : e.category()));
        return names;
    }

    private static String party(String address, Map<String, String> names) {
        String name = names.get(address);
        return t(address) + (name == null ? "" : "<br/><span class=\"meta\">" + t(name) + "</span>");
    }

    private static String amount(String value, String unit) {
        return t(value + " " + unit);
    }

    private static String cut(TraceResult.Cut c, String unit) {
        return c.transfers() == 0 ? "nothing" : t(c.taint() + " " + unit + " in " + c.transfers() + " transfer(s)");
    }

    /** A row of a two-column table; the value is markup already escaped. */
    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(t(name)).append("</th><td>").append(value).append("</td></tr>\n");
    }

    private static String t(String s) {
        return Markup.text(s);
    }
}
