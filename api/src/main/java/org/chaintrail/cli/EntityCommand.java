package org.chaintrail.cli;

import java.util.concurrent.Callable;
import org.chaintrail.query.EntityQuery;
import org.chaintrail.query.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "entity", mixinStandardHelpOptions = true,
        description = "Show an entity: size, labels, flows per asset and top counterparties "
                + "(the JSON of GET /api/v1/entities/{id}).",
        footer = {"", "Example:", "  ./chaintrail entity exchange:binance"})
final class EntityCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The entity id, as `address` or `cluster` show it.")
    String id;

    @Mixin
    GraphOptions graph;

    @Override
    public Integer call() {
        try (var connection = graph.open()) {
            var view = new EntityQuery(id).run(connection.store());
            if (view.isEmpty()) {
                System.err.println("error: " + EntityQuery.notFound(id));
                return 1;
            }
            System.out.print(Json.write(view.get()));
        }
        return 0;
    }
}
