package org.chaintrail.cli;

import java.util.List;
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

    @Option(names = "--asset", defaultValue = TraceQuery.DEFAULT_ASSET,
            description = "Symbol, token contract or native coin (default: ${DEFAULT-VALUE}).")
    String asset;

    @Option(names = "--direction", defaultValue = "forward", description = "forward (default).")
    String direction;

    @Option(names = "--model", defaultValue = "haircut", description = "Taint model: haircut (default).")
    String model;

    @Option(names = "--max-hops", defaultValue = "10", paramLabel = "N", description = "Hop limit, 1..50 (default: ${DEFAULT-VALUE}).")
    int maxHops;

    @Option(names = "--format", defaultValue = "json", description = "json (default) or table.")
    OutputFormat format;

    @Mixin
    GraphOptions graph;

    @Override
    public Integer call() {
        try (var connection = graph.open()) {
            var result = new TraceQuery(chain, seeds, asset, direction, model, maxHops).run(connection.store());
            System.out.print(format == OutputFormat.json ? Json.write(result) : TraceTable.render(result));
        }
        return 0;
    }
}
