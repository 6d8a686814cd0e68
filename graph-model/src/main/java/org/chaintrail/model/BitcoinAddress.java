package org.chaintrail.model;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Bitcoin mainnet addresses: Base58Check P2PKH ({@code 1…}) and P2SH ({@code 3…}), bech32 segwit v0
 * ({@code bc1q…}, BIP173) and bech32m v1+ ({@code bc1p…}, BIP350), and, for scripts without a
 * standard address, a stable script identifier ({@code script-} and the script's SHA-256 in hex).
 *
 * <p>The canonical stored form is the address as its encoding defines it, bech32 in lower case;
 * testnet and regtest addresses are rejected, so that a test coin never meets a mainnet coin in
 * the graph.
 */
public final class BitcoinAddress {
    /** 21 million BTC in satoshi: no value can exceed it. */
    public static final long MAX_SATOSHI = 2_100_000_000_000_000L;

    private static final byte P2PKH_VERSION = 0x00;
    private static final byte P2SH_VERSION = 0x05;
    private static final String HRP = "bc";
    private static final String SCRIPT_PREFIX = "script-";
    private static final String BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int BECH32_CONSTANT = 1;
    private static final int BECH32M_CONSTANT = 0x2bc830a3;
    private static final int BECH32_MAX_LENGTH = 90;
    private static final int[] BECH32_VALUES = new int[128];
    private static final HexFormat HEX = HexFormat.of();

    static {
        Arrays.fill(BECH32_VALUES, -1);
        for (int i = 0; i < BECH32_CHARSET.length(); i++) {
            BECH32_VALUES[BECH32_CHARSET.charAt(i)] = i;
        }
    }

    private BitcoinAddress() {
    }

    /**
     * Validates an address or script identifier and returns its canonical stored form.
     *
     * @param text a mainnet address ({@code 1…}, {@code 3…}, {@code bc1…} in either case) or
     *             {@code script-} and 64 hex digits
     * @return the address as given for Base58Check; lower case for bech32 and script identifiers
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static String canonical(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not a Bitcoin address: null");
        }
        try {
            if (text.regionMatches(true, 0, SCRIPT_PREFIX, 0, SCRIPT_PREFIX.length())) {
                return canonicalScriptId(text);
            }
            if (looksBech32(text)) {
                return canonicalSegwit(text);
            }
            return canonicalBase58(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a Bitcoin mainnet address: '" + text + "': " + e.getMessage());
        }
    }

    /** The P2PKH address ({@code 1…}) of a 20-byte HASH160 of a public key. */
    public static String p2pkh(byte[] hash160) {
        return base58Address(P2PKH_VERSION, hash160);
    }

    /** The P2SH address ({@code 3…}) of a 20-byte HASH160 of a redeem script. */
    public static String p2sh(byte[] hash160) {
        return base58Address(P2SH_VERSION, hash160);
    }

    /**
     * The segwit address of a witness program: bech32 for version 0, bech32m for versions 1 to 16.
     *
     * @throws IllegalArgumentException if the version is not 0..16 or the program's length is not
     *                                  2..40 bytes (20 or 32 for version 0)
     */
    public static String segwit(int version, byte[] program) {
        checkWitnessProgram(version, program.length);
        StringBuilder text = new StringBuilder(HRP.length() + 1 + 1 + (program.length * 8 + 4) / 5 + 6);
        text.append(HRP).append('1');
        int[] data = new int[1 + (program.length * 8 + 4) / 5];
        data[0] = version;
        int length = 1;
        int accumulator = 0;
        int bits = 0;
        for (byte b : program) {
            accumulator = (accumulator << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                data[length++] = (accumulator >>> bits) & 31;
            }
        }
        if (bits > 0) {
            data[length++] = (accumulator << (5 - bits)) & 31;
        }
        int check = polymodOfHrp();
        for (int value : data) {
            check = polymodStep(check) ^ value;
        }
        for (int i = 0; i < 6; i++) {
            check = polymodStep(check);
        }
        check ^= version == 0 ? BECH32_CONSTANT : BECH32M_CONSTANT;
        for (int value : data) {
            text.append(BECH32_CHARSET.charAt(value));
        }
        for (int i = 0; i < 6; i++) {
            text.append(BECH32_CHARSET.charAt((check >>> (5 * (5 - i))) & 31));
        }
        return text.toString();
    }

    /**
     * The identifier of an output script that has no standard address (bare multisig,
     * {@code OP_RETURN}, non-standard): {@code script-} and its SHA-256 in lower-case hex. Equal
     * scripts get equal identifiers, so outputs paying one such script still meet in the graph.
     */
    public static String scriptId(byte[] script) {
        return SCRIPT_PREFIX + HEX.formatHex(Base58.sha256(script));
    }

    private static String base58Address(byte version, byte[] hash160) {
        if (hash160.length != 20) {
            throw new IllegalArgumentException("a HASH160 must be 20 bytes, was " + hash160.length);
        }
        byte[] payload = new byte[21];
        payload[0] = version;
        System.arraycopy(hash160, 0, payload, 1, 20);
        return Base58.encodeChecked(payload);
    }

    private static String canonicalScriptId(String text) {
        if (text.length() != SCRIPT_PREFIX.length() + 64 || !text.startsWith(SCRIPT_PREFIX)) {
            throw new IllegalArgumentException("a script identifier is 'script-' and 64 hex digits");
        }
        for (int i = SCRIPT_PREFIX.length(); i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("'" + text.charAt(i) + "' at position " + i + " is not a hex digit");
            }
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static String canonicalBase58(String text) {
        if (text.length() < 26 || text.length() > 35) {
            throw new IllegalArgumentException("wrong length: " + text.length()
                    + " characters, a Base58Check address has 26 to 35");
        }
        byte[] payload = Base58.decodeChecked(text, 21);
        if (payload[0] != P2PKH_VERSION && payload[0] != P2SH_VERSION) {
            throw new IllegalArgumentException(String.format(
                    "wrong version 0x%02x, expected 0x00 (P2PKH) or 0x05 (P2SH)", payload[0] & 0xff));
        }
        return text;
    }

    /** Bech32 text has a human-readable part of letters before its last '1'; Base58 text never does. */
    private static boolean looksBech32(String text) {
        int separator = text.lastIndexOf('1');
        if (separator < 1) {
            return false;
        }
        for (int i = 0; i < separator; i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static String canonicalSegwit(String text) {
        if (text.length() > BECH32_MAX_LENGTH) {
            throw new IllegalArgumentException("too long: " + text.length() + " characters, bech32 allows "
                    + BECH32_MAX_LENGTH);
        }
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
        }
        if (lower && upper) {
            throw new IllegalArgumentException("mixed case");
        }
        String lowered = text.toLowerCase(Locale.ROOT);
        int separator = lowered.lastIndexOf('1');
        if (!lowered.substring(0, separator).equals(HRP)) {
            throw new IllegalArgumentException("wrong human-readable part '" + lowered.substring(0, separator)
                    + "', mainnet is '" + HRP + "'");
        }
        int dataLength = lowered.length() - separator - 1;
        if (dataLength < 7) {
            throw new IllegalArgumentException("too short: " + dataLength
                    + " characters after the separator, expected a version and a 6-character checksum at least");
        }
        int[] data = new int[dataLength];
        int check = polymodOfHrp();
        for (int i = 0; i < dataLength; i++) {
            char c = lowered.charAt(separator + 1 + i);
            int value = c < 128 ? BECH32_VALUES[c] : -1;
            if (value < 0) {
                throw new IllegalArgumentException("bad character '" + c + "' at position " + (separator + 1 + i));
            }
            data[i] = value;
            check = polymodStep(check) ^ value;
        }
        int version = data[0];
        if (version > 16) {
            throw new IllegalArgumentException("wrong witness version " + version + ", expected 0..16");
        }
        int expected = version == 0 ? BECH32_CONSTANT : BECH32M_CONSTANT;
        if (check != expected) {
            boolean otherEncoding = check == (version == 0 ? BECH32M_CONSTANT : BECH32_CONSTANT);
            throw new IllegalArgumentException(otherEncoding
                    ? "bad checksum: witness version " + version + " needs " + (version == 0 ? "bech32" : "bech32m")
                    + ", the text is " + (version == 0 ? "bech32m" : "bech32")
                    : "bad checksum");
        }
        int groups = dataLength - 1 - 6;
        int programLength = groups * 5 / 8;
        int padding = groups * 5 - programLength * 8;
        if (padding > 4) {
            throw new IllegalArgumentException("bad padding: " + padding + " bits left over, at most 4 allowed");
        }
        if (groups > 0 && (data[groups] & ((1 << padding) - 1)) != 0) {
            throw new IllegalArgumentException("bad padding: the " + padding + " leftover bits are not zero");
        }
        checkWitnessProgram(version, programLength);
        return lowered;
    }

    private static void checkWitnessProgram(int version, int programLength) {
        if (version < 0 || version > 16) {
            throw new IllegalArgumentException("wrong witness version " + version + ", expected 0..16");
        }
        if (programLength < 2 || programLength > 40) {
            throw new IllegalArgumentException("wrong length: a witness program is 2..40 bytes, was " + programLength);
        }
        if (version == 0 && programLength != 20 && programLength != 32) {
            throw new IllegalArgumentException("wrong length: a version 0 witness program is 20 or 32 bytes, was "
                    + programLength);
        }
    }

    private static int polymodOfHrp() {
        int check = 1;
        for (int i = 0; i < HRP.length(); i++) {
            check = polymodStep(check) ^ (HRP.charAt(i) >>> 5);
        }
        check = polymodStep(check);
        for (int i = 0; i < HRP.length(); i++) {
            check = polymodStep(check) ^ (HRP.charAt(i) & 31);
        }
        return check;
    }

    private static int polymodStep(int check) {
        int top = check >>> 25;
        int next = (check & 0x1ffffff) << 5;
        if ((top & 1) != 0) {
            next ^= 0x3b6a57b2;
        }
        if ((top & 2) != 0) {
            next ^= 0x26508e6d;
        }
        if ((top & 4) != 0) {
            next ^= 0x1ea119fa;
        }
        if ((top & 8) != 0) {
            next ^= 0x3d4233dd;
        }
        if ((top & 16) != 0) {
            next ^= 0x2a1462b3;
        }
        return next;
    }
}
