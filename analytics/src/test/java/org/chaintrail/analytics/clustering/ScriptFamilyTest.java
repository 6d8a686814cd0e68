package org.chaintrail.analytics.clustering;

import static org.assertj.core.api.Assertions.assertThat;

import org.chaintrail.model.BitcoinAddress;
import org.chaintrail.model.ScriptType;
import org.junit.jupiter.api.Test;

class ScriptFamilyTest {
    private static final byte[] HASH20 = new byte[20];
    private static final byte[] HASH32 = new byte[32];

    @Test
    void of_everyScriptType_itsFamily() {
        assertThat(ScriptFamily.of(ScriptType.PUBKEY)).isEqualTo(ScriptFamily.P2PKH);
        assertThat(ScriptFamily.of(ScriptType.PUBKEYHASH)).isEqualTo(ScriptFamily.P2PKH);
        assertThat(ScriptFamily.of(ScriptType.SCRIPTHASH)).isEqualTo(ScriptFamily.P2SH);
        assertThat(ScriptFamily.of(ScriptType.WITNESS_V0_KEYHASH)).isEqualTo(ScriptFamily.P2WPKH);
        assertThat(ScriptFamily.of(ScriptType.WITNESS_V0_SCRIPTHASH)).isEqualTo(ScriptFamily.P2WSH);
        assertThat(ScriptFamily.of(ScriptType.WITNESS_V1_TAPROOT)).isEqualTo(ScriptFamily.P2TR);
        for (ScriptType t : new ScriptType[] {ScriptType.WITNESS_UNKNOWN, ScriptType.ANCHOR, ScriptType.MULTISIG,
                ScriptType.NULLDATA, ScriptType.NONSTANDARD}) {
            assertThat(ScriptFamily.of(t)).as(t.name()).isEqualTo(ScriptFamily.OTHER);
        }
    }

    @Test
    void ofAddress_canonicalAddressOfEachKind_sameFamilyAsItsScriptType() {
        assertThat(ScriptFamily.ofAddress("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")).isEqualTo(ScriptFamily.P2PKH);
        assertThat(ScriptFamily.ofAddress(BitcoinAddress.p2sh(HASH20))).isEqualTo(ScriptFamily.P2SH);
        assertThat(ScriptFamily.ofAddress(BitcoinAddress.segwit(0, HASH20))).isEqualTo(ScriptFamily.P2WPKH);
        assertThat(ScriptFamily.ofAddress(BitcoinAddress.segwit(0, HASH32))).isEqualTo(ScriptFamily.P2WSH);
        assertThat(ScriptFamily.ofAddress(BitcoinAddress.segwit(1, HASH32))).isEqualTo(ScriptFamily.P2TR);
        // Pay-to-anchor is witness v1 with a 2-byte program: bc1p…, but no taproot key.
        assertThat(ScriptFamily.ofAddress(BitcoinAddress.segwit(1, new byte[] {0x4e, 0x73})))
                .isEqualTo(ScriptFamily.OTHER);
        assertThat(ScriptFamily.ofAddress(BitcoinAddress.segwit(2, HASH32))).isEqualTo(ScriptFamily.OTHER);
        assertThat(ScriptFamily.ofAddress(BitcoinAddress.scriptId(new byte[] {0x6a}))).isEqualTo(ScriptFamily.OTHER);
        assertThat(ScriptFamily.P2WPKH.label()).isEqualTo("p2wpkh");
    }
}
