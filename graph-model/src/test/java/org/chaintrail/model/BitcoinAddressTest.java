package org.chaintrail.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Test vectors from BIP173 and BIP350 (the mainnet ones; testnet addresses must be rejected) and
 * from Bitcoin Core's {@code base58_encode_decode.json} and {@code key_io_valid.json}.
 */
class BitcoinAddressTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({
        "'', ''",
        "61, 2g",
        "626262, a3gV",
        "636363, aPEr",
        "73696d706c792061206c6f6e6720737472696e67, 2cFupjhnEsSn59qHXstmK2ffpLv2",
        "00eb15231dfceb60925886b67d065299925915aeb172c06647, 1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L",
        "516b6fcd0f, ABnLTmg",
        "bf4f89001e670274dd, 3SEo3LWLoPntC",
        "572e4794, 3EFU7m",
        "ecac89cad93923c02321, EJDM8drfXA6uyA",
        "10c8511e, Rt5zm",
        "00000000000000000000, 1111111111"})
    void base58_coreVectors_encodeAndDecodeBothWays(String hex, String text) {
        assertThat(Base58.encode(HEX.parseHex(hex))).isEqualTo(text);
        assertThat(HEX.formatHex(Base58.decode(text))).isEqualTo(hex);
    }

    @Test
    void p2pkhAndP2sh_coreKeyIoVectors_addresses() {
        assertThat(BitcoinAddress.p2pkh(HEX.parseHex("65a16059864a2fdbc7c99a4723a8395bc6f188eb")))
                .isEqualTo("1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i");
        assertThat(BitcoinAddress.p2sh(HEX.parseHex("74f209f6ea907e2ea48f74fae05782ae8a665257")))
                .isEqualTo("3CMNFxN1oHBc4R1EpboAL5yzHGgE611Xou");
        // The genesis coinbase's key hash.
        assertThat(BitcoinAddress.p2pkh(HEX.parseHex("62e907b15cbf27d5425399ebf6f0fb50ebb88f18")))
                .isEqualTo("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i", "3CMNFxN1oHBc4R1EpboAL5yzHGgE611Xou",
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "1111111111111111111114oLvT2"})
    void canonical_base58Check_unchanged(String address) {
        assertThat(BitcoinAddress.canonical(address)).isEqualTo(address);
    }

    @ParameterizedTest
    @CsvSource({
        // The last character changed: the checksum no longer matches.
        "1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62j, bad checksum",
        // Testnet P2PKH (version 0x6f), from Core's key_io_valid.json.
        "mo9ncXisMeAoXwqcV5EWuyncbmCcQN4rVs, wrong version 0x6f",
        "1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW60i, not a Base58 character",
        "1AGNa15ZQXAZUgFiq, wrong length"})
    void canonical_badBase58Check_throwsNamingProblem(String text, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BitcoinAddress.canonical(text));

        assertThat(e).hasMessageContaining("'" + text + "'").hasMessageContaining(problem);
    }

    @ParameterizedTest
    @CsvSource({
        "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4, 0014751e76e8199196d454941c45d1b3a323f1433bd6",
        "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y, "
                + "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6",
        "BC1SW50QGDZ25J, 6002751e",
        "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs, 5210751e76e8199196d454941c45d1b3a323",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0, "
                + "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"})
    void canonical_bip350ValidMainnet_lowerCaseAndSegwitEncodesBack(String address, String scriptHex) {
        byte[] script = HEX.parseHex(scriptHex);
        int version = script[0] == 0 ? 0 : script[0] - 0x50;
        byte[] program = Arrays.copyOfRange(script, 2, script.length);

        assertThat(BitcoinAddress.canonical(address)).isEqualTo(address.toLowerCase());
        assertThat(BitcoinAddress.segwit(version, program)).isEqualTo(address.toLowerCase());
    }

    @ParameterizedTest
    @CsvSource({
        // BIP173 invalid addresses
        "tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty, wrong human-readable part 'tc'",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5, bad checksum",
        "BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2, wrong witness version 17",
        // Under BIP350 these two BIP173 length cases fail first on their checksum kind.
        "bc1rw5uspcuh, witness version 3 needs bech32m",
        "bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90, witness version 15 needs bech32m",
        "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P, wrong length: a version 0 witness program is 20 or 32 bytes, was 16",
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7, mixed case",
        "bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du, bad",
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv, wrong human-readable part 'tb'",
        "bc1gmk9yu, too short",
        // BIP173's v1 example, bech32 rather than bech32m: invalid since BIP350
        "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx, witness version 1 needs bech32m",
        // BIP350 invalid addresses
        "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut, wrong human-readable part 'tc'",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd, witness version 1 needs bech32m",
        "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL, witness version 16 needs bech32m",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh, witness version 0 needs bech32",
        "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4, bad character 'o'",
        "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R, wrong witness version 17",
        "bc1pw5dgrnzv, wrong length",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav, wrong length",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf, bad padding",
        "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j, wrong human-readable part 'tb'"})
    void canonical_bip173AndBip350Invalid_throwsNamingProblem(String text, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BitcoinAddress.canonical(text));

        assertThat(e).hasMessageContaining("'" + text + "'").hasMessageContaining(problem);
    }

    @Test
    void canonical_scriptId_lowerCased() {
        String id = BitcoinAddress.scriptId(HEX.parseHex("6a"));

        assertThat(id).startsWith("script-").hasSize(71).isLowerCase();
        assertThat(BitcoinAddress.canonical(id.toUpperCase().replace("SCRIPT-", "script-"))).isEqualTo(id);
        // SHA-256 of the one byte 6a (OP_RETURN)
        assertThat(id).isEqualTo("script-" + HEX.formatHex(Base58.sha256(new byte[] {0x6a})));
    }

    @ParameterizedTest
    @ValueSource(strings = {"script-abc", "script-" + "zz" + "00000000000000000000000000000000000000000000000000000000000000"})
    void canonical_malformedScriptId_throws(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BitcoinAddress.canonical(text));

        assertThat(e).hasMessageContaining("'" + text + "'");
    }

    @Test
    void canonical_null_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BitcoinAddress.canonical(null));

        assertThat(e).hasMessage("not a Bitcoin address: null");
    }

    @Test
    void segwit_badVersionOrLength_throws() {
        assertThrows(IllegalArgumentException.class, () -> BitcoinAddress.segwit(0, new byte[21]));
        assertThrows(IllegalArgumentException.class, () -> BitcoinAddress.segwit(17, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> BitcoinAddress.segwit(1, new byte[41]));
        assertThrows(IllegalArgumentException.class, () -> BitcoinAddress.p2pkh(new byte[19]));
    }
}
