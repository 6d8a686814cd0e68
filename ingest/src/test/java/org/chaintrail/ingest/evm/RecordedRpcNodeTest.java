package org.chaintrail.ingest.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chaintrail.ingest.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * Replays ethereum-etl's recorded mainnet JSON-RPC responses, from
 * blockchain-etl/ethereum-etl@9e51c3b8 tests/resources (shared/data MANIFEST item E1): blocks
 * 1755634–1755635 (0x1ac9f2/3) with two receipts, and the parity trace of block 1000000 (0xf4240).
 */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class RecordedRpcNodeTest {
    private static final String RESOURCES = "ethereum/ethereum-etl/tests/resources/";
    private static final Path TREE = SharedData.path(RESOURCES);
    private static final Path STREAM = SharedData.path(RESOURCES + "test_stream/blocks_1755634_1755635");
    private static final Path TRACES = SharedData.path(RESOURCES + "test_export_traces_job/block_with_subtraces");
    private static final String BLOCK_1755634 = "0xa06fc36a7144c4bbb1f7ab13b541144414fa7808c119e8a4635e392ea544c178";
    private static final String BLOCK_1755635 = "0x1dec87ec1ba8e65b7773bb6f62249468948a28a427efd3d896a2ff7d7c591a67";
    private static final String RECEIPT_A = "0x2e3dcd051a91d3a694f6b8de2ac4b5fe7acdba55f58bcf8471ff00d4a430074d";
    private static final String RECEIPT_B = "0x9a5437ec71b74ecf5930b406908ac6999966d38a86d1534b7190ece7599095eb";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private RecordedRpcNode node;

    @BeforeEach
    void setUp() {
        node = RecordedRpcNode.start(STREAM, TRACES);
    }

    @AfterEach
    void tearDown() {
        node.close();
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(node.uri()).timeout(Duration.ofSeconds(2))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON-RPC call; {@code id} and {@code params} are JSON text. */
    private static String call(String id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    private static JsonNode params(Object... params) {
        return JSON.valueToTree(List.of(params));
    }

    @Test
    void post_getBlockByNumberRecorded_answersRecordedBlockWithCallersId() throws Exception {
        HttpResponse<String> response = post(call("7", "eth_getBlockByNumber", "[\"0x1ac9f2\",true]"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        JsonNode recorded =
                JSON.readTree(STREAM.resolve("web3_response.eth_getBlockByNumber_0x1ac9f2_true.json").toFile());
        assertThat(answer.get("id").asInt()).isEqualTo(7);
        assertThat(answer.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(answer.at("/result/hash").asText()).isEqualTo(recorded.at("/result/hash").asText())
                .isEqualTo(BLOCK_1755634);
        assertThat(answer.at("/result/number").asText()).isEqualTo("0x1ac9f2");
        assertThat(answer.get("result")).isEqualTo(recorded.get("result"));
        assertThat(node.requestLog()).containsExactly("eth_getBlockByNumber_0x1ac9f2_true");
    }

    @Test
    void post_batchOfTwoReceipts_arrayInRequestOrderWithMatchingIds() throws Exception {
        HttpResponse<String> response = post("[" + call("11", "eth_getTransactionReceipt", "[\"" + RECEIPT_B + "\"]")
                + "," + call("3", "eth_getTransactionReceipt", "[\"" + RECEIPT_A + "\"]") + "]");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.isArray()).isTrue();
        assertThat(answer).extracting(call -> call.get("id").asInt()).containsExactly(11, 3);
        assertThat(answer).extracting(call -> call.at("/result/transactionHash").asText())
                .containsExactly(RECEIPT_B, RECEIPT_A);
        // Both receipts are in block 1755635; A (0x8e42 gas) emitted the token transfer's two logs.
        assertThat(answer).extracting(call -> call.at("/result/blockHash").asText())
                .containsOnly(BLOCK_1755635);
        assertThat(answer).extracting(call -> call.at("/result/gasUsed").asText()).containsExactly("0x5208", "0x8e42");
        assertThat(answer).extracting(call -> call.at("/result/logs").size()).containsExactly(0, 2);
        assertThat(node.requestCount()).isEqualTo(2);
        assertThat(node.httpRequestCount()).isEqualTo(1);
    }

    @Test
    void post_traceBlockFromSecondDirectory_answersParityTraces() throws Exception {
        HttpResponse<String> response = post(call("\"t\"", "trace_block", "[\"0xF4240\"]"));

        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("id").asText()).isEqualTo("t");
        assertThat(answer.get("result")).hasSize(4);
        assertThat(answer.at("/result/0/transactionHash").asText())
                .isEqualTo("0xea1093d492a1dcb1bef708f771a99a96ff05dcab81ca76c31940300177fcf49f");
        // Upper-case hex finds the lower-case file name.
        assertThat(node.requestLog()).containsExactly("trace_block_0xf4240");
    }

    @Test
    void post_noRecordingForParams_errorNamesTheFileLookedFor() throws Exception {
        HttpResponse<String> response = post(call("5", "eth_getBlockByNumber", "[\"0x1ac9f4\",true]"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("id").asInt()).isEqualTo(5);
        assertThat(answer.has("result")).isFalse();
        assertThat(answer.at("/error/code").asInt()).isEqualTo(RecordedRpcNode.NO_RECORDING);
        assertThat(answer.at("/error/message").asText())
                .contains("web3_response.eth_getBlockByNumber_0x1ac9f4_true.json")
                .contains("blocks_1755634_1755635", "block_with_subtraces");
        assertThat(node.misses()).containsExactly("eth_getBlockByNumber_0x1ac9f4_true");
    }

    @Test
    void post_unrecordedMethodInBatch_methodNotFoundBesideRecordedAnswer() throws Exception {
        HttpResponse<String> response = post("[" + call("1", "eth_blockNumber", "[]") + ","
                + call("2", "eth_getBlockByNumber", "[\"0x1ac9f3\",true]") + "]");

        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.at("/0/error/code").asInt()).isEqualTo(RecordedRpcNode.METHOD_NOT_FOUND);
        assertThat(answer.at("/0/error/message").asText()).contains("web3_response.eth_blockNumber_.json");
        assertThat(answer.at("/1/result/hash").asText()).isEqualTo(BLOCK_1755635);
    }

    @Test
    void record_blockNumberAdded_answeredAndLogged() throws Exception {
        node.record("eth_blockNumber", List.of(), TextNode.valueOf("0x1ac9f3"));

        HttpResponse<String> response = post(call("1", "eth_blockNumber", "[]"));

        assertThat(JSON.readTree(response.body()).get("result").asText()).isEqualTo("0x1ac9f3");
        assertThat(node.requestLog()).containsExactly("eth_blockNumber_");
        assertThat(node.recordedKeys()).contains("eth_blockNumber_", "trace_block_0xf4240");
    }

    @Test
    void post_notJson_parseErrorWithNullId() throws Exception {
        HttpResponse<String> response = post("{\"jsonrpc\":");

        JsonNode answer = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(answer.get("id").isNull()).isTrue();
        assertThat(answer.at("/error/code").asInt()).isEqualTo(-32700);
    }

    @Test
    void web3j_blockAndReceiptBatch_answeredThroughHttpService() throws Exception {
        Web3j web3j = Web3j.build(new HttpService(node.url()));
        try {
            EthBlock.Block block = web3j.ethGetBlockByNumber(
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(1_755_635)), true).send().getBlock();
            BatchResponse receipts = web3j.newBatch().add(web3j.ethGetTransactionReceipt(RECEIPT_A))
                    .add(web3j.ethGetTransactionReceipt(RECEIPT_B)).send();

            assertThat(block.getHash()).isEqualTo(BLOCK_1755635);
            assertThat(block.getTransactions()).hasSize(2);
            assertThat(receipts.getResponses()).extracting(
                    r -> ((EthGetTransactionReceipt) r).getTransactionReceipt().orElseThrow().getTransactionHash())
                    .containsExactly(RECEIPT_A, RECEIPT_B);
            assertThat(node.requestLog()).containsExactly("eth_getBlockByNumber_0x1ac9f3_true",
                    "eth_getTransactionReceipt_" + RECEIPT_A, "eth_getTransactionReceipt_" + RECEIPT_B);
        } finally {
            web3j.shutdown();
        }
    }

    /** One call of each shape in the E1 tree, params in the order and case a client would send them. */
    private static Map<String, JsonNode> representativeCalls() {
        Map<String, JsonNode> calls = new LinkedHashMap<>();
        calls.put("eth_getBlockByNumber", params("0x1AC9F2", true));
        calls.put("eth_getTransactionReceipt",
                params("0x04CBCB236043D8FB7839E07BBC7F5EED692FB2CA55D897F1101EAC3E3AD4FAB8"));
        calls.put("eth_getCode", params("0x06012C8cf97BEaD5deAe237070F9587f8E7A266d", "latest"));
        calls.put("eth_chainId", params());
        calls.put("trace_block", params("0xf4240"));
        // A geth tracer config: the value is lower-cased, the name is not.
        calls.put("debug_traceBlockByNumber", params("0xf4240", Map.of("tracer", "callTracer")));
        // web3j writes "to" before "data": the file name has them sorted.
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("to", "0x86fa049857e0209aa7d9e616f7eb3b3b78ecfdb0");
        call.put("data", "0x313ce567");
        calls.put("eth_call", params(call, "latest"));
        // Names keep their camel case and sort as "address" < "fromBlock" < "toBlock" < "topics".
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("topics", List.of("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"));
        filter.put("toBlock", "0x76250");
        filter.put("fromBlock", "0x76250");
        calls.put("eth_newFilter", params(filter));
        Map<String, Object> originFilter = new LinkedHashMap<>();
        originFilter.put("toBlock", "0x98d07f");
        originFilter.put("fromBlock", "0x98d07f");
        originFilter.put("address", List.of("0x698ff47b84837d3971118a369c570172ee7e54c2"));
        calls.put("eth_newFilter#address", params(originFilter));
        calls.put("eth_getFilterLogs", params("0x0"));
        calls.put("eth_uninstallFilter", params("0x0"));
        return calls;
    }

    @Test
    void key_representativeCalls_nameFilesInTheTree() throws IOException {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("eth_getBlockByNumber", "web3_response.eth_getBlockByNumber_0x1ac9f2_true.json"),
                Map.entry("eth_getTransactionReceipt", "web3_response.eth_getTransactionReceipt_"
                        + "0x04cbcb236043d8fb7839e07bbc7f5eed692fb2ca55d897f1101eac3e3ad4fab8.json"),
                Map.entry("eth_getCode",
                        "web3_response.eth_getCode_0x06012c8cf97bead5deae237070f9587f8e7a266d_latest.json"),
                Map.entry("eth_chainId", "web3_response.eth_chainId_.json"),
                Map.entry("trace_block", "web3_response.trace_block_0xf4240.json"),
                Map.entry("debug_traceBlockByNumber",
                        "web3_response.debug_traceBlockByNumber_0xf4240_tracer_calltracer.json"),
                Map.entry("eth_call", "web3_response.eth_call_data_0x313ce567_"
                        + "to_0x86fa049857e0209aa7d9e616f7eb3b3b78ecfdb0_latest.json"),
                Map.entry("eth_newFilter", "web3_response.eth_newFilter_fromBlock_0x76250_toBlock_0x76250_topics_"
                        + "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef.json"),
                Map.entry("eth_newFilter#address", "web3_response.eth_newFilter_address_"
                        + "0x698ff47b84837d3971118a369c570172ee7e54c2_fromBlock_0x98d07f_toBlock_0x98d07f.json"),
                Map.entry("eth_getFilterLogs", "web3_response.eth_getFilterLogs_0x0.json"),
                Map.entry("eth_uninstallFilter", "web3_response.eth_uninstallFilter_0x0.json"));
        Set<String> filesInTree = recordingNamesInTree();

        representativeCalls().forEach((label, params) -> {
            String method = label.replaceFirst("#.*", "");
            String file = RecordedRpcNode.fileName(method, params);
            assertThat(file).as(label).isEqualTo(expected.get(label));
            assertThat(filesInTree).as(label).contains(file);
        });
    }

    @Test
    void key_representativeCalls_coverEveryMethodInTheTree() throws IOException {
        Set<String> covered = representativeCalls().keySet().stream().map(label -> label.replaceFirst("#.*", ""))
                .collect(Collectors.toSet());

        // JSON-RPC methods are namespace_name, so the method is the name up to its second underscore.
        Set<String> methodsInTree = recordingNamesInTree().stream()
                .map(name -> name.substring("web3_response.".length()))
                .map(key -> key.substring(0, key.indexOf('_', key.indexOf('_') + 1)))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(methodsInTree).containsExactlyInAnyOrder("debug_traceBlockByNumber", "eth_call", "eth_chainId",
                "eth_getBlockByNumber", "eth_getCode", "eth_getFilterLogs", "eth_getTransactionReceipt",
                "eth_newFilter", "eth_uninstallFilter", "trace_block");
        assertThat(covered).containsAll(methodsInTree);
    }

    @Test
    void key_pythonSpellings_nullIsNoneAndBooleansLowerCase() {
        assertThat(RecordedRpcNode.key("eth_getBlockByNumber", params("latest", false)))
                .isEqualTo("eth_getBlockByNumber_latest_false");
        assertThat(RecordedRpcNode.key("eth_getBlockByNumber", JSON.createArrayNode().add("0x1").addNull()))
                .isEqualTo("eth_getBlockByNumber_0x1_none");
        assertThat(RecordedRpcNode.key("eth_chainId", null)).isEqualTo("eth_chainId_");
    }

    @Test
    void start_everyDirectoryOfTheTree_loadsEveryRecordingUnderItsFileName() throws IOException {
        List<Path> dirs;
        try (Stream<Path> files = Files.walk(TREE)) {
            dirs = files.filter(file -> file.getFileName().toString().startsWith("web3_response."))
                    .map(Path::getParent).distinct().sorted().toList();
        }
        int loaded = 0;
        for (Path dir : dirs) {
            try (RecordedRpcNode each = RecordedRpcNode.start(dir);
                    Stream<Path> files = Files.list(dir)) {
                Set<String> keys = files.map(file -> file.getFileName().toString())
                        .filter(name -> name.startsWith("web3_response."))
                        .map(name -> name.substring("web3_response.".length(), name.length() - ".json".length()))
                        .collect(Collectors.toSet());
                assertThat(each.recordedKeys()).as(dir.toString()).isEqualTo(keys);
                loaded += keys.size();
            }
        }
        assertThat(dirs).hasSize(22);
        assertThat(loaded).isEqualTo(51);
    }

    @Test
    void start_twoDirectoriesDisagreeOnAKey_failsNamingBothFiles() {
        Path origin = SharedData.path(RESOURCES + "test_export_origin_job/blocks_with_logs");
        Path transfers = SharedData.path(RESOURCES + "test_export_token_transfers_job/block_with_transfers");

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RecordedRpcNode.start(origin, transfers));

        assertThat(e.getMessage()).contains("web3_response.eth_getFilterLogs_0x0.json", "test_export_origin_job",
                "test_export_token_transfers_job");
    }

    @Test
    void start_sameAnswerInTwoDirectories_merged() throws Exception {
        // Both directories hold the same "latest" block (and their own numbered blocks).
        Path other = SharedData.path(RESOURCES + "test_stream/blocks_508110_508110");
        try (RecordedRpcNode merged = RecordedRpcNode.start(STREAM, other)) {
            assertThat(merged.recordedKeys()).contains("eth_getBlockByNumber_latest_false",
                    "eth_getBlockByNumber_0x1ac9f2_true", "eth_getBlockByNumber_0x7c0ce_false", "trace_block_0x7c0ce");
        }
    }

    private static Set<String> recordingNamesInTree() throws IOException {
        try (Stream<Path> files = Files.walk(TREE)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith("web3_response."))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
