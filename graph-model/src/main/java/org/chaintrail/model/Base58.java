package org.chaintrail.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Base58 and Base58Check, the text form of Bitcoin's legacy addresses and of Tron's. Works on
 * byte arrays rather than {@code BigInteger}: an address is 25 bytes, and the ingestor encodes
 * one per output.
 */
final class Base58 {
    static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int[] DIGITS = new int[128];
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Base58::newSha256);

    static {
        Arrays.fill(DIGITS, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            DIGITS[ALPHABET.charAt(i)] = i;
        }
    }

    private Base58() {
    }

    /** The Base58 text of the bytes: each leading zero byte becomes a leading '1'. */
    static String encode(byte[] bytes) {
        int zeros = 0;
        while (zeros < bytes.length && bytes[zeros] == 0) {
            zeros++;
        }
        // log(256) / log(58) < 1.37: the digits, least significant first, fit in this many places.
        byte[] digits = new byte[bytes.length * 137 / 100 + 1];
        int length = 0;
        for (int i = zeros; i < bytes.length; i++) {
            int carry = bytes[i] & 0xff;
            for (int j = 0; j < length; j++) {
                carry += (digits[j] & 0xff) << 8;
                digits[j] = (byte) (carry % 58);
                carry /= 58;
            }
            while (carry > 0) {
                digits[length++] = (byte) (carry % 58);
                carry /= 58;
            }
        }
        char[] text = new char[zeros + length];
        Arrays.fill(text, 0, zeros, '1');
        for (int i = 0; i < length; i++) {
            text[zeros + i] = ALPHABET.charAt(digits[length - 1 - i]);
        }
        return new String(text);
    }

    /**
     * The bytes of Base58 text.
     *
     * @throws IllegalArgumentException naming the first character outside the alphabet
     */
    static byte[] decode(String text) {
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == '1') {
            zeros++;
        }
        // log(58) / log(256) < 0.733
        byte[] bytes = new byte[text.length() * 733 / 1000 + 1];
        int length = 0;
        for (int i = zeros; i < text.length(); i++) {
            char c = text.charAt(i);
            int carry = c < 128 ? DIGITS[c] : -1;
            if (carry < 0) {
                throw new IllegalArgumentException("'" + c + "' at position " + i + " is not a Base58 character");
            }
            for (int j = 0; j < length; j++) {
                carry += (bytes[j] & 0xff) * 58;
                bytes[j] = (byte) carry;
                carry >>>= 8;
            }
            while (carry > 0) {
                bytes[length++] = (byte) carry;
                carry >>>= 8;
            }
        }
        byte[] result = new byte[zeros + length];
        for (int i = 0; i < length; i++) {
            result[zeros + i] = bytes[length - 1 - i];
        }
        return result;
    }

    /** Base58 of the payload followed by the first four bytes of its double SHA-256. */
    static String encodeChecked(byte[] payload) {
        byte[] full = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(checksum(payload, payload.length), 0, full, payload.length, 4);
        return encode(full);
    }

    /**
     * The payload of Base58Check text of exactly {@code payloadLength} bytes, its checksum verified.
     *
     * @throws IllegalArgumentException saying what is wrong: a character, the length, the checksum
     */
    static byte[] decodeChecked(String text, int payloadLength) {
        byte[] full = decode(text);
        if (full.length != payloadLength + 4) {
            throw new IllegalArgumentException("wrong length: " + full.length + " bytes, expected "
                    + (payloadLength + 4));
        }
        byte[] check = checksum(full, payloadLength);
        if (!Arrays.equals(check, 0, 4, full, payloadLength, payloadLength + 4)) {
            throw new IllegalArgumentException("bad checksum");
        }
        return Arrays.copyOf(full, payloadLength);
    }

    /** SHA-256 of the bytes, with a digest reused per thread. */
    static byte[] sha256(byte[] bytes) {
        return SHA256.get().digest(bytes);
    }

    private static byte[] checksum(byte[] bytes, int length) {
        MessageDigest sha = SHA256.get();
        sha.update(bytes, 0, length);
        return sha.digest(sha.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
