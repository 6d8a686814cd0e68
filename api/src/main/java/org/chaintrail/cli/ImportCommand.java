package org.chaintrail.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.chaintrail.analytics.entities.EntityResolver;
import org.chaintrail.ingest.bitcoin.BitcoinEtlReader;
import org.chaintrail.ingest.bitcoin.UtxoIngestReport;
import org.chaintrail.ingest.bitcoin.UtxoIngestor;
import org.chaintrail.ingest.etl.EthereumEtlImporter;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.watch.WatchHook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Import bulk chain data.", mixinStandardHelpOptions = true,
        subcommands = {ImportCommand.EthereumEtl.class, ImportCommand.BitcoinEtl.class})
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
                // After the entities, so that new deposit addresses count as terminals.
                new WatchHook(connection.store()).afterCommit(c).ifPresent(o -> System.out.println("  " + o.describe()));
            }
            return 0;
        }
    }

    @Command(name = "bitcoin-etl", mixinStandardHelpOptions = true,
            description = "Import a bitcoin-etl export (blocks.json and transactions.json, JSON lines, blocks in "
                    + "order). Inputs the export leaves without value are resolved from the graph; resumes after "
                    + "the stored bitcoin checkpoint, so the export must start at the block after it (or at the "
                    + "genesis block).",
            footer = {"", "Example:", "  ./chaintrail import bitcoin-etl exports/bitcoin/ --store data/graph"})
    static final class BitcoinEtl implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "Directory holding blocks.json and transactions.json.")
        Path dir;

        @Option(names = "--parent-hash", paramLabel = "HASH",
                description = "Hash of the block before the export's first, when the store has no bitcoin checkpoint "
                        + "and the export does not start at the genesis block.")
        String parentHash;

        @Mixin
        GraphOptions graph;

        @Override
        public Integer call() {
            try (var connection = graph.open()) {
                UtxoIngestor ingestor = new UtxoIngestor(connection.store(), Chain.BITCOIN);
                Optional<String> parent = Optional.ofNullable(parentHash)
                        .or(() -> ingestor.checkpoint().map(Checkpoint::hash));
                try (BitcoinEtlReader export = BitcoinEtlReader.open(dir, parent)) {
                    UtxoIngestReport report = BitcoinIngestCommand.run(ingestor, export, OptionalLong.empty());
                    System.out.println("into " + connection.description());
                    System.out.print(report.describe());
                    new WatchHook(connection.store()).afterCommit(Chain.BITCOIN)
                            .ifPresent(o -> System.out.println("  " + o.describe()));
                }
            }
            return 0;
        }
    }
}
