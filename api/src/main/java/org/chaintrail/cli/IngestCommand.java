package org.chaintrail.cli;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import org.chaintrail.analytics.entities.EntityResolver;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.ingest.evm.EvmIngestConfig;
import org.chaintrail.ingest.evm.EvmIngestReport;
import org.chaintrail.ingest.evm.EvmIngestor;
import org.chaintrail.ingest.evm.TraceSource;
import org.chaintrail.ingest.rpc.Backoff;
import org.chaintrail.model.Chain;
import org.chaintrail.watch.WatchHook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", description = "Ingest live chain data from a node.", mixinStandardHelpOptions = true,
        subcommands = {IngestCommand.Evm.class, BitcoinIngestCommand.class})
final class IngestCommand {

    @Command(name = "evm", mixinStandardHelpOptions = true,
            description = "Ingest blocks from an EVM JSON-RPC node (Ethereum, BSC, Polygon, Arbitrum) or Tron's "
                    + "Ethereum-compatible /jsonrpc: native value, ERC-20/TRC-20 Transfer events, and internal "
                    + "transfers where the node traces calls. Resumes after the stored checkpoint; rolls back "
                    + "reorganised blocks.",
            footer = {"", "Examples:",
                    "  ./chaintrail ingest evm --rpc http://127.0.0.1:8545 --chain ethereum --from-block 19000000 --to-block 19000100",
                    "  ./chaintrail ingest evm --rpc http://127.0.0.1:8545 --chain ethereum --follow",
                    "  ./chaintrail ingest evm --rpc https://tron-node.example/jsonrpc --chain tron --from-block 60000000 "
                            + "--tokens TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"})
    static final class Evm implements Callable<Integer> {
        @Option(names = "--rpc", required = true, paramLabel = "URL", description = "The node's JSON-RPC URL.")
        URI rpc;

        @Option(names = "--chain", defaultValue = "ethereum",
                description = "ethereum, bsc, polygon, arbitrum or tron (default: ${DEFAULT-VALUE}).")
        String chain;

        @Option(names = "--from-block", paramLabel = "N",
                description = "First block, when the store has no checkpoint for the chain (else it resumes).")
        Long fromBlock;

        @Option(names = "--to-block", paramLabel = "M",
                description = "Last block (default: the head less the confirmations).")
        Long toBlock;

        @Option(names = "--follow", description = "Keep ingesting new blocks as they come, --confirmations behind the head.")
        boolean follow;

        @Option(names = "--tokens", defaultValue = "all", paramLabel = "all|CONTRACT,...",
                description = "Token contracts to ingest, comma-separated, or all (default: ${DEFAULT-VALUE}).")
        String tokens;

        @Option(names = "--confirmations", defaultValue = "12",
                description = "Blocks to stay behind the head (default: ${DEFAULT-VALUE}).")
        int confirmations;

        @Option(names = "--traces", defaultValue = "auto", paramLabel = "auto|debug|parity|off",
                description = "Internal transfers from debug_traceBlockByNumber (debug) or trace_block (parity); "
                        + "auto asks the node (default: ${DEFAULT-VALUE}).")
        String traces;

        @Option(names = "--fetchers", defaultValue = "4", description = "Concurrent block fetches (default: ${DEFAULT-VALUE}).")
        int fetchers;

        @Option(names = "--blocks-per-request", defaultValue = "10",
                description = "Blocks per batch request (default: ${DEFAULT-VALUE}).")
        int blocksPerRequest;

        @Option(names = "--batch-transfers", defaultValue = "20000",
                description = "Transfers per write transaction (default: ${DEFAULT-VALUE}).")
        int batchTransfers;

        @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
                description = "Per-request timeout (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Option(names = "--retries", defaultValue = "8",
                description = "Attempts per request before giving up (default: ${DEFAULT-VALUE}).")
        int retries;

        @Option(names = "--poll", defaultValue = "5", paramLabel = "SECONDS",
                description = "With --follow, how often to look for new blocks (default: ${DEFAULT-VALUE}).")
        int pollSeconds;

        @Mixin
        GraphOptions graph;

        @Override
        public Integer call() {
            Chain c = Chain.of(chain);
            EvmIngestConfig config = EvmIngestConfig.of(rpc, c)
                    .withRange(optional(fromBlock), optional(toBlock))
                    .withFollow(follow, Duration.ofSeconds(pollSeconds))
                    .withTokens(tokens(c))
                    .withConfirmations(confirmations)
                    .withTraces(traceSource())
                    .withThroughput(fetchers, blocksPerRequest, batchTransfers)
                    .withRetries(Duration.ofSeconds(timeoutSeconds), new Backoff(Backoff.DEFAULT.base(),
                            Backoff.DEFAULT.cap(), retries, Backoff.DEFAULT.malformedMax()));
            try (var connection = graph.open()) {
                GraphStore store = connection.store();
                WatchHook watches = new WatchHook(store);
                // Following, the watchlists are checked after every commit; else once, at the end.
                EvmIngestor ingestor = follow ? new EvmIngestor(store, config, batch -> {
                    store.write(batch);
                    watches.afterCommit(c);
                }) : new EvmIngestor(store, config);
                // Ctrl-C: finish the transaction being written, then stop; the checkpoint is exact either way.
                EvmIngestReport report = CtrlC.stopsGracefully(ingestor::stop, ingestor::run);
                System.out.println("ingested from " + rpc + " into " + connection.description());
                System.out.print(report.describe());
                if (report.blocks() > 0 && !follow) {
                    System.out.println("  " + new EntityResolver(store, c).resolve().describe());
                    watches.afterCommit(c).ifPresent(o -> System.out.println("  " + o.describe()));
                }
            }
            return 0;
        }

        private Set<String> tokens(Chain c) {
            if (tokens.trim().equalsIgnoreCase("all")) {
                return Set.of();
            }
            Set<String> contracts = new LinkedHashSet<>();
            for (String token : tokens.split(",")) {
                if (!token.isBlank()) {
                    try {
                        contracts.add(c.canonicalAddress(token));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--tokens: " + e.getMessage());
                    }
                }
            }
            if (contracts.isEmpty()) {
                throw new IllegalArgumentException("--tokens: give all or token contracts, comma-separated");
            }
            return contracts;
        }

        private TraceSource traceSource() {
            try {
                return TraceSource.valueOf(traces.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--traces: expected auto, debug, parity or off, was '" + traces + "'");
            }
        }

        private static OptionalLong optional(Long value) {
            return value == null ? OptionalLong.empty() : OptionalLong.of(value);
        }
    }
}
