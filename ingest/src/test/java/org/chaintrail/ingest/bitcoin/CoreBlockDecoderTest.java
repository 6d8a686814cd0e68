package org.chaintrail.ingest.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.ScriptType;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;
import org.junit.jupiter.api.Test;

/**
 * Core's {@code getblock} JSON to our model, on real recorded answers (shared/data MANIFEST item B7):
 * mainnet genesis and block 50001, the latter also in the shape verbosity 3 gives, built from the
 * recorded {@code getrawtransaction} answers of the coinbases it spends.
 */
class CoreBlockDecoderTest {
    private static final String GENESIS = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";
    private static final String HASH_50001 = "000000001c920d495e1eeef2452b6d1c6c229a919b28196c103ecffebabee141";
    private static final Path STREAM = ExpectedExport.testCase("stream_50001_50002");

    private static ObjectNode recorded(String testCase, String file) throws IOException {
        return (ObjectNode) BitcoinCoreClient.JSON.readTree(ExpectedExport.testCase(testCase).resolve(file).toFile());
    }

    private static ObjectNode genesis() throws IOException {
        return recorded("block_0", "rpc_response_getblock_" + GENESIS + "_2.json");
    }

    private static ObjectNode block50001() throws IOException {
        return recorded("stream_50001_50002", "rpc_response_getblock_" + HASH_50001 + "_2.json");
    }

    private static ObjectNode genesisOutput(ObjectNode genesis) {
        return (ObjectNode) genesis.get("tx").get(0).get("vout").get(0);
    }

    @Test
    void decode_genesisBlock_zeroParentAndExactSatoshi() throws IOException {
        UtxoBlock block = CoreBlockDecoder.decode(genesis());

        assertThat(block.parentHash()).isEqualTo("0".repeat(64));
        assertThat(block.block().number()).isZero();
        assertThat(block.block().hash()).isEqualTo(GENESIS);
        assertThat(block.block().timestamp()).isEqualTo(1_231_006_505L);
        UtxoTransaction coinbase = block.transactions().get(0);
        assertThat(coinbase.txid()).isEqualTo("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b");
        assertThat(coinbase.coinbase()).isTrue();
        assertThat(coinbase.inputs()).isEmpty();
        assertThat(coinbase.outputs()).containsExactly(
                new UtxoOutput(0, 5_000_000_000L, ScriptType.PUBKEY, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"));
        assertThat(coinbase.size()).isEqualTo(204);
        assertThat(coinbase.vsize()).isEqualTo(204);
    }

    @Test
    void decode_verbosity3Prevouts_inputsCarrySpentOutputsAndFee() throws IOException {
        ObjectNode block = block50001();
        // Core 22+ puts the spent output in each input: value and scriptPubKey, no n.
        for (JsonNode tx : block.get("tx")) {
            for (JsonNode vin : tx.get("vin")) {
                if (vin.has("txid")) {
                    JsonNode spent = BitcoinCoreClient.JSON.readTree(STREAM.resolve(
                            "rpc_response_getrawtransaction_" + vin.get("txid").asText() + ".json").toFile());
                    ObjectNode prevout = ((ObjectNode) vin).putObject("prevout");
                    prevout.put("generated", true).put("height", 0);
                    prevout.set("value", spent.get("vout").get(vin.get("vout").asInt()).get("value"));
                    prevout.set("scriptPubKey", spent.get("vout").get(vin.get("vout").asInt()).get("scriptPubKey"));
                }
            }
        }

        UtxoBlock decoded = CoreBlockDecoder.decode(block);

        UtxoTransaction twoInputs = decoded.transactions().get(1);
        assertThat(twoInputs.inputs().get(0).spent())
                .isEqualTo(new OutPoint("76a8d70a757be5055f60be076b683897cadaad6b7bdf78c43e39b9d59cb4a6ea", 0));
        assertThat(twoInputs.inputs().get(0).prevout()).hasValue(
                new UtxoOutput(0, 5_000_000_000L, ScriptType.PUBKEY, "1DoQeKfU3dYhN9bxMpFFcVUnufCPDqSPae"));
        assertThat(twoInputs.inputs().get(1).prevout()).hasValue(
                new UtxoOutput(0, 5_000_000_000L, ScriptType.PUBKEY, "1PZMgkF2x161qvfP7dhoWSEEU3SjnQE1m9"));
        assertThat(twoInputs.outputValue()).isEqualTo(10_000_000_000L);
        assertThat(twoInputs.fee()).hasValue(0);
        assertThat(decoded.transactions().get(2).fee()).hasValue(0);
    }

    @Test
    void decode_verbosity2_inputsWithoutPrevoutAndNoFee() throws IOException {
        UtxoTransaction twoInputs = CoreBlockDecoder.decode(block50001()).transactions().get(1);

        assertThat(twoInputs.coinbase()).isFalse();
        assertThat(twoInputs.inputs()).extracting(i -> i.spent().txid()).containsExactly(
                "76a8d70a757be5055f60be076b683897cadaad6b7bdf78c43e39b9d59cb4a6ea",
                "0dd0394c6240355f4e4b3c88028f678ed746cebee3b3e8509620733f018914c9");
        assertThat(twoInputs.resolved()).isFalse();
        assertThat(twoInputs.fee()).isEmpty();
    }

    @Test
    void decode_amountInexactAsDouble_exactSatoshi() throws IOException {
        ObjectNode block = genesis();
        // As a double, 0.29 * 1e8 is 28999999.999999996: one satoshi lost to truncation.
        genesisOutput(block).put("value", new BigDecimal("0.29"));

        assertThat(CoreBlockDecoder.decode(block).transactions().get(0).outputs().get(0).value())
                .isEqualTo(29_000_000L);
    }

    @Test
    void decode_amountFinerThanSatoshi_failsNamingBlockTxAndVout() throws IOException {
        ObjectNode block = genesis();
        genesisOutput(block).put("value", new BigDecimal("0.000000001"));

        IngestException e = assertThrows(IngestException.class, () -> CoreBlockDecoder.decode(block));

        assertThat(e.getMessage()).isEqualTo("block 0 " + GENESIS + ", tx 0 "
                + "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b vout 0: value 0.000000001 BTC is not"
                + " a whole number of satoshi or too large");
    }

    @Test
    void decode_amountParsedAsDouble_refused() throws IOException {
        JsonNode block = new ObjectMapper().readTree(ExpectedExport.testCase("block_0")
                .resolve("rpc_response_getblock_" + GENESIS + "_2.json").toFile());

        IngestException e = assertThrows(IngestException.class, () -> CoreBlockDecoder.decode(block));

        assertThat(e.getMessage()).contains("vout 0: value 50.0 was parsed as a double");
    }

    @Test
    void decode_typeDisagreesWithScript_failsNamingTxidAndVout() throws IOException {
        ObjectNode block = genesis();
        ((ObjectNode) genesisOutput(block).get("scriptPubKey")).put("type", "pubkeyhash");

        IngestException e = assertThrows(IngestException.class, () -> CoreBlockDecoder.decode(block));

        assertThat(e.getMessage()).isEqualTo("block 0 " + GENESIS + ", tx 0 "
                + "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b vout 0: the node says"
                + " scriptPubKey.type pubkeyhash but the script decodes as pubkey");
    }

    @Test
    void decode_addressDisagreesWithScript_failsNamingBoth() throws IOException {
        ObjectNode block = genesis();
        ((ObjectNode) genesisOutput(block).get("scriptPubKey")).putArray("addresses")
                .add("1HaHTfmvoUW6i6nhJf8jJs6tU4cHNmBQHQ");

        IngestException e = assertThrows(IngestException.class, () -> CoreBlockDecoder.decode(block));

        assertThat(e.getMessage()).endsWith("vout 0: the node gives address 1HaHTfmvoUW6i6nhJf8jJs6tU4cHNmBQHQ but"
                + " the script decodes to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    }

    @Test
    void decode_nodeWithoutVsize_vsizeIsSize() throws IOException {
        ObjectNode block = block50001();
        for (JsonNode tx : block.get("tx")) {
            ((ObjectNode) tx).remove("vsize");
        }

        assertThat(CoreBlockDecoder.decode(block).transactions()).extracting(UtxoTransaction::vsize)
                .containsExactly(135, 273, 158);
    }

    @Test
    void decode_verbosity1TxidsOnly_failsAskingForVerbosity2() throws IOException {
        ObjectNode block = genesis();
        block.putArray("tx").add("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b");

        IngestException e = assertThrows(IngestException.class, () -> CoreBlockDecoder.decode(block));

        assertThat(e.getMessage()).isEqualTo("block 0 " + GENESIS
                + ": transactions are bare txids; ask getblock with verbosity 2 or 3");
    }

    @Test
    void decode_noParentAboveGenesis_failsNamingBlock() throws IOException {
        ObjectNode block = block50001();
        block.remove("previousblockhash");

        IngestException e = assertThrows(IngestException.class, () -> CoreBlockDecoder.decode(block));

        assertThat(e.getMessage()).isEqualTo("block 50001 " + HASH_50001 + ": field previousblockhash is missing");
    }
}
