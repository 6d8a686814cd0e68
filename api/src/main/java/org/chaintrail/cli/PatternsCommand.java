package org.chaintrail.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.chaintrail.analytics.patterns.Distribution;
import org.chaintrail.analytics.patterns.Movement;
import org.chaintrail.analytics.patterns.PeelChain;
import org.chaintrail.analytics.patterns.PeelChainDetector;
import org.chaintrail.analytics.patterns.PeelChainRequest;
import org.chaintrail.analytics.patterns.PeelChainResult;
import org.chaintrail.analytics.patterns.VictimFanInDetector;
import org.chaintrail.analytics.patterns.VictimFanInRequest;
import org.chaintrail.analytics.patterns.VictimFanInResult;
import org.chaintrail.analytics.tracing.AssetResolver;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;
import org.chaintrail.query.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "patterns", mixinStandardHelpOptions = true,
        description = {"Find peel chains from given addresses, and wallets that collect from many first-time payers "
                + "and consolidate (victim fan-in).",
                "Peel step: two or more outputs, the largest (the remainder) carrying at least the remainder share to "
                        + "a fresh address. Fan-in: at least --min-payers payers, --first-time-share of them first-time, "
                        + "--consolidation-share of the receipts out in at most --max-consolidation-transfers transfers."},
        footer = {"", "Examples:", "  ./chaintrail patterns --chain ethereum --asset USDT --peel-from 0xabc… --format table",
                "  ./chaintrail patterns --asset USDT --scan-fan-in --min-payers 3 --format table"})
final class PatternsCommand implements Callable<Integer> {
    @Option(names = "--chain", defaultValue = "ethereum", description = "Chain (default: ${DEFAULT-VALUE}).")
    String chain;

    @Option(names = "--asset", defaultValue = "USDT", description = "Symbol, token contract or native coin (default: ${DEFAULT-VALUE}).")
    String asset;

    @Option(names = "--peel-from", arity = "1..*", paramLabel = "ADDR",
            description = "Walk peel chains from these addresses (a trace's seeds, say); repeat or list several.")
    List<String> peelFrom;

    @Option(names = "--remainder-share", defaultValue = "0.8", paramLabel = "SHARE",
            description = "Least share of what an address sends that its remainder carries, over 0.5 (default: ${DEFAULT-VALUE}).")
    BigDecimal remainderShare;

    @Option(names = "--min-length", defaultValue = "" + PeelChainRequest.DEFAULT_MIN_LENGTH, paramLabel = "N",
            description = "Fewest peel steps reported as a chain (default: ${DEFAULT-VALUE}).")
    int minLength;

    @Option(names = "--max-length", defaultValue = "" + PeelChainRequest.DEFAULT_MAX_LENGTH, paramLabel = "N",
            description = "Most peel steps walked from one start (default: ${DEFAULT-VALUE}).")
    int maxLength;

    @Option(names = "--fan-in", arity = "1..*", paramLabel = "ADDR", description = "Judge these wallets for victim fan-in.")
    List<String> fanIn;

    @Option(names = "--scan-fan-in", description = "Judge every wallet of the chain with at least --min-payers payers.")
    boolean scanFanIn;

    @Option(names = "--min-payers", defaultValue = "" + VictimFanInRequest.DEFAULT_MIN_PAYERS, paramLabel = "N",
            description = "Fewest distinct payers of a flagged wallet (default: ${DEFAULT-VALUE}).")
    int minPayers;

    @Option(names = "--first-time-share", defaultValue = "0.6", paramLabel = "SHARE",
            description = "Least share of first-time payers (default: ${DEFAULT-VALUE}).")
    BigDecimal firstTimeShare;

    @Option(names = "--consolidation-share", defaultValue = "0.8", paramLabel = "SHARE",
            description = "Least share of the receipts that leaves in a few transfers (default: ${DEFAULT-VALUE}).")
    BigDecimal consolidationShare;

    @Option(names = "--max-consolidation-transfers", defaultValue = "" + VictimFanInRequest.DEFAULT_MAX_CONSOLIDATION_TRANSFERS,
            paramLabel = "N", description = "How many transfers the consolidation may take (default: ${DEFAULT-VALUE}).")
    int maxConsolidationTransfers;

    @Option(names = "--scan-limit", defaultValue = "" + VictimFanInRequest.DEFAULT_SCAN_LIMIT, paramLabel = "N",
            description = "Most wallets a scan judges, most payers first (default: ${DEFAULT-VALUE}).")
    int scanLimit;

    @Option(names = "--format", defaultValue = "json", description = "json (default) or table.")
    OutputFormat format;

    @Mixin
    GraphOptions graph;

    /**
     * What the command prints as JSON: each part null when it was not asked for.
     *
     * @param peelChains  the peel-chain detector's result
     * @param victimFanIn the victim fan-in detector's result
     */
    record Report(PeelChainResult peelChains, VictimFanInResult victimFanIn) {
    }

    @Override
    public Integer call() {
        boolean peels = peelFrom != null && !peelFrom.isEmpty();
        boolean fans = fanIn != null && !fanIn.isEmpty();
        if (!peels && !fans && !scanFanIn) {
            throw new IllegalArgumentException("nothing to look for: give --peel-from, --fan-in or --scan-fan-in");
        }
        if (fans && scanFanIn) {
            throw new IllegalArgumentException("give either --fan-in wallets or --scan-fan-in, not both");
        }
        if (format == OutputFormat.csv) {
            throw new IllegalArgumentException("--format csv is for traces; use json or table");
        }
        Chain c = Chain.of(chain);
        // Bad addresses are refused before the store starts, which takes seconds.
        (peels ? peelFrom : List.<String>of()).forEach(c::canonicalAddress);
        (fans ? fanIn : List.<String>of()).forEach(c::canonicalAddress);
        try (var connection = graph.open()) {
            var store = connection.store();
            Asset a = new AssetResolver(store).resolve(c, asset);
            PeelChainResult peelChains = peels ? new PeelChainDetector(store,
                    new PeelChainRequest(c, a, peelFrom, remainderShare, minLength, maxLength)).detect() : null;
            VictimFanInResult victimFanIn = fans || scanFanIn ? new VictimFanInDetector(store,
                    new VictimFanInRequest(c, a, fans ? fanIn : List.of(), scanFanIn, minPayers, firstTimeShare,
                            consolidationShare, maxConsolidationTransfers, scanLimit)).detect() : null;
            Report report = new Report(peelChains, victimFanIn);
            System.out.print(format == OutputFormat.json ? Json.write(report) : table(report));
        }
        return 0;
    }

    private static String table(Report report) {
        StringBuilder out = new StringBuilder();
        if (report.peelChains() != null) {
            peelTable(out, report.peelChains());
        }
        if (report.victimFanIn() != null) {
            if (report.peelChains() != null) {
                out.append('\n');
            }
            fanInTable(out, report.victimFanIn());
        }
        return out.toString();
    }

    private static void peelTable(StringBuilder out, PeelChainResult r) {
        var p = r.parameters();
        String unit = unit(p.asset().symbol());
        out.append("Peel chains in ").append(unit).append(" on ").append(p.chain()).append(" (remainder at least ")
                .append(percent(p.remainderShare())).append(" to a fresh address, at least ").append(p.minLength())
                .append(" hops), snapshot ").append(r.snapshot()).append('\n');
        if (r.chains().isEmpty()) {
            out.append("  (no chain from the ").append(p.starts().size()).append(" start address(es))\n");
        }
        for (PeelChain chain : r.chains()) {
            out.append("\nChain from ").append(chain.start()).append(": ").append(chain.length()).append(" hops, ")
                    .append(chain.totalPeeled()).append(' ').append(unit).append(" peeled\n");
            TextTable hops = new TextTable(List.of("HOP", "WALLET", "SENT", "PEEL", "PEEL TO", "ENTITY", "REMAINDER", "SHARE",
                    "TIME"), true, false, true, true, false, false, true, true, false);
            for (PeelChain.Hop h : chain.hops()) {
                for (int i = 0; i < h.peels().size(); i++) {
                    Movement peel = h.peels().get(i);
                    boolean first = i == 0;
                    hops.row(first ? String.valueOf(h.hop()) : "", first ? h.address() : "", first ? h.sent() : "",
                            peel.amount(), peel.to(), peel.entity(), first ? h.remainder().amount() : "",
                            first ? h.remainderShare() : "", peel.timestamp());
                }
            }
            out.append(hops.render());
            out.append("  Peels went to:");
            for (PeelChain.Destination d : chain.destinations()) {
                out.append(' ').append(d.entity() == null ? "unattributed" : d.entity() + " (" + d.category() + ")")
                        .append(' ').append(d.amount()).append(" in ").append(d.peels()).append(" peel(s);");
            }
            out.append('\n');
            out.append("  Peel sizes: ").append(stats(chain.peelSizes(), unit)).append('\n');
            out.append("  Hop intervals: ").append(stats(chain.hopIntervalsSeconds(), "s")).append('\n');
            PeelChain.End end = chain.end();
            out.append("  Ends at ").append(end.address()).append(": ").append(end.reason()).append(", ")
                    .append(end.detail()).append('\n');
            for (Movement m : end.transfers()) {
                out.append("    ").append(m.amount()).append(' ').append(unit).append(" → ").append(m.to())
                        .append(m.entity() == null ? "" : " (" + m.entity() + (m.via() == null ? "" : ", " + m.via()) + ")")
                        .append(" tx ").append(m.txHash()).append('\n');
            }
        }
        if (!r.shortRuns().isEmpty()) {
            out.append("\nShorter than ").append(p.minLength()).append(" hops\n");
            TextTable runs = new TextTable(List.of("START", "HOPS", "ENDS", "WHY"), false, true, false, false);
            r.shortRuns().forEach(s -> runs.row(s.start(), String.valueOf(s.length()), s.reason().toString(), s.detail()));
            out.append(runs.render());
        }
    }

    private static void fanInTable(StringBuilder out, VictimFanInResult r) {
        var p = r.parameters();
        String unit = unit(p.asset().symbol());
        out.append("Victim fan-in in ").append(unit).append(" on ").append(p.chain()).append(" (at least ")
                .append(p.minPayers()).append(" payers, ").append(percent(p.firstTimeShare())).append(" first-time, ")
                .append(percent(p.consolidationShare())).append(" out in at most ").append(p.maxConsolidationTransfers())
                .append(" transfers), snapshot ").append(r.snapshot()).append('\n');
        if (r.flagged().isEmpty()) {
            out.append("  (no wallet flagged)\n");
        }
        for (VictimFanInResult.FanInWallet w : r.flagged()) {
            out.append("\nFlagged ").append(w.address()).append(": ").append(w.payerCount()).append(" payers (")
                    .append(w.firstTimePayers()).append(" first-time), received ").append(w.received()).append(' ')
                    .append(unit).append(", ").append(w.consolidated()).append(" (").append(w.consolidatedShare())
                    .append(") out in ").append(w.consolidation().size()).append(" transfer(s) to ")
                    .append(String.join(", ", w.consolidation().stream().map(Movement::to).distinct().toList()))
                    .append('\n');
            TextTable payers = new TextTable(List.of("PAYER", "FIRST-TIME", unit, "PAYMENTS", "FIRST PAID", "TX", "FUNDED BY"),
                    false, false, true, true, false, false, false);
            for (VictimFanInResult.Payer payer : w.payers()) {
                List<String> funders = new ArrayList<>();
                payer.fundedBy().forEach(f -> funders.add(f.entity() != null ? f.entity() : f.address()));
                var first = payer.payments().get(0);
                payers.row(payer.address(), payer.firstTime() ? "yes" : payer.collector() ? "no (collector)" : "no",
                        payer.amount(), String.valueOf(payer.payments().size()), first.timestamp(), first.txHash(),
                        funders.isEmpty() ? null : String.join(", ", funders));
            }
            out.append(payers.render());
            out.append("  Payments: ").append(stats(w.paymentAmounts(), unit)).append('\n');
            out.append("  Between payments: ").append(stats(w.interArrivalSeconds(), "s")).append('\n');
        }
        if (!r.notFlagged().isEmpty()) {
            out.append("\nNot flagged\n");
            TextTable rest = new TextTable(List.of("WALLET", "PAYERS", "FIRST-TIME", "CONSOLIDATED", "WHY"),
                    false, true, true, true, false);
            r.notFlagged().forEach(n -> rest.row(n.address(), String.valueOf(n.payerCount()),
                    String.valueOf(n.firstTimePayers()), n.consolidatedShare(), String.join("; ", n.reasons())));
            out.append(rest.render());
        }
        if (r.scanTruncated()) {
            out.append("\nThe scan found more than ").append(p.scanLimit())
                    .append(" wallets; those with fewest payers were left out (raise --scan-limit)\n");
        }
    }

    private static String stats(Distribution d, String unit) {
        if (d.count() == 0) {
            return "none";
        }
        return d.count() + " value(s), median " + d.median() + " " + unit + ", mean " + d.mean()
                + (d.standardDeviation() == null ? "" : ", sd " + d.standardDeviation())
                + (d.coefficientOfVariation() == null ? "" : ", CV " + d.coefficientOfVariation());
    }

    private static String unit(String symbol) {
        return symbol == null ? "base units" : symbol;
    }

    private static String percent(String share) {
        return new BigDecimal(share).movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }
}
