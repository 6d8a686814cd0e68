package org.chaintrail.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.chaintrail.analytics.exposure.Exposure;
import org.chaintrail.query.AddressQuery;
import org.chaintrail.query.ExposureQuery;
import org.chaintrail.query.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "exposure", mixinStandardHelpOptions = true,
        description = "Who an address dealt with, where its funds came from, and a 0-100 risk score.",
        footer = {"", "Example:", "  ./chaintrail exposure --chain ethereum 0x49866dda13206997635531f7aee11ee158a44b05 --format table"})
final class ExposureCommand implements Callable<Integer> {
    @Option(names = "--chain", defaultValue = "ethereum", description = "Chain (default: ${DEFAULT-VALUE}).")
    String chain;

    @Parameters(paramLabel = "ADDR", description = "The address.")
    String address;

    @Option(names = "--asset", defaultValue = "USDT", description = "Symbol or token contract (default: ${DEFAULT-VALUE}).")
    String asset;

    @Option(names = "--max-hops", defaultValue = "" + ExposureQuery.DEFAULT_MAX_HOPS, paramLabel = "N",
            description = "How far back indirect exposure looks (default: ${DEFAULT-VALUE}).")
    int maxHops;

    @Option(names = "--format", defaultValue = "json", description = "json (default) or table.")
    OutputFormat format;

    @Mixin
    GraphOptions graph;

    @Override
    public Integer call() {
        try (var connection = graph.open()) {
            var exposure = new ExposureQuery(chain, address, asset, maxHops).run(connection.store());
            if (exposure.isEmpty()) {
                System.err.println("error: " + AddressQuery.notFound(chain, address));
                return 1;
            }
            if (format == OutputFormat.csv) {
                throw new IllegalArgumentException("--format csv is for traces; use json or table");
            }
            System.out.print(format == OutputFormat.json ? Json.write(exposure.get()) : table(exposure.get()));
        }
        return 0;
    }

    private static String table(Exposure e) {
        String unit = e.asset().symbol() == null ? "base units" : e.asset().symbol();
        StringBuilder out = new StringBuilder();
        out.append(e.chain()).append(' ').append(e.address()).append(": risk ").append(e.score().value()).append("/100 (")
                .append(e.score().verdict()).append(")\n");
        out.append("Own labels: ").append(e.self().isEmpty() ? "none" : String.join(", ", e.self())).append('\n');
        out.append("Received ").append(e.received()).append(' ').append(unit).append(", sent ").append(e.sent()).append('\n');
        out.append("\nWhere its funds came from (backward haircut, up to ").append(e.maxHops()).append(" hops)\n");
        TextTable indirect = new TextTable(List.of("CATEGORY", unit, "SHARE", "SOURCES"), false, true, true, false);
        e.indirect().forEach(i -> indirect.row(i.category(), i.amount(), i.share(), String.join(", ",
                i.sources().stream().map(s -> s.entity() != null ? s.entity() : s.address()).distinct().toList())));
        out.append(e.indirect().isEmpty() ? "  (nothing received)\n" : indirect.render());
        out.append("\nDirect counterparties\n");
        TextTable direct = new TextTable(List.of("CATEGORY", "RECEIVED", "SENT", "IN", "OUT"), false, true, true, true, true);
        e.direct().forEach(d -> direct.row(d.category(), d.received(), d.sent(), String.valueOf(d.transfersIn()),
                String.valueOf(d.transfersOut())));
        out.append(e.direct().isEmpty() ? "  (none)\n" : direct.render());
        out.append("\nScore: self ").append(e.score().self()).append(", received ").append(e.score().received())
                .append(", sent ").append(e.score().sent()).append("\n  ").append(e.score().formula()).append('\n');
        return out.toString();
    }
}
