package org.chaintrail.ingest.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.LegacyAddress;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Context;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptPattern;
import org.chaintrail.model.ScriptType;
import org.chaintrail.model.UtxoOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our parser and script decoder against bitcoinj 0.17.1, an independent implementation, on every
 * transaction and output of the real mainnet blocks B2–B5: ids, sizes, values, types, addresses.
 */
class BitcoinjOracleTest {
    private static final BitcoinNetwork MAINNET = BitcoinNetwork.MAINNET;

    @BeforeAll
    static void context() {
        Context.propagate(new Context());
    }

    @ParameterizedTest
    @ValueSource(ints = {169482, 227835, 227836, 363703, 370661, 383616, 481815, 481829})
    void parse_everyTransactionAndOutput_agreesWithBitcoinj(int height) throws IOException {
        byte[] bytes = RawBlockParserTest.block(height);
        RawBlock ours = new RawBlockParser().parse(bytes);
        Block theirs = Block.read(ByteBuffer.wrap(bytes));
        Map<ScriptType, Integer> standardChecked = new EnumMap<>(ScriptType.class);

        assertThat(ours.hash()).isEqualTo(theirs.getHashAsString());
        assertThat(ours.header().prevHash()).isEqualTo(theirs.getPrevBlockHash().toString());
        assertThat(ours.header().merkleRoot()).isEqualTo(theirs.getMerkleRoot().toString());
        assertThat(ours.header().time()).isEqualTo(theirs.time().getEpochSecond());
        assertThat(ours.transactions()).hasSameSizeAs(theirs.getTransactions());
        for (int t = 0; t < ours.transactions().size(); t++) {
            RawTransaction tx = ours.transactions().get(t);
            Transaction expected = theirs.getTransactions().get(t);
            assertThat(tx.txid()).isEqualTo(expected.getTxId().toString());
            assertThat(tx.wtxid()).isEqualTo(expected.getWTxId().toString());
            assertThat(tx.vsize()).as(tx.txid()).isEqualTo(expected.getVsize());
            assertThat(tx.size()).as(tx.txid()).isEqualTo(expected.messageSize());
            assertThat(tx.coinbase()).isEqualTo(expected.isCoinBase());
            for (int i = 0; i < tx.inputs().size(); i++) {
                TransactionInput input = expected.getInput(i);
                assertThat(tx.inputs().get(i).prevTxid()).isEqualTo(input.getOutpoint().hash().toString());
                assertThat(tx.inputs().get(i).vout()).isEqualTo(input.getOutpoint().index());
                assertThat(tx.inputs().get(i).sequence()).isEqualTo(input.getSequenceNumber());
            }
            for (int o = 0; o < tx.outputs().size(); o++) {
                RawTransaction.Output output = tx.outputs().get(o);
                TransactionOutput expectedOutput = expected.getOutput(o);
                assertThat(output.value()).isEqualTo(expectedOutput.getValue().value);
                UtxoOutput decoded = ScriptDecoder.decode(o, output.value(), output.scriptPubKey());
                String expectedAddress = standardAddress(expectedOutput.getScriptPubKey());
                if (expectedAddress != null) {
                    assertThat(decoded.address()).as("%s:%d", tx.txid(), o).isEqualTo(expectedAddress);
                    assertThat(decoded.type()).as("%s:%d", tx.txid(), o)
                            .isEqualTo(typeOf(expectedOutput.getScriptPubKey()));
                    standardChecked.merge(decoded.type(), 1, Integer::sum);
                } else {
                    assertThat(decoded.type().hasStandardAddress()).as("%s:%d", tx.txid(), o).isFalse();
                    assertThat(decoded.address()).startsWith("script-");
                }
            }
        }
        assertThat(standardChecked.values().stream().mapToInt(Integer::intValue).sum()).isPositive();
    }

    /** bitcoinj's address of a standard script; for P2PK, the P2PKH address of the key. */
    private static String standardAddress(Script script) {
        if (ScriptPattern.isP2PK(script)) {
            return LegacyAddress.fromPubKeyHash(MAINNET, ECKey.fromPublicOnly(ScriptPattern.extractKeyFromP2PK(script))
                    .getPubKeyHash()).toString();
        }
        if (ScriptPattern.isP2PKH(script) || ScriptPattern.isP2SH(script) || ScriptPattern.isP2WH(script)
                || ScriptPattern.isP2TR(script)) {
            return script.getToAddress(MAINNET).toString();
        }
        return null;
    }

    private static ScriptType typeOf(Script script) {
        if (ScriptPattern.isP2PK(script)) {
            return ScriptType.PUBKEY;
        }
        if (ScriptPattern.isP2PKH(script)) {
            return ScriptType.PUBKEYHASH;
        }
        if (ScriptPattern.isP2SH(script)) {
            return ScriptType.SCRIPTHASH;
        }
        if (ScriptPattern.isP2WPKH(script)) {
            return ScriptType.WITNESS_V0_KEYHASH;
        }
        if (ScriptPattern.isP2WSH(script)) {
            return ScriptType.WITNESS_V0_SCRIPTHASH;
        }
        return ScriptType.WITNESS_V1_TAPROOT;
    }
}
