package org.chaintrail.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.chaintrail.bench.BitcoinIngestBenchmark;
import org.chaintrail.bench.SyntheticBlkFiles;
import org.chaintrail.ingest.bitcoin.UtxoIngestor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ingest-bitcoin", mixinStandardHelpOptions = true,
        description = "Generate (or reuse) a Bitcoin chain as Bitcoin Core's blk*.dat files, then time parsing them "
                + "alone, the real ingest (`ingest bitcoin --blocks-dir`) into a fresh embedded store, and a naive "
                + "ingest (one transaction per Bitcoin transaction, MERGE per row) of a prefix into another, and print "
                + "blocks/s, transactions/s, inputs/s, where spent outputs were found, the heap's peak and the ratio. "
                + "The figures also go to a JSON file.",
        footer = {"", "Examples:", "  CHAINTRAIL_JAVA_OPTS=-Xmx4g ./chaintrail bench ingest-bitcoin",
                "  ./chaintrail bench ingest-bitcoin --transactions 100000 --naive-transactions 2000 "
                        + "--store /tmp/bench-btc"})
final class BenchBitcoinCommand implements Callable<Integer> {
    @Option(names = "--transactions", defaultValue = "1000000", paramLabel = "N",
            description = "Transactions of the generated chain, in blocks of 1,500–3,000 (default: ${DEFAULT-VALUE}; "
                    + "100000 for a quick run).")
    long transactions;

    @Option(names = "--naive-transactions", defaultValue = "5000", paramLabel = "M",
            description = "Transactions the naive path writes after the first block, in whole blocks; 0 skips it "
                    + "(default: ${DEFAULT-VALUE}).")
    long naiveTransactions;

    @Option(names = "--batch-transactions", defaultValue = "5000", paramLabel = "B",
            description = "Transactions per write of the ingest, about (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--cache", defaultValue = "" + UtxoIngestor.DEFAULT_CACHE_CAPACITY, paramLabel = "C",
            description = "Outputs the ingest's resolver holds in memory (default: ${DEFAULT-VALUE}).")
    int cache;

    @Option(names = "--seed", defaultValue = "" + SyntheticBlkFiles.Config.DEFAULT_SEED,
            description = "Seed of the generator (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--store", defaultValue = "data/bench-ingest-bitcoin", paramLabel = "DIR",
            description = "Directory of the block files (reused by later runs) and of the two stores (rebuilt by "
                    + "every run) (default: ${DEFAULT-VALUE}).")
    Path store;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Where the figures go as JSON (default: DIR/ingest-bitcoin-bench.json).")
    Path json;

    @Override
    public Integer call() throws IOException {
        var settings = new BitcoinIngestBenchmark.Settings(SyntheticBlkFiles.Config.mainnetLike(transactions, seed),
                store, batch, cache, naiveTransactions);
        BitcoinIngestBenchmark.Report report = new BitcoinIngestBenchmark(settings, System.err).run();
        Path target = json != null ? json : store.resolve("ingest-bitcoin-bench.json");
        Files.writeString(target, report.json());
        System.out.print(report.render());
        System.out.println("figures written to " + target);
        return 0;
    }
}
