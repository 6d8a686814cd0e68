package org.chaintrail.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.chaintrail.graph.Neo4jImportExport;
import org.chaintrail.model.Chain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = "Export the graph for other tools.", mixinStandardHelpOptions = true,
        subcommands = ExportCommand.Neo4jImport.class)
final class ExportCommand {

    @Command(name = "neo4j-import", mixinStandardHelpOptions = true,
            description = "Write the graph (or one chain of it) as CSV for neo4j-admin database import full, with "
                    + "import.sh, which loads it into a new database of a stopped Neo4j 5 server.",
            footer = {"", "Example:", "  ./chaintrail export neo4j-import export/ --store data/graph",
                    "  NEO4J_HOME=/opt/neo4j sh export/import.sh",
                    "  ./chaintrail serve --neo4j-uri bolt://db.example:7687"})
    static final class Neo4jImport implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "Directory for the CSV files and import.sh (created if missing; "
                + "an earlier export there is replaced).")
        Path dir;

        @Option(names = "--chain", paramLabel = "CHAIN", description = "Only this chain: its addresses, transfers, "
                + "blocks, assets and checkpoint, and the labels and entities they link to (default: every chain).")
        String chain;

        @Mixin
        GraphOptions graph;

        @Override
        public Integer call() {
            Optional<Chain> only = Optional.ofNullable(chain).map(Chain::of);
            try (var connection = graph.open()) {
                var result = new Neo4jImportExport(connection.store(), only).export(dir);
                System.out.println(result.describe() + " from " + connection.description());
                System.out.println("To load it, stop the Neo4j 5 server and run, with NEO4J_HOME its directory:");
                System.out.println("  " + result.commandLine());
                System.out.println("or: NEO4J_HOME=/path/to/neo4j sh " + result.dir().resolve("import.sh"));
                System.out.println("Then start the server and use --neo4j-uri: Chaintrail creates its schema at connect.");
            }
            return 0;
        }
    }
}
