package org.chaintrail.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.NaiveMergeWriter;
import org.chaintrail.ingest.evm.EvmIngestConfig;
import org.chaintrail.ingest.evm.EvmIngestReport;
import org.chaintrail.ingest.evm.EvmIngestor;
import org.chaintrail.ingest.evm.TraceSource;
import org.chaintrail.model.Chain;
import org.chaintrail.model.WriteBatch;

/**
 * Ingest throughput from a JSON-RPC node: fills a local development node (anvil, ganache: one
 * whose accounts are unlocked) with blocks of ETH and ERC-20 payments to many addresses, then
 * ingests them into a fresh embedded store twice: with the live ingestor as it ships, and as most
 * scripts do it (one block per request, no concurrency, one write transaction per transfer with
 * {@code MERGE}). Times are wall clock around each ingest, fetching and writing included.
 */
public final class NodeIngestBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRANSFER = "0xa9059cbb";

    /**
     * @param rpc           the development node, on loopback
     * @param blocks        blocks to fill
     * @param txsPerBlock   payments per block, half ETH and half token
     * @param naiveBlocks   blocks the naive baseline ingests (a prefix: it is slow)
     * @param dir           where the two stores go
     * @param traces        internal transfers or not (off measures the core path)
     */
    public record Settings(URI rpc, int blocks, int txsPerBlock, int naiveBlocks, Path dir, TraceSource traces) {
    }

    /** Figures of one run. */
    public record Report(long blocks, long transfers, Duration fast, long naiveBlocks, long naiveTransfers,
                         Duration naive) {
        double blocksPerSecond() {
            return blocks / seconds(fast);
        }

        double transfersPerSecond() {
            return transfers / seconds(fast);
        }

        double naiveTransfersPerSecond() {
            return naiveTransfers / seconds(naive);
        }

        public String describe() {
            return String.format("""
                    node ingest: %,d blocks, %,d transfers
                      chaintrail ingest evm : %8.1f s  %,10.1f blocks/s  %,10.0f transfers/s
                      naive (1 block per request, 1 MERGE transaction per transfer), first %,d blocks:
                                              %8.1f s  %,10.1f blocks/s  %,10.0f transfers/s
                      ratio (transfers/s)   : %.1f×
                    """, blocks, transfers, seconds(fast), blocksPerSecond(), transfersPerSecond(), naiveBlocks,
                    seconds(naive), naiveBlocks / seconds(naive), naiveTransfersPerSecond(),
                    transfersPerSecond() / naiveTransfersPerSecond());
        }

        private static double seconds(Duration d) {
            return Math.max(1, d.toMillis()) / 1000.0;
        }
    }

    private final Settings settings;
    private final PrintStream progress;
    private final HttpClient http = HttpClient.newHttpClient();

    public NodeIngestBenchmark(Settings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public Report run() throws IOException {
        long[] range = fill();
        EvmIngestConfig fast = EvmIngestConfig.of(settings.rpc(), Chain.ETHEREUM)
                .withRange(OptionalLong.of(range[0]), OptionalLong.of(range[1]))
                .withConfirmations(0).withTraces(settings.traces());
        progress.println("ingesting blocks " + range[0] + "–" + range[1] + " with the live ingestor");
        EvmIngestReport report;
        Duration fastTime;
        try (GraphConnection graph = GraphConnection.embedded(fresh("store-fast"))) {
            long started = System.nanoTime();
            report = new EvmIngestor(graph.store(), fast).run();
            fastTime = Duration.ofNanos(System.nanoTime() - started);
        }
        long naiveTo = Math.min(range[1], range[0] + settings.naiveBlocks() - 1);
        progress.println("ingesting blocks " + range[0] + "–" + naiveTo + " the naive way");
        EvmIngestReport naiveReport;
        Duration naiveTime;
        try (GraphConnection graph = GraphConnection.embedded(fresh("store-naive"))) {
            NaiveMergeWriter naive = new NaiveMergeWriter(graph);
            EvmIngestConfig slow = fast.withRange(OptionalLong.of(range[0]), OptionalLong.of(naiveTo))
                    .withThroughput(1, 1, 1);
            long started = System.nanoTime();
            naiveReport = new EvmIngestor(graph.store(), slow, batch -> {
                batch.blocks().forEach(naive::write);
                batch.transfers().forEach(naive::write);
                // Assets and the checkpoint, so the run resumes like the real one; no transfers here.
                graph.store().write(new WriteBatch(List.of(), batch.assets(), List.of(), List.of(), batch.checkpoint()));
            }).run();
            naiveTime = Duration.ofNanos(System.nanoTime() - started);
        }
        return new Report(report.blocks(), report.transfers(), fastTime, naiveReport.blocks(), naiveReport.transfers(),
                naiveTime);
    }

    /** Mines the payments; returns the first and last block holding them. */
    private long[] fill() throws IOException {
        List<String> accounts = new ArrayList<>();
        rpc("eth_accounts", JSON.createArrayNode()).forEach(a -> accounts.add(a.asText()));
        String deployer = accounts.get(0);
        rpc("evm_setAutomine", JSON.createArrayNode().add(true));
        String token = deploy(deployer);
        rpc("evm_setAutomine", JSON.createArrayNode().add(false));
        long first = blockNumber() + 1;
        // Explicit nonces: a batch of several payments from one account must not race for one.
        long[] nonces = new long[accounts.size()];
        for (int a = 0; a < accounts.size(); a++) {
            nonces[a] = Long.decode(rpc("eth_getTransactionCount",
                    JSON.createArrayNode().add(accounts.get(a)).add("pending")).asText());
        }
        Random random = new Random(20261123);
        progress.printf("filling %,d blocks of %,d payments on %s%n", settings.blocks(), settings.txsPerBlock(),
                settings.rpc());
        try {
            for (int b = 0; b < settings.blocks(); b++) {
                ArrayNode batch = JSON.createArrayNode();
                for (int i = 0; i < settings.txsPerBlock(); i++) {
                    String to = randomAddress(random);
                    ObjectNode tx = JSON.createObjectNode();
                    int sender = i % 2 == 0 ? 1 + random.nextInt(accounts.size() - 1) : 0;
                    tx.put("nonce", "0x" + Long.toHexString(nonces[sender]++));
                    if (i % 2 == 0) {
                        tx.put("from", accounts.get(sender)).put("to", to)
                                .put("value", "0x" + Long.toHexString(1_000_000_000L + random.nextInt(1_000_000)))
                                .put("gas", "0x5208");
                    } else {
                        tx.put("from", deployer).put("to", token).put("gas", "0x186a0")
                                .put("data", TRANSFER + word(to.substring(2)) + word(Long.toHexString(1 + random.nextInt(1_000_000))));
                    }
                    batch.add(call("eth_sendTransaction", JSON.createArrayNode().add(tx), i));
                }
                for (JsonNode answer : post(batch)) {
                    if (answer.has("error")) {
                        throw new IllegalStateException("the node refused a payment: " + answer.get("error"));
                    }
                }
                rpc("evm_mine", JSON.createArrayNode());
            }
        } finally {
            rpc("evm_setAutomine", JSON.createArrayNode().add(true));
        }
        return new long[] {first, blockNumber()};
    }

    private String deploy(String from) throws IOException {
        JsonNode artifact;
        try (InputStream in = NodeIngestBenchmark.class.getResourceAsStream("/contracts/TestToken.json")) {
            artifact = JSON.readTree(in);
        }
        ObjectNode tx = JSON.createObjectNode().put("from", from).put("data", artifact.get("bytecode").asText())
                .put("gas", "0x1e8480");
        String hash = rpc("eth_sendTransaction", JSON.createArrayNode().add(tx)).asText();
        for (int attempt = 0; attempt < 100; attempt++) {
            JsonNode receipt = rpc("eth_getTransactionReceipt", JSON.createArrayNode().add(hash));
            if (receipt != null && !receipt.isNull()) {
                return receipt.get("contractAddress").asText();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        throw new IllegalStateException("the token deployment " + hash + " was not mined within 10 s");
    }

    private long blockNumber() throws IOException {
        return Long.decode(rpc("eth_blockNumber", JSON.createArrayNode()).asText());
    }

    private static String randomAddress(Random random) {
        StringBuilder hex = new StringBuilder("0x");
        for (int i = 0; i < 40; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }

    private static String word(String hex) {
        return "0".repeat(64 - hex.length()) + hex;
    }

    private static ObjectNode call(String method, ArrayNode params, int id) {
        return JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method).set("params", params);
    }

    private JsonNode rpc(String method, ArrayNode params) throws IOException {
        JsonNode answer = post(call(method, params, 1));
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.get("result");
    }

    private JsonNode post(JsonNode body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(settings.rpc()).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private Path fresh(String name) {
        Path store = settings.dir().resolve(name);
        try {
            if (Files.exists(store)) {
                try (var paths = Files.walk(store)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(store);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store;
    }
}
