package org.chaintrail.ingest.evm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.rpc.Backoff;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.model.Transfer;
import org.junit.jupiter.api.Test;

/**
 * Real mainnet blocks 1,755,634–1,755,635 (June 2016) ingested from the JSON-RPC answers a real
 * node gave ethereum-etl, served by a local HTTP server, and compared field by field with
 * ethereum-etl's own output for the same blocks.
 */
class RecordedMainnetIngestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of(System.getProperty("chaintrail.sharedData", "../../shared/data"))
            .resolve("ethereum/ethereum-etl/tests/resources/test_stream/blocks_1755634_1755635");

    @Test
    void theGraphHoldsWhatEthereumEtlExported() throws IOException {
        GraphStore store = TestGraph.fresh().store();
        try (RecordedRpcNode node = RecordedRpcNode.start(DIR)) {
            // The recordings lack the two small answers the ingestor asks for besides blocks and
            // receipts; both are taken from recorded blocks, not made up.
            JsonNode latest = result(DIR.resolve("web3_response.eth_getBlockByNumber_latest_false.json"));
            node.record("eth_blockNumber", List.of(), latest.get("number"));
            JsonNode last = result(DIR.resolve("web3_response.eth_getBlockByNumber_0x1ac9f3_true.json"));
            node.record("eth_getBlockByNumber", List.of("0x1ac9f3", false), withHashesOnly(last));

            EvmIngestReport report = new EvmIngestor(store, EvmIngestConfig.of(node.uri(), Chain.ETHEREUM)
                    .withRange(OptionalLong.of(1_755_634), OptionalLong.of(1_755_635))
                    .withRetries(Duration.ofSeconds(5), new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), 3, 2)))
                    .run();

            assertThat(report.blocks()).isEqualTo(2);
            assertThat(report.receipts()).contains("eth_getTransactionReceipt");
            assertThat(report.traces()).contains("NOT ingested");
            assertThat(node.misses()).allMatch(key -> key.startsWith("eth_getBlockReceipts")
                    || key.startsWith("debug_traceBlockByNumber") || key.startsWith("trace_block")
                    || key.startsWith("eth_call"));
        }

        List<JsonNode> blocks = lines(DIR.resolve("expected_blocks.json"));
        Map<Long, String> hashes = store.blockHashes(Chain.ETHEREUM, 1_755_634, 1_755_635);
        for (JsonNode block : blocks) {
            assertThat(hashes.get(block.get("number").asLong())).isEqualTo(block.get("hash").asText());
        }
        JsonNode lastBlock = blocks.get(blocks.size() - 1);
        assertThat(store.checkpoint(Chain.ETHEREUM)).contains(new Checkpoint(Chain.ETHEREUM,
                lastBlock.get("number").asLong(), lastBlock.get("hash").asText()));

        // Native value: every transaction with value (none failed: pre-Byzantium receipts have no status).
        for (JsonNode tx : lines(DIR.resolve("expected_transactions.json"))) {
            BigInteger value = tx.get("value").bigIntegerValue();
            List<Transfer> stored = store.transfersFrom(Chain.ETHEREUM, Asset.NATIVE,
                    List.of(tx.get("from_address").asText()));
            if (value.signum() == 0) {
                assertThat(stored).noneMatch(t -> t.txHash().equals(tx.get("hash").asText()));
                continue;
            }
            assertThat(stored).singleElement().satisfies(t -> {
                assertThat(t.txHash()).isEqualTo(tx.get("hash").asText());
                assertThat(t.to()).isEqualTo(tx.get("to_address").asText());
                assertThat(t.amount()).isEqualTo(value);
                assertThat(t.blockNumber()).isEqualTo(tx.get("block_number").asLong());
                assertThat(t.txIndex()).isEqualTo(tx.get("transaction_index").asInt());
                assertThat(t.timestamp()).isEqualTo(tx.get("block_timestamp").asLong());
            });
        }
        // Token transfers, field by field.
        List<JsonNode> expected = lines(DIR.resolve("expected_token_transfers.json"));
        assertThat(expected).isNotEmpty();
        for (JsonNode row : expected) {
            String token = row.get("token_address").asText();
            assertThat(store.transfersFrom(Chain.ETHEREUM, token, List.of(row.get("from_address").asText())))
                    .singleElement().satisfies(t -> {
                        assertThat(t.to()).isEqualTo(row.get("to_address").asText());
                        assertThat(t.amount()).isEqualTo(row.get("value").bigIntegerValue());
                        assertThat(t.txHash()).isEqualTo(row.get("transaction_hash").asText());
                        assertThat(t.logIndex()).isEqualTo(row.get("log_index").asInt());
                        assertThat(t.blockNumber()).isEqualTo(row.get("block_number").asLong());
                        assertThat(t.timestamp()).isEqualTo(row.get("block_timestamp").asLong());
                    });
        }
    }

    private static JsonNode withHashesOnly(JsonNode fullBlock) {
        ObjectNode copy = fullBlock.deepCopy();
        var hashes = copy.putArray("transactions");
        fullBlock.get("transactions").forEach(tx -> hashes.add(tx.get("hash").asText()));
        return copy;
    }

    private static JsonNode result(Path file) throws IOException {
        return JSON.readTree(file.toFile()).get("result");
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }
}
