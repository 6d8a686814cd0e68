package org.chaintrail.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.chaintrail.analytics.clustering.UtxoHeuristic;
import org.chaintrail.bench.ClusterBenchmark;
import org.chaintrail.bench.SyntheticUtxoStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Generate a Bitcoin chain of wallets paying each other (seeded; about 2.3 inputs and 2.5 outputs "
                + "a transaction, payouts, consolidations and CoinJoins) and cluster its addresses in memory with "
                + "common-input ownership and any change rules asked for; print transactions/s, the time, the heap's "
                + "peak, the entities, merges and CoinJoins skipped. The figures also go to a JSON file.",
        footer = {"", "Examples:", "  ./chaintrail bench cluster",
                "  ./chaintrail bench cluster --transactions 1000000 --heuristics all",
                "  ./chaintrail bench cluster --heuristics change-one-time,change-script-type --json /tmp/cluster.json"})
final class BenchClusterCommand implements Callable<Integer> {
    @Option(names = "--transactions", defaultValue = "10000000", paramLabel = "N",
            description = "Transactions of the generated chain (default: ${DEFAULT-VALUE}).")
    long transactions;

    @Option(names = "--seed", defaultValue = "" + SyntheticUtxoStream.Config.DEFAULT_SEED,
            description = "Seed of the generator (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--heuristics", split = ",", paramLabel = "RULE",
            description = "Change rules to apply besides common-input, comma-separated: change-one-time, "
                    + "change-script-type, change-round-payment, or all (default: none).")
    List<String> heuristics = new ArrayList<>();

    @Option(names = "--json", defaultValue = "data/bench-cluster.json", paramLabel = "FILE",
            description = "Where the figures go as JSON (default: ${DEFAULT-VALUE}).")
    Path json;

    @Override
    public Integer call() throws IOException {
        var settings = new ClusterBenchmark.Settings(new SyntheticUtxoStream.Config(transactions, seed), rules());
        ClusterBenchmark.Report report = new ClusterBenchmark(settings, System.err).run();
        if (json.toAbsolutePath().getParent() != null) {
            Files.createDirectories(json.toAbsolutePath().getParent());
        }
        Files.writeString(json, report.json());
        System.out.print(report.render());
        System.out.println("figures written to " + json);
        return 0;
    }

    private Set<UtxoHeuristic> rules() {
        Set<UtxoHeuristic> rules = EnumSet.of(UtxoHeuristic.COMMON_INPUT);
        for (String flag : heuristics) {
            if (flag.trim().equalsIgnoreCase("all")) {
                rules.addAll(UtxoHeuristic.all());
            } else {
                rules.add(UtxoHeuristic.ofFlag(flag));
            }
        }
        return rules;
    }
}
