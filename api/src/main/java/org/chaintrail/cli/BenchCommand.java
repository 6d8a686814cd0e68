package org.chaintrail.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.chaintrail.bench.SyntheticChain;
import org.chaintrail.bench.TraceBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", description = "Benchmarks on generated data.", mixinStandardHelpOptions = true,
        subcommands = {BenchCommand.Trace.class, BenchNodeCommand.class})
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
}
