package org.chaintrail.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.chaintrail.bench.IngestBenchmark;
import org.chaintrail.bench.SyntheticChain;
import org.chaintrail.bench.SyntheticEtlExport;
import org.chaintrail.bench.TraceBenchmark;
import org.chaintrail.ingest.etl.EthereumEtlImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", description = "Benchmarks on generated data.", mixinStandardHelpOptions = true,
        subcommands = {BenchCommand.Trace.class, BenchCommand.Ingest.class, BenchNodeCommand.class,
                BenchBitcoinCommand.class, BenchClusterCommand.class, BenchLoadCommand.class,
                BenchSuiteCommand.class})
final class BenchCommand {

    @Command(name = "trace", mixinStandardHelpOptions = true,
            description = "Generate (or reuse) a synthetic USDT economy with laundering cases, then time the forward "
                    + "haircut trace from the cases' scam wallets against the same trace as one plain variable-length "
                    + "Cypher query, and print the figures. The first run loads the store (minutes at full size); "
                    + "later runs with the same sizes reuse it.",
            footer = {"", "Examples:", "  CHAINTRAIL_JAVA_OPTS=-Xmx8g ./chaintrail bench trace --store /tmp/bench-store",
                    "  ./chaintrail bench trace --addresses 100000 --transfers 500000 --runs 10"})
    static final class Trace implements Callable<Integer> {
        @Option(names = "--addresses", defaultValue = "1000000", paramLabel = "N",
                description = "Addresses of the economy (default: ${DEFAULT-VALUE}).")
        int addresses;

        @Option(names = "--transfers", defaultValue = "5000000", paramLabel = "M",
                description = "USDT transfers (default: ${DEFAULT-VALUE}).")
        long transfers;

        @Option(names = "--cases", defaultValue = "3", paramLabel = "K",
                description = "Laundering cases; each scam wallet is a seed (default: ${DEFAULT-VALUE}).")
        int cases;

        @Option(names = "--seed", defaultValue = "" + SyntheticChain.Config.DEFAULT_SEED,
                description = "Seed of the generator (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--runs", defaultValue = "20", description = "Timed runs (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--warmup", defaultValue = "3", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--depth", defaultValue = "10", description = "Hop limit of the trace (default: ${DEFAULT-VALUE}).")
        int depth;

        @Option(names = "--store", defaultValue = "data/bench", paramLabel = "DIR",
                description = "Embedded store of the generated graph, reused when it holds the same sizes "
                        + "(default: ${DEFAULT-VALUE}).")
        Path store;

        @Option(names = "--plain-budget-seconds", defaultValue = "60", paramLabel = "S",
                description = "Time budget of one plain Cypher run; slower runs are reported as timed out "
                        + "(default: ${DEFAULT-VALUE}).")
        int plainBudgetSeconds;

        @Override
        public Integer call() {
            var settings = new TraceBenchmark.Settings(new SyntheticChain.Config(addresses, transfers, cases, seed), store,
                    runs, warmup, depth, Duration.ofSeconds(plainBudgetSeconds));
            System.out.print(new TraceBenchmark(settings, System.err).run().render());
            return 0;
        }
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Generate (or reuse) an ethereum-etl export (blocks, transactions, token_transfers CSV), "
                    + "import it into a fresh embedded store with the real importer, then write a prefix of it the "
                    + "naive way (one transaction per transfer, MERGE) into another fresh store, and print blocks/s, "
                    + "transfers/s and the ratio. The figures also go to a JSON file.",
            footer = {"", "Examples:", "  ./chaintrail bench ingest", "  ./chaintrail bench ingest --transfers 100000 "
                    + "--naive-transfers 5000 --store /tmp/bench-ingest"})
    static final class Ingest implements Callable<Integer> {
        @Option(names = "--transfers", defaultValue = "1000000", paramLabel = "N",
                description = "Transfers in the generated export (default: ${DEFAULT-VALUE}; 100000 for a quick run).")
        long transfers;

        @Option(names = "--naive-transfers", defaultValue = "20000", paramLabel = "M",
                description = "Transfers the naive path writes, from the start of the export, in whole blocks; 0 "
                        + "skips it (default: ${DEFAULT-VALUE}).")
        long naiveTransfers;

        @Option(names = "--batch", defaultValue = "" + EthereumEtlImporter.DEFAULT_BATCH_SIZE, paramLabel = "B",
                description = "Transfers per import transaction (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--no-reimport", negatable = false,
                description = "Skip the second import of the same export (the all-stored, idempotent path).")
        boolean noReimport;

        @Option(names = "--seed", defaultValue = "" + SyntheticEtlExport.Config.DEFAULT_SEED,
                description = "Seed of the generator (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--store", defaultValue = "data/bench-ingest", paramLabel = "DIR",
                description = "Directory of the export (reused by later runs) and of the two stores (rebuilt by "
                        + "every run) (default: ${DEFAULT-VALUE}).")
        Path store;

        @Option(names = "--json", paramLabel = "FILE",
                description = "Where the figures go as JSON (default: DIR/ingest-bench.json).")
        Path json;

        @Override
        public Integer call() throws IOException {
            var settings = new IngestBenchmark.Settings(new SyntheticEtlExport.Config(transfers, seed), store, batch,
                    naiveTransfers, !noReimport);
            IngestBenchmark.Report report = new IngestBenchmark(settings, System.err).run();
            Path target = json != null ? json : store.resolve("ingest-bench.json");
            Files.writeString(target, report.json());
            System.out.print(report.render());
            System.out.println("figures written to " + target);
            return 0;
        }
    }
}
