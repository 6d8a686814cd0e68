package org.chaintrail.model;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * EIP-55 mixed-case checksums of EVM addresses (https://eips.ethereum.org/EIPS/eip-55): the
 * {@code i}-th hex letter of the address is upper case exactly when the {@code i}-th nibble of the
 * Keccak-256 of the lower-case hex text (without {@code 0x}) is 8 or more. All-lower and all-upper
 * text carries no checksum and is accepted as it is.
 */
final class Eip55 {
    private Eip55() {
    }

    /**
     * The checksummed form of 40 hex digits.
     *
     * @param hex 40 hex digits without {@code 0x}, any case
     * @return the same digits with each letter in the case the checksum gives it
     */
    static String checksummed(String hex) {
        String lower = hex.toLowerCase(java.util.Locale.ROOT);
        byte[] hash = keccak256(lower.getBytes(StandardCharsets.US_ASCII));
        char[] out = lower.toCharArray();
        for (int i = 0; i < out.length; i++) {
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            if (out[i] >= 'a' && nibble >= 8) {
                out[i] = Character.toUpperCase(out[i]);
            }
        }
        return new String(out);
    }

    /** Whether the digits mix upper and lower case letters, and so claim a checksum. */
    static boolean isMixedCase(String hex) {
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            lower |= c >= 'a' && c <= 'f';
            upper |= c >= 'A' && c <= 'F';
        }
        return lower && upper;
    }

    private static byte[] keccak256(byte[] input) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
