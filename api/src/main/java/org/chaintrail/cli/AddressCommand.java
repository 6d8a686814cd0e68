package org.chaintrail.cli;

import java.util.concurrent.Callable;
import org.chaintrail.query.AddressQuery;
import org.chaintrail.query.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "address", mixinStandardHelpOptions = true,
        description = "Show an address: labels, entity, totals per asset (the JSON of GET /api/v1/addresses/…).",
        footer = {"", "Example:", "  ./chaintrail address --chain ethereum 0xbe0eb53f46cd790cd13851d5eff43d12404d33e8"})
final class AddressCommand implements Callable<Integer> {
    @Option(names = "--chain", defaultValue = "ethereum", description = "Chain (default: ${DEFAULT-VALUE}).")
    String chain;

    @Parameters(paramLabel = "ADDR", description = "The address.")
    String address;

    @Option(names = "--format", defaultValue = "json", description = "json (default) or table.")
    OutputFormat format;

    @Mixin
    GraphOptions graph;

    @Override
    public Integer call() {
        try (var connection = graph.open()) {
            var view = new AddressQuery(chain, address).run(connection.store());
            if (view.isEmpty()) {
                System.err.println("error: " + AddressQuery.notFound(chain, address));
                return 1;
            }
            if (format == OutputFormat.csv) {
                throw new IllegalArgumentException("--format csv is for traces; use json or table");
            }
            System.out.print(format == OutputFormat.json ? Json.write(view.get()) : AddressTable.render(view.get()));
        }
        return 0;
    }
}
