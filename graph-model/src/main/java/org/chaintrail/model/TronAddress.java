package org.chaintrail.model;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Tron addresses: 21 bytes (the prefix {@code 0x41} and the 20-byte account of the EVM), shown as
 * Base58Check text beginning with {@code T}. Tron's Ethereum-compatible JSON-RPC drops the prefix
 * and answers with EVM-style {@code 0x…} hex, so the ingestor converts every address it reads.
 */
public final class TronAddress {
    static final byte PREFIX = 0x41;
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);
    private static final HexFormat HEX = HexFormat.of();

    private TronAddress() {
    }

    /**
     * The {@code T…} form of an address given as 20-byte hex ({@code 0x…}, as Tron's JSON-RPC and
     * EVM logs carry it) or 21-byte hex with the {@code 41} prefix (as Tron's own API carries it).
     *
     * @throws IllegalArgumentException if the text is neither
     */
    public static String fromHex(String hex) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        byte[] payload;
        if (digits.length() == 40) {
            payload = new byte[21];
            payload[0] = PREFIX;
            System.arraycopy(parseHex(hex, digits), 0, payload, 1, 20);
        } else if (digits.length() == 42 && digits.regionMatches(true, 0, "41", 0, 2)) {
            payload = parseHex(hex, digits);
        } else {
            throw new IllegalArgumentException("not a Tron address in hex (0x and 40 hex digits, or 41 and 40): '"
                    + hex + "'");
        }
        return encode(payload);
    }

    /** The 20-byte account as lower-case {@code 0x…} hex, as the EVM and Tron's JSON-RPC see it. */
    public static String toEvmHex(String base58) {
        return "0x" + HEX.formatHex(decode(base58), 1, 21);
    }

    /**
     * Checks a {@code T…} address: Base58 alphabet, 25 bytes, the {@code 0x41} prefix and the
     * four-byte double-SHA-256 checksum.
     *
     * @return the address unchanged
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String requireValid(String base58) {
        decode(base58);
        return base58;
    }

    private static byte[] decode(String text) {
        if (text == null || text.length() != 34 || text.charAt(0) != 'T') {
            throw new IllegalArgumentException("not a Tron address (T and 33 Base58 characters): '" + text + "'");
        }
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < text.length(); i++) {
            int digit = ALPHABET.indexOf(text.charAt(i));
            if (digit < 0) {
                throw new IllegalArgumentException("not a Tron address: '" + text.charAt(i)
                        + "' is not a Base58 character in '" + text + "'");
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[25];
        int copy = Math.min(raw.length, 25);
        if (raw.length > 26 || (raw.length == 26 && raw[0] != 0)) {
            throw new IllegalArgumentException("not a Tron address: '" + text + "' is longer than 25 bytes");
        }
        System.arraycopy(raw, raw.length - copy, bytes, 25 - copy, copy);
        if (bytes[0] != PREFIX) {
            throw new IllegalArgumentException("not a Tron address: '" + text + "' lacks the 0x41 prefix");
        }
        byte[] check = checksum(Arrays.copyOf(bytes, 21));
        if (!Arrays.equals(check, Arrays.copyOfRange(bytes, 21, 25))) {
            throw new IllegalArgumentException("not a Tron address: the checksum of '" + text + "' does not match");
        }
        return Arrays.copyOf(bytes, 21);
    }

    private static String encode(byte[] payload) {
        byte[] full = Arrays.copyOf(payload, 25);
        System.arraycopy(checksum(payload), 0, full, 21, 4);
        // The 0x41 prefix means no leading zero bytes, so no leading '1's to add.
        StringBuilder text = new StringBuilder();
        BigInteger value = new BigInteger(1, full);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(BASE);
            text.append(ALPHABET.charAt(qr[1].intValue()));
            value = qr[0];
        }
        return text.reverse().toString();
    }

    private static byte[] checksum(byte[] payload) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] twice = sha.digest(sha.digest(payload));
            return Arrays.copyOf(twice, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static byte[] parseHex(String original, String digits) {
        try {
            return HEX.parseHex(digits.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Tron address in hex: '" + original + "'", e);
        }
    }
}
