package org.chaintrail.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.chaintrail.analytics.entities.EntityResolver;
import org.chaintrail.ingest.etl.EthereumEtlImporter;
import org.chaintrail.model.Chain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Import bulk chain data.", mixinStandardHelpOptions = true,
        subcommands = ImportCommand.EthereumEtl.class)
final class ImportCommand {

    @Command(name = "ethereum-etl", mixinStandardHelpOptions = true,
            description = "Import an ethereum-etl export (blocks, transactions, receipts, tokens, token_transfers; "
                    + "CSV or JSON lines), then refresh entities.",
            footer = {"", "Example:", "  ./chaintrail import ethereum-etl exports/ --chain ethereum --store data/graph"})
    static final class EthereumEtl implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "Directory holding the export files (searched recursively).")
        Path dir;

        @Option(names = "--chain", defaultValue = "ethereum", description = "Chain of the export (default: ${DEFAULT-VALUE}).")
        String chain;

        @Mixin
        GraphOptions graph;

        @Override
        public Integer call() {
            Chain c = Chain.of(chain);
            try (var connection = graph.open()) {
                var report = new EthereumEtlImporter(connection.store(), c).importDirectory(dir);
                var entities = new EntityResolver(connection.store(), c).resolve();
                System.out.println("imported " + dir + " into " + connection.description());
                System.out.println("  " + report.describe());
                System.out.println("  " + entities.describe());
            }
            return 0;
        }
    }
}
