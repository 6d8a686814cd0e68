package org.chaintrail.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.chaintrail.bench.SuiteBenchmark;
import org.chaintrail.bench.SuiteReport;
import org.chaintrail.bench.SyntheticChain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "suite", mixinStandardHelpOptions = true,
        description = "For each size, generate a seeded USDT economy (power-law users, exchanges with deposit addresses, "
                + "laundering cases) into a fresh embedded store and measure, in this one process: the import rate "
                + "beside naive per-row MERGE, clustering time and peak heap, forward and backward trace p50/p99 "
                + "beside a plain Cypher variable-length query and the same tracer over arrays in memory, exposure "
                + "p50/p99, screening throughput and the store's size on disk. Prints a table, writes the figures as "
                + "JSON and plots them as PNG.",
        footer = {"", "Examples:", "  CHAINTRAIL_JAVA_OPTS=-Xmx8g ./chaintrail bench suite --transfers 1000000,5000000",
                "  ./chaintrail bench suite --transfers 20000,100000 --dir /tmp/suite --plot /tmp/suite.png"})
final class BenchSuiteCommand implements Callable<Integer> {
    @Option(names = "--transfers", split = ",", defaultValue = "1000000,5000000", paramLabel = "N",
            description = "Sizes in transfers, ascending, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Long> transfers;

    @Option(names = "--seed", defaultValue = "" + SyntheticChain.Config.DEFAULT_SEED,
            description = "Seed of the generator (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dir", defaultValue = "data/bench-suite", paramLabel = "DIR",
            description = "Where the stores go, one per size, rebuilt by every run (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--json", paramLabel = "FILE", description = "Where the figures go (default: DIR/suite-bench.json).")
    Path json;

    @Option(names = "--plot", paramLabel = "FILE", description = "Where the plot goes (default: DIR/suite-bench.png).")
    Path plot;

    @Option(names = "--runs", defaultValue = "20", description = "Timed runs of each latency (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--depth", defaultValue = "10", description = "Hop limit of the traces (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--naive-transfers", defaultValue = "20000", paramLabel = "M",
            description = "Transfers the naive MERGE baseline writes, from the start (default: ${DEFAULT-VALUE}).")
    long naiveTransfers;

    @Option(names = "--plain-budget-seconds", defaultValue = "60", paramLabel = "S",
            description = "Time budget of one plain Cypher run; slower runs are reported as timed out "
                    + "(default: ${DEFAULT-VALUE}).")
    int plainBudgetSeconds;

    @Option(names = "--screen-addresses", defaultValue = "1000", paramLabel = "K",
            description = "Addresses screened for the throughput (default: ${DEFAULT-VALUE}).")
    int screenAddresses;

    @Option(names = "--screen-batch", defaultValue = "20", paramLabel = "B",
            description = "Addresses per screening call (default: ${DEFAULT-VALUE}).")
    int screenBatch;

    @Override
    public Integer call() {
        var settings = new SuiteBenchmark.Settings(transfers, seed, dir, runs, warmup, depth,
                Math.min(naiveTransfers, transfers.isEmpty() ? naiveTransfers : transfers.get(0)),
                Duration.ofSeconds(plainBudgetSeconds), screenAddresses, screenBatch);
        SuiteReport report = new SuiteBenchmark(settings, System.err).run();
        Path jsonFile = json != null ? json : dir.resolve("suite-bench.json");
        Path plotFile = plot != null ? plot : dir.resolve("suite-bench.png");
        report.write(jsonFile, plotFile);
        System.out.print(report.render());
        System.out.println("figures written to " + jsonFile + ", plot to " + plotFile);
        return 0;
    }
}
