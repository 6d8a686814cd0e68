package org.chaintrail.cli;

import java.net.URI;
import java.nio.file.Path;
import org.chaintrail.graph.GraphConnection;
import picocli.CommandLine.Option;

/** Where the graph is: the embedded store (default) or an external Neo4j. Mixed into every graph command. */
final class GraphOptions {
    @Option(names = "--store", paramLabel = "DIR", description = "Embedded Neo4j store directory (default: ${DEFAULT-VALUE}).",
            defaultValue = "data/graph")
    Path store;

    @Option(names = "--neo4j-uri", paramLabel = "URI",
            description = "External Neo4j (bolt://… or neo4j://…) instead of the embedded store; "
                    + "credentials from NEO4J_USER and NEO4J_PASSWORD.")
    URI neo4jUri;

    GraphConnection open() {
        if (neo4jUri != null) {
            return GraphConnection.external(neo4jUri, System.getenv("NEO4J_USER"), System.getenv("NEO4J_PASSWORD"));
        }
        return GraphConnection.embedded(store);
    }
}
