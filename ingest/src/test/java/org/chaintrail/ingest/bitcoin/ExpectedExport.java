package org.chaintrail.ingest.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chaintrail.ingest.SharedData;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoInput;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;

/**
 * bitcoin-etl's own output for the recorded mainnet blocks (shared/data MANIFEST item B7,
 * blockchain-etl/bitcoin-etl@b62aedd1 tests/resources/test_export_blocks_job/bitcoin), and
 * field-by-field checks of our blocks against it.
 */
final class ExpectedExport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private ExpectedExport() {
    }

    /** One test case directory: its {@code rpc_response_*} and {@code expected_*} files. */
    static Path testCase(String name) {
        return SharedData.path("bitcoin/bitcoin-etl/tests/resources/test_export_blocks_job/bitcoin/" + name);
    }

    static List<JsonNode> lines(Path file) {
        try {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hash, number, timestamp and transaction count of every block, in order. */
    static void assertBlocksMatch(List<UtxoBlock> ours, Path expectedBlocks) {
        List<JsonNode> expected = lines(expectedBlocks);
        assertThat(ours).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            JsonNode e = expected.get(i);
            UtxoBlock b = ours.get(i);
            String what = "block " + e.get("number");
            assertThat(b.block().hash()).as(what + " hash").isEqualTo(e.get("hash").asText());
            assertThat(b.block().number()).as(what + " number").isEqualTo(e.get("number").asLong());
            assertThat(b.block().timestamp()).as(what + " timestamp").isEqualTo(e.get("timestamp").asLong());
            assertThat(b.transactions()).as(what + " transactions").hasSize(e.get("transaction_count").asInt());
        }
    }

    /**
     * Every transaction field bitcoin-etl writes that our model holds: txid, index, coinbase, block
     * number/hash/timestamp, size, vsize, each output's index/value/type/address, each input's
     * spent outpoint and (where bitcoin-etl resolved it) spent value/type/address, the totals and
     * the fee. bitcoin-etl writes an unresolved input with null value and a fee of minus the
     * outputs; ours then has no prevout and no fee.
     */
    static void assertTransactionsMatch(List<UtxoBlock> ours, Path expectedTransactions) {
        Map<String, UtxoTransaction> byTxid = new HashMap<>();
        Map<String, UtxoBlock> blockOf = new HashMap<>();
        for (UtxoBlock b : ours) {
            for (UtxoTransaction t : b.transactions()) {
                byTxid.put(t.txid(), t);
                blockOf.put(t.txid(), b);
            }
        }
        List<JsonNode> expected = lines(expectedTransactions);
        assertThat(byTxid.keySet()).containsExactlyInAnyOrderElementsOf(
                expected.stream().map(e -> e.get("hash").asText()).toList());
        for (JsonNode e : expected) {
            String txid = e.get("hash").asText();
            UtxoTransaction t = byTxid.get(txid);
            UtxoBlock b = blockOf.get(txid);
            assertThat(t.index()).as(txid + " index").isEqualTo(e.get("index").asInt());
            assertThat(t.coinbase()).as(txid + " coinbase").isEqualTo(e.get("is_coinbase").asBoolean());
            assertThat(b.block().number()).as(txid + " block_number").isEqualTo(e.get("block_number").asLong());
            assertThat(b.block().hash()).as(txid + " block_hash").isEqualTo(e.get("block_hash").asText());
            assertThat(b.block().timestamp()).as(txid + " block_timestamp").isEqualTo(e.get("block_timestamp").asLong());
            assertThat(t.size()).as(txid + " size").isEqualTo(e.get("size").asInt());
            assertThat(t.vsize()).as(txid + " virtual_size").isEqualTo(e.get("virtual_size").asInt());

            assertThat(t.outputs()).as(txid + " output_count").hasSize(e.get("output_count").asInt());
            for (int n = 0; n < t.outputs().size(); n++) {
                UtxoOutput o = t.outputs().get(n);
                JsonNode eo = e.get("outputs").get(n);
                String what = txid + " output " + n;
                assertThat(o.index()).as(what + " index").isEqualTo(eo.get("index").asInt());
                assertThat(o.value()).as(what + " value").isEqualTo(eo.get("value").bigIntegerValue().longValueExact());
                assertThat(o.type().coreName()).as(what + " type").isEqualTo(eo.get("type").asText());
                assertThat(List.of(o.address())).as(what + " address").isEqualTo(texts(eo.get("addresses")));
            }
            assertThat(t.outputValue()).as(txid + " output_value").isEqualTo(e.get("output_value").bigIntegerValue().longValueExact());

            assertThat(t.inputs()).as(txid + " input_count").hasSize(e.get("input_count").asInt());
            for (int i = 0; i < t.inputs().size(); i++) {
                UtxoInput in = t.inputs().get(i);
                JsonNode ei = e.get("inputs").get(i);
                String what = txid + " input " + i;
                assertThat(in.index()).as(what + " index").isEqualTo(ei.get("index").asInt());
                assertThat(in.spent().txid()).as(what + " spent_transaction_hash")
                        .isEqualTo(ei.get("spent_transaction_hash").asText());
                assertThat(in.spent().vout()).as(what + " spent_output_index")
                        .isEqualTo(ei.get("spent_output_index").asInt());
                if (ei.get("value").isNull()) {
                    assertThat(in.prevout()).as(what + " prevout (bitcoin-etl did not resolve it)").isEmpty();
                } else {
                    UtxoOutput spent = in.prevout().orElseThrow(() -> new AssertionError(what + " unresolved"));
                    assertThat(spent.value()).as(what + " value").isEqualTo(ei.get("value").bigIntegerValue().longValueExact());
                    assertThat(spent.type().coreName()).as(what + " type").isEqualTo(ei.get("type").asText());
                    assertThat(List.of(spent.address())).as(what + " addresses").isEqualTo(texts(ei.get("addresses")));
                }
            }
            if (t.resolved()) {
                assertThat(t.inputValue().orElseThrow()).as(txid + " input_value")
                        .isEqualTo(e.get("input_value").bigIntegerValue().longValueExact());
                assertThat(t.fee().orElseThrow()).as(txid + " fee").isEqualTo(e.get("fee").bigIntegerValue().longValueExact());
            } else {
                assertThat(t.fee()).as(txid + " fee").isEmpty();
                assertThat(e.get("fee").bigIntegerValue().longValueExact()).as(txid + " bitcoin-etl's fee without input values")
                        .isEqualTo(-t.outputValue());
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(a -> texts.add(a.asText()));
        return texts;
    }
}
