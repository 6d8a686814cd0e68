package org.chaintrail.ingest.bitcoin;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/**
 * The hashes of Bitcoin's formats and their display in hex, in one place. Digests are reused per
 * thread: creating one costs more than hashing an 80-byte header.
 */
final class Hashes {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<Hashes> PER_THREAD = ThreadLocal.withInitial(Hashes::new);

    private final MessageDigest sha256 = newSha256();
    private final RIPEMD160Digest ripemd160 = new RIPEMD160Digest();

    private Hashes() {
    }

    /** RIPEMD-160 of SHA-256 of the bytes: the hash in P2PKH and P2SH addresses. */
    static byte[] hash160(byte[] bytes, int offset, int length) {
        Hashes hashes = PER_THREAD.get();
        hashes.sha256.update(bytes, offset, length);
        byte[] first = hashes.sha256.digest();
        byte[] out = new byte[20];
        hashes.ripemd160.update(first, 0, first.length);
        hashes.ripemd160.doFinal(out, 0);
        return out;
    }

    /** A new SHA-256 digest, for a caller that hashes in a loop of its own. */
    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * A 32-byte hash as Bitcoin shows it: the bytes in reverse order, lower-case hex (txids and
     * block hashes are little-endian numbers).
     */
    static String displayHex(byte[] hash) {
        return displayHex(hash, 0);
    }

    /** The 32 bytes at {@code offset} as Bitcoin shows a hash: reversed, lower-case hex. */
    static String displayHex(byte[] bytes, int offset) {
        char[] text = new char[64];
        for (int i = 0; i < 32; i++) {
            int b = bytes[offset + 31 - i] & 0xff;
            text[2 * i] = HEX[b >>> 4];
            text[2 * i + 1] = HEX[b & 15];
        }
        return new String(text);
    }
}
