package org.chaintrail.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chaintrail.export.TraceCsv;
import org.chaintrail.export.TraceGraphMl;
import java.util.concurrent.Callable;
import org.chaintrail.query.Json;
import org.chaintrail.query.TraceQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Follow the proceeds of seed addresses to the exchanges and services that received them.",
        footer = {"", "Example:", "  ./chaintrail trace --chain ethereum --seed 0xabc… --seed 0xdef… --asset USDT --format table"})
final class TraceCommand implements Callable<Integer> {
    @Option(names = "--chain", defaultValue = "ethereum", description = "Chain (default: ${DEFAULT-VALUE}).")
    String chain;

    @Option(names = "--seed", required = true, paramLabel = "ADDR", description = "Seed address; repeat for several.")
    List<String> seeds;

    @Option(names = "--asset",
            description = "Symbol, token contract or native coin (default: USDT; on bitcoin, BTC, the only one).")
    String asset;

    @Option(names = "--direction", defaultValue = "forward",
            description = "forward (where the funds went, default) or backward (where they came from).")
    String direction;

    @Option(names = "--model", defaultValue = "haircut", description = "Taint model: haircut (default), poison or fifo.")
    String model;

    @Option(names = "--max-hops", defaultValue = "10", paramLabel = "N", description = "Hop limit, 1..50 (default: ${DEFAULT-VALUE}).")
    int maxHops;

    @Option(names = "--since", paramLabel = "BLOCK|TIME", description = "Follow transfers from this block or ISO-8601 time.")
    String since;

    @Option(names = "--until", paramLabel = "BLOCK|TIME", description = "Follow transfers up to this block or time.")
    String until;

    @Option(names = "--min-amount", paramLabel = "AMOUNT",
            description = "Dust limit in token units: smaller transfers are not followed (reported as cut).")
    String minAmount;

    @Option(names = "--stop-at", split = ",", paramLabel = "CATEGORY",
            description = "Categories that end the trail (default: every service category and sanction).")
    List<String> stopAt;

    @Option(names = "--format", defaultValue = "json", description = "json (default), table, or csv (the flows).")
    OutputFormat format;

    @Option(names = "--graphml", paramLabel = "FILE", description = "Also write the traced subgraph as GraphML (Gephi, yEd).")
    Path graphml;

    @Mixin
    GraphOptions graph;

    @Override
    public Integer call() throws IOException {
        try (var connection = graph.open()) {
            var result = new TraceQuery(chain, seeds, asset, direction, model, maxHops, since, until, minAmount, stopAt)
                    .run(connection.store());
            System.out.print(switch (format) {
                case json -> Json.write(result);
                case table -> TraceTable.render(result);
                case csv -> TraceCsv.render(result);
            });
            if (graphml != null) {
                Files.writeString(graphml, TraceGraphMl.render(result), StandardCharsets.UTF_8);
                System.err.println("wrote the traced subgraph to " + graphml);
            }
        }
        return 0;
    }
}
