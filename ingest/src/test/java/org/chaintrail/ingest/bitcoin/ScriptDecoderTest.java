package org.chaintrail.ingest.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.chaintrail.model.BitcoinAddress;
import org.chaintrail.model.ScriptType;
import org.chaintrail.model.UtxoOutput;
import org.junit.jupiter.api.Test;

/** Script templates from real mainnet outputs and the BIP173/BIP350 examples. */
class ScriptDecoderTest {
    private static final HexFormat HEX = HexFormat.of();
    /** Satoshi's key in the genesis block's coinbase output. */
    private static final String GENESIS_KEY = "04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb6"
            + "49f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5f";

    private static UtxoOutput decode(String scriptHex) {
        return ScriptDecoder.decode(0, 5_000_000_000L, HEX.parseHex(scriptHex));
    }

    @Test
    void decode_genesisPayToPubkey_p2pkhOfTheKey() {
        UtxoOutput output = decode("41" + GENESIS_KEY + "ac");

        assertThat(output.type()).isEqualTo(ScriptType.PUBKEY);
        // The genesis address as every explorer shows it.
        assertThat(output.address()).isEqualTo("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
        assertThat(output.value()).isEqualTo(5_000_000_000L);
    }

    @Test
    void decode_payToPubkeyHash_base58Address() {
        UtxoOutput output = decode("76a91462e907b15cbf27d5425399ebf6f0fb50ebb88f1888ac");

        assertThat(output.type()).isEqualTo(ScriptType.PUBKEYHASH);
        assertThat(output.address()).isEqualTo("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    }

    @Test
    void decode_payToScriptHash_address3() {
        // Bitcoin Core's key_io_valid.json mainnet vector.
        UtxoOutput output = decode("a91474f209f6ea907e2ea48f74fae05782ae8a66525787");

        assertThat(output.type()).isEqualTo(ScriptType.SCRIPTHASH);
        assertThat(output.address()).isEqualTo("3CMNFxN1oHBc4R1EpboAL5yzHGgE611Xou");
    }

    @Test
    void decode_witnessPrograms_bech32AndBech32mAddresses() {
        // BIP173 and BIP350 example scripts and addresses.
        assertThat(decode("0014751e76e8199196d454941c45d1b3a323f1433bd6"))
                .extracting(UtxoOutput::type, UtxoOutput::address)
                .containsExactly(ScriptType.WITNESS_V0_KEYHASH, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
        assertThat(decode("00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262"))
                .extracting(UtxoOutput::type, UtxoOutput::address)
                .containsExactly(ScriptType.WITNESS_V0_SCRIPTHASH,
                        "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3");
        assertThat(decode("512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"))
                .extracting(UtxoOutput::type, UtxoOutput::address)
                .containsExactly(ScriptType.WITNESS_V1_TAPROOT,
                        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0");
        assertThat(decode("6002751e"))
                .extracting(UtxoOutput::type, UtxoOutput::address)
                .containsExactly(ScriptType.WITNESS_UNKNOWN, "bc1sw50qgdz25j");
    }

    @Test
    void decode_payToAnchor_anchorWithItsBech32mAddress() {
        // Core 28's pay-to-anchor output and the address it reports for it.
        assertThat(decode("51024e73"))
                .extracting(UtxoOutput::type, UtxoOutput::address)
                .containsExactly(ScriptType.ANCHOR, "bc1pfeessrawgf");
        assertThat(decode("51024e74").type()).isEqualTo(ScriptType.WITNESS_UNKNOWN);
    }

    @Test
    void decode_versionZeroProgramOfOddLength_nonstandardScriptId() {
        byte[] script = HEX.parseHex("0010751e76e8199196d454941c45d1b3a323");

        UtxoOutput output = ScriptDecoder.decode(1, 0, script);

        assertThat(output.type()).isEqualTo(ScriptType.NONSTANDARD);
        assertThat(output.address()).isEqualTo(BitcoinAddress.scriptId(script)).startsWith("script-");
    }

    @Test
    void decode_opReturn_nulldataOnlyWhenPushOnly() {
        assertThat(decode("6a").type()).isEqualTo(ScriptType.NULLDATA);
        assertThat(decode("6a0401020304").type()).isEqualTo(ScriptType.NULLDATA);
        // A push that runs past the end, and a non-push opcode after OP_RETURN.
        assertThat(decode("6a0501020304").type()).isEqualTo(ScriptType.NONSTANDARD);
        assertThat(decode("6a76").type()).isEqualTo(ScriptType.NONSTANDARD);
    }

    @Test
    void decode_bareMultisig_multisigWithScriptId() {
        String key = "02" + "11".repeat(32);
        byte[] oneOfTwo = HEX.parseHex("5121" + key + "21" + key + "52ae");
        byte[] countMismatch = HEX.parseHex("5121" + key + "21" + key + "53ae");
        byte[] requiredAboveKeys = HEX.parseHex("5321" + key + "21" + key + "52ae");

        assertThat(ScriptDecoder.decode(0, 1, oneOfTwo).type()).isEqualTo(ScriptType.MULTISIG);
        assertThat(ScriptDecoder.decode(0, 1, oneOfTwo).address()).isEqualTo(BitcoinAddress.scriptId(oneOfTwo));
        assertThat(ScriptDecoder.type(countMismatch)).isEqualTo(ScriptType.NONSTANDARD);
        assertThat(ScriptDecoder.type(requiredAboveKeys)).isEqualTo(ScriptType.NONSTANDARD);
    }

    @Test
    void type_pubkeyOfInvalidHeader_nonstandard() {
        // 33 bytes must start 02/03; 05 is no key header.
        assertThat(ScriptDecoder.type(HEX.parseHex("2105" + "11".repeat(32) + "ac"))).isEqualTo(ScriptType.NONSTANDARD);
        assertThat(ScriptDecoder.type(new byte[0])).isEqualTo(ScriptType.NONSTANDARD);
    }

    @Test
    void decode_negativeValue_throwsNamingValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScriptDecoder.decode(0, -1, HEX.parseHex("6a")));

        assertThat(e).hasMessageContaining("was -1");
    }
}
