package org.chaintrail.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Chain#canonicalAddress} on real addresses: OFAC SDN lists (shared/data MANIFEST item L1,
 * 0xB10C/ofac-sanctioned-digital-currency-addresses@f2aee22) and the GraphSense Binance pack (L2),
 * and on copies of them with one character changed.
 */
class ChainAddressTest {

    @ParameterizedTest
    @CsvSource({
        // EIP-55 mixed case from sanctioned_addresses_ETH.txt and exchange-wallets-binance.yaml.
        "ethereum, 0x175d44451403Edf28469dF03A9280c1197ADb92c, 0x175d44451403edf28469df03a9280c1197adb92c",
        "ethereum, 0xa344c7aDA83113B3B56941F6e85bf2Eb425949f3, 0xa344c7ada83113b3b56941f6e85bf2eb425949f3",
        // All lower and all upper case carry no checksum.
        "ethereum, 0x19aa5fe80d33a56d56c78e82ea5e50e5d80b4dff, 0x19aa5fe80d33a56d56c78e82ea5e50e5d80b4dff",
        "ethereum, 0x19AA5FE80D33A56D56C78E82EA5E50E5D80B4DFF, 0x19aa5fe80d33a56d56c78e82ea5e50e5d80b4dff",
        // Bitcoin: P2PKH, P2SH and bech32 v0 from sanctioned_addresses_XBT.txt.
        "bitcoin, 123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX, 123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX",
        "bitcoin, 31nadacWrgPeAQxKRMabhn3fPhnhi3hjKa, 31nadacWrgPeAQxKRMabhn3fPhnhi3hjKa",
        "bitcoin, BC1Q05AKTDDF9CE4P7HH3STGSF253M4VWEU7NKHTMW, bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmw",
        // Tron, from sanctioned_addresses_TRX.txt.
        "tron, TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre, TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre"})
    void canonicalAddress_realAddresses_canonicalForm(String chain, String text, String canonical) {
        assertThat(Chain.of(chain).canonicalAddress(text)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // One letter's case flipped (E → e): the checksum no longer holds.
        "ethereum | 0x175d44451403edf28469dF03A9280c1197ADb92c | EIP-55 checksum of '0x175d44451403edf28469dF03A9280c1197ADb92c' does not match (expected 0x175d44451403Edf28469dF03A9280c1197ADb92c",
        "ethereum | 0xA344c7aDA83113B3B56941F6e85bf2Eb425949f3 | EIP-55 checksum",
        // Last character changed.
        "bitcoin | 123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KY | bad checksum",
        "bitcoin | bc1q05aktddf9ce4p7hh3stgsf253m4vweu7nkhtmq | bad checksum",
        "tron | TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLrf | checksum of 'TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLrf' does not match"})
    void canonicalAddress_oneCharacterChanged_rejectedNamingTheProblem(String chain, String text, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Chain.of(chain).canonicalAddress(text));

        assertThat(e.getMessage()).contains(problem);
    }
}
