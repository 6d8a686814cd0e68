package org.chaintrail.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.chaintrail.bench.NodeIngestBenchmark;
import org.chaintrail.ingest.evm.TraceSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ingest-node", mixinStandardHelpOptions = true,
        description = "Fill a local development node (anvil or ganache, accounts unlocked) with blocks of ETH and "
                + "ERC-20 payments, then time `ingest evm` on them against a naive ingest (one block per request, "
                + "one MERGE transaction per transfer) and print blocks/s, transfers/s and the ratio.",
        footer = {"", "Example (anvil from npm: npm install @foundry-rs/anvil-linux-amd64@1.7.1):",
                "  node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil --host 127.0.0.1 --port 8545 &",
                "  ./chaintrail bench ingest-node --rpc http://127.0.0.1:8545"})
final class BenchNodeCommand implements Callable<Integer> {
    @Option(names = "--rpc", required = true, paramLabel = "URL", description = "The development node.")
    URI rpc;

    @Option(names = "--blocks", defaultValue = "400", description = "Blocks to fill (default: ${DEFAULT-VALUE}).")
    int blocks;

    @Option(names = "--txs-per-block", defaultValue = "200",
            description = "Payments per block, half ETH, half token (default: ${DEFAULT-VALUE}).")
    int txsPerBlock;

    @Option(names = "--naive-blocks", defaultValue = "40",
            description = "Blocks the naive baseline ingests (default: ${DEFAULT-VALUE}).")
    int naiveBlocks;

    @Option(names = "--traces", defaultValue = "auto", description = "auto, debug, parity or off (default: ${DEFAULT-VALUE}).")
    String traces;

    @Option(names = "--dir", description = "Where the two stores go (default: a temporary directory).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path where = dir != null ? dir : Files.createTempDirectory("chaintrail-node-bench");
        var settings = new NodeIngestBenchmark.Settings(rpc, blocks, txsPerBlock, naiveBlocks, where,
                TraceSource.valueOf(traces.toUpperCase(Locale.ROOT)));
        System.out.print(new NodeIngestBenchmark(settings, System.err).run().describe());
        return 0;
    }
}
