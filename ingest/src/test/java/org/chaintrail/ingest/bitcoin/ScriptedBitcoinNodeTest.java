package org.chaintrail.ingest.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bitcoinj.core.Transaction;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.ingest.rpc.Backoff;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoInput;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scripted node answers as Bitcoin Core does, and serves a new branch once told to (a reorg). */
class ScriptedBitcoinNodeTest {
    private static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 8, 3);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static RegtestScenario scenario;

    private ScriptedBitcoinNode node;
    private BitcoinCoreClient client;

    @BeforeAll
    static void build() {
        scenario = new RegtestScenario();
    }

    @BeforeEach
    void start() {
        node = ScriptedBitcoinNode.start(scenario.main.blocks());
        client = new BitcoinCoreClient(node.uri(), Duration.ofSeconds(5), FAST, 100);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void serve_reorgBranch_hashAtForkHeightChangesAndCountGrows() {
        String main108 = client.blockHash(108);
        String main107 = client.blockHash(107);
        RegtestChain reorg = scenario.reorg();

        node.serve(reorg.blocks());

        assertThat(client.blockCount()).isEqualTo(110);
        assertThat(client.blockHash(107)).isEqualTo(main107);
        assertThat(client.blockHash(108)).isEqualTo(reorg.block(108).getHashAsString()).isNotEqualTo(main108);
        UtxoBlock block = client.block(108);
        assertThat(block.parentHash()).isEqualTo(main107);
        assertThat(block.transactions()).extracting(UtxoTransaction::txid)
                .contains(scenario.doubleSpend().getTxId().toString())
                .doesNotContain(scenario.sixInputs.getTxId().toString());
        // The main branch's transactions are gone with it.
        IngestException gone = assertThrows(IngestException.class, () -> client.prevouts(
                List.of(new OutPoint(scenario.sixInputs.getTxId().toString(), 0))));
        assertThat(gone).hasMessageContaining("-5");
    }

    @Test
    void getblock_verbosity3_prevoutsTypesAddressesAndExactDecimalsAsCore() throws Exception {
        Transaction fanOut = scenario.fanOut;
        String text = send("{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"getblock\",\"params\":[\""
                + scenario.main.block(107).getHashAsString() + "\",3]}").body();
        JsonNode answer = JSON.readTree(text);

        JsonNode tx = answer.path("result").path("tx").path(1);
        assertThat(answer.path("id").asInt()).isEqualTo(7);
        assertThat(tx.path("txid").asText()).isEqualTo(fanOut.getTxId().toString());
        assertThat(tx.path("hash").asText()).isEqualTo(fanOut.getWTxId().toString());
        assertThat(tx.path("fee").decimalValue()).isEqualByComparingTo("0.0001");
        JsonNode prevout = tx.path("vin").path(0).path("prevout");
        assertThat(prevout.path("generated").asBoolean()).isTrue();
        assertThat(prevout.path("height").asInt()).isEqualTo(2);
        assertThat(prevout.path("scriptPubKey").path("type").asText()).isEqualTo("witness_v0_keyhash");
        assertThat(prevout.path("scriptPubKey").path("address").asText()).isEqualTo(scenario.aliceLock.graphAddress());
        assertThat(tx.path("vout")).extracting(v -> v.path("scriptPubKey").path("type").asText()).containsExactly(
                "scripthash", "witness_v0_scripthash", "witness_v1_taproot", "multisig", "nulldata",
                "witness_v0_keyhash");
        assertThat(tx.path("vout").path(3).path("scriptPubKey").has("address")).isFalse();
        // Amounts as Core prints them: 8 decimal places, 0 as 0.00000000, never a double or 0E-8.
        assertThat(text).contains("\"value\":10.00000000,\"n\":0",
                "\"value\":0.00000000,\"n\":4", "\"value\":26.99990000,\"n\":5", "\"fee\":0.00010000");
        assertThat(text).doesNotContain("E-8");
    }

    @Test
    void call_failures_errorCodesAndStatusesAsCoreBefore28() throws Exception {
        HttpResponse<String> outOfRange = send("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"getblockhash\",\"params\":[110]}");
        HttpResponse<String> unknownMethod = send("{\"jsonrpc\":\"1.0\",\"id\":2,\"method\":\"getblocks\",\"params\":[]}");
        HttpResponse<String> batch = send("[{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"getrawtransaction\",\"params\":[\""
                + "00".repeat(32) + "\",true]},{\"jsonrpc\":\"1.0\",\"id\":4,\"method\":\"getblockcount\",\"params\":[]}]");

        assertThat(outOfRange.statusCode()).isEqualTo(500);
        assertThat(json(outOfRange).path("error").path("code").asInt()).isEqualTo(-8);
        assertThat(unknownMethod.statusCode()).isEqualTo(404);
        assertThat(json(unknownMethod).path("error").path("code").asInt()).isEqualTo(-32601);
        assertThat(batch.statusCode()).isEqualTo(200);
        assertThat(json(batch).path(0).path("error").path("code").asInt()).isEqualTo(-5);
        assertThat(json(batch).path(1).path("result").asInt()).isEqualTo(109);
        assertThat(assertThrows(IngestException.class, () -> client.blockHash(200))).hasMessageContaining("-8");
    }

    @Test
    void getblock_verbosity3Refused_clientFallsBackAndResolvesThroughGetrawtransaction() {
        node.verbosity3(ScriptedBitcoinNode.Verbosity3.REFUSED);

        UtxoBlock block = client.block(108);

        assertThat(client.verbosity()).isEqualTo(2);
        UtxoTransaction sixInputs = block.transactions().get(1);
        assertThat(sixInputs.inputs()).allMatch(i -> i.prevout().isEmpty());
        Map<OutPoint, UtxoOutput> prevouts = client.prevouts(sixInputs.inputs().stream().map(UtxoInput::spent)
                .toList());
        assertThat(prevouts.values()).extracting(UtxoOutput::value)
                .containsExactly(5_000_000_000L, 5_000_000_000L, 5_000_000_000L, 1_000_000_000L, 500_000_000L,
                        100_000_000L);
        assertThat(node.requestLog()).contains("getblock [\"" + scenario.main.block(108).getHashAsString() + "\",3]",
                "getblock [\"" + scenario.main.block(108).getHashAsString() + "\",2]");
    }

    private HttpResponse<String> send(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(node.uri()).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
