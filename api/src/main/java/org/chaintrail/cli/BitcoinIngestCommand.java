package org.chaintrail.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.ingest.bitcoin.BitcoinCoreClient;
import org.chaintrail.ingest.bitcoin.BitcoinNodeIngest;
import org.chaintrail.ingest.bitcoin.BlkChainReader;
import org.chaintrail.ingest.bitcoin.CoreCookie;
import org.chaintrail.ingest.bitcoin.UtxoBlockSource;
import org.chaintrail.ingest.bitcoin.UtxoIngestReport;
import org.chaintrail.ingest.bitcoin.UtxoIngestor;
import org.chaintrail.ingest.rpc.Backoff;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.watch.WatchHook;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bitcoin", mixinStandardHelpOptions = true,
        description = "Ingest Bitcoin blocks, with every input resolved to the output it spends, from Bitcoin Core's "
                + "blk*.dat files or from a Bitcoin Core node's JSON-RPC. Resumes after the stored checkpoint.",
        footer = {"", "Examples:",
                "  ./chaintrail ingest bitcoin --blocks-dir ~/.bitcoin/blocks --to-block 200000",
                "  ./chaintrail ingest bitcoin --rpc http://user:pass@127.0.0.1:8332 --from-block 840000",
                "  ./chaintrail ingest bitcoin --rpc http://user:pass@127.0.0.1:8332 --follow",
                "  ./chaintrail ingest bitcoin --rpc http://127.0.0.1:8332 --rpc-cookie ~/.bitcoin/.cookie --follow"})
final class BitcoinIngestCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--blocks-dir", paramLabel = "DIR", description = "Bitcoin Core's blocks directory (blk*.dat).")
        Path blocksDir;

        @Option(names = "--rpc", paramLabel = "URL", description = "Bitcoin Core's JSON-RPC URL, credentials in it.")
        URI rpc;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--from-block", paramLabel = "N",
            description = "With --rpc, the first block when the store has no checkpoint (else it resumes); "
                    + "blk files always start at the genesis block.")
    Long fromBlock;

    @Option(names = "--to-block", paramLabel = "M", description = "Last block (default: the end of the files, or "
            + "the node's tip less the confirmations).")
    Long toBlock;

    @Option(names = "--confirmations", defaultValue = "6",
            description = "With --rpc, blocks to stay behind the tip (default: ${DEFAULT-VALUE}).")
    int confirmations;

    @Option(names = "--follow", description = "With --rpc, keep ingesting new blocks as they come, "
            + "--confirmations behind the tip, rolling back blocks the node reorganises away.")
    boolean follow;

    @Option(names = "--poll", defaultValue = "30", paramLabel = "SECONDS",
            description = "With --follow, how often to ask for new blocks (default: ${DEFAULT-VALUE}).")
    int pollSeconds;

    @Option(names = "--batch-transactions", defaultValue = "5000",
            description = "Transactions per write transaction, about (default: ${DEFAULT-VALUE}).")
    int batchTransactions;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "With --rpc, per-request timeout (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--rpc-cookie", paramLabel = "FILE",
            description = "With --rpc, Bitcoin Core's .cookie file (its data directory) instead of user:password.")
    Path cookie;

    @Mixin
    GraphOptions graph;

    @Override
    public Integer call() {
        try (GraphConnection connection = graph.open()) {
            WatchHook watches = new WatchHook(connection.store());
            // Following, the watchlists are checked after every commit; else once, at the end.
            UtxoIngestor ingestor = new UtxoIngestor(connection.store(), Chain.BITCOIN, batchTransactions,
                    UtxoIngestor.DEFAULT_CACHE_CAPACITY, follow ? checkpoint -> watches.afterCommit(Chain.BITCOIN)
                    : checkpoint -> { });
            UtxoIngestReport report = source.blocksDir != null ? fromFiles(ingestor) : fromNode(connection, ingestor);
            System.out.println("into " + connection.description());
            System.out.print(report.describe());
            if (report.blocks() > 0 && !follow) {
                watches.afterCommit(Chain.BITCOIN).ifPresent(o -> System.out.println("  " + o.describe()));
            }
        }
        return 0;
    }

    private UtxoIngestReport fromFiles(UtxoIngestor ingestor) {
        if (fromBlock != null || follow || cookie != null) {
            throw new IllegalArgumentException("--from-block, --follow and --rpc-cookie are for --rpc: blk files are "
                    + "read from the genesis block, or after the stored checkpoint, to their end");
        }
        Optional<Checkpoint> checkpoint = ingestor.checkpoint();
        try (UtxoBlockSource blocks = checkpoint
                .map(c -> BlkChainReader.resumeAfter(source.blocksDir, c.hash(), c.number()))
                .orElseGet(() -> BlkChainReader.fromGenesis(source.blocksDir))) {
            return run(ingestor, blocks, toBlock == null ? OptionalLong.empty() : OptionalLong.of(toBlock));
        }
    }

    private UtxoIngestReport fromNode(GraphConnection connection, UtxoIngestor ingestor) {
        if (follow && toBlock != null) {
            throw new IllegalArgumentException("--follow and --to-block exclude each other");
        }
        URI url = cookie == null ? source.rpc : CoreCookie.apply(source.rpc, cookie);
        BitcoinCoreClient node = new BitcoinCoreClient(url, Duration.ofSeconds(timeoutSeconds), Backoff.DEFAULT, 100);
        var options = new BitcoinNodeIngest.Options(
                fromBlock == null ? OptionalLong.empty() : OptionalLong.of(fromBlock),
                toBlock == null ? OptionalLong.empty() : OptionalLong.of(toBlock), confirmations, follow,
                Duration.ofSeconds(pollSeconds), 100);
        BitcoinNodeIngest ingest = new BitcoinNodeIngest(connection.store(), node, ingestor, options);
        return CtrlC.stopsGracefully(ingest::stop, ingest::run);
    }

    /** Runs an ingest that Ctrl-C stops after the batch being written, with an exact checkpoint. */
    static UtxoIngestReport run(UtxoIngestor ingestor, UtxoBlockSource blocks, OptionalLong toBlock) {
        return CtrlC.stopsGracefully(ingestor::stop, () -> ingestor.run(blocks, toBlock));
    }
}
