package org.chaintrail.ingest.bitcoin;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Parses serialized Bitcoin blocks: the 80-byte header, then the transactions, with or without
 * witness data (BIP144: a {@code 00 01} marker and flag after the version, and a witness stack
 * per input after the outputs).
 *
 * <p>Reads straight from the array, copying only scripts, and hashes with one reused digest: an
 * instance is cheap but not thread-safe, so use one per thread.
 */
public final class RawBlockParser {
    private static final HexFormat HEX = HexFormat.of();
    /** The smallest possible transaction: version, one input, one output, lock time. */
    private static final int MIN_TX_SIZE = 60;
    private static final int MIN_INPUT_SIZE = 41;
    private static final int MIN_OUTPUT_SIZE = 9;

    private final MessageDigest sha256 = Hashes.newSha256();
    private final byte[] hash = new byte[32];
    private byte[] data;
    private int pos;
    private int end;

    /** Parses a block that fills the whole array. */
    public RawBlock parse(byte[] bytes) {
        return parse(bytes, 0, bytes.length);
    }

    /**
     * Parses the block in {@code bytes[offset, offset + length)}; the block must fill it exactly.
     *
     * @throws BitcoinParseException naming the offset (within {@code bytes}) and what was expected
     */
    public RawBlock parse(byte[] bytes, int offset, int length) {
        BlockHeader header = header(bytes, offset, length);
        data = bytes;
        pos = offset + BlockHeader.SIZE;
        end = offset + length;
        long count = varInt("transaction count");
        if (count < 1 || count > (end - pos) / MIN_TX_SIZE) {
            throw new BitcoinParseException(pos, "expected 1.." + (end - pos) / MIN_TX_SIZE
                    + " transactions for the bytes left, the count says " + count);
        }
        List<RawTransaction> transactions = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            transactions.add(transaction());
        }
        if (pos != end) {
            throw new BitcoinParseException(pos, "expected the block to end after " + count + " transactions, "
                    + (end - pos) + " bytes are left");
        }
        data = null;
        return new RawBlock(header, transactions, length);
    }

    /**
     * Parses only the header at {@code offset}: enough to find a block's place in the chain.
     *
     * @param available how many bytes from {@code offset} belong to the block
     * @throws BitcoinParseException if fewer than 80 bytes are available
     */
    public BlockHeader header(byte[] bytes, int offset, int available) {
        if (available < BlockHeader.SIZE || offset + BlockHeader.SIZE > bytes.length) {
            throw new BitcoinParseException(offset, "expected an 80-byte block header, "
                    + Math.min(available, bytes.length - offset) + " bytes are there");
        }
        sha256.update(bytes, offset, BlockHeader.SIZE);
        String blockHash = Hashes.displayHex(doubleSha256());
        return new BlockHeader(blockHash,
                (int) le32(bytes, offset),
                Hashes.displayHex(bytes, offset + 4),
                Hashes.displayHex(bytes, offset + 36),
                le32(bytes, offset + 68),
                le32(bytes, offset + 72),
                le32(bytes, offset + 76));
    }

    /**
     * The Merkle root of transaction ids, display order: pairs hashed level by level, an odd last
     * hash paired with itself.
     *
     * @param txids the ids in block order, display order
     */
    public String merkleRoot(List<String> txids) {
        if (txids.isEmpty()) {
            throw new IllegalArgumentException("a Merkle root needs at least one transaction");
        }
        byte[][] level = new byte[txids.size()][];
        for (int i = 0; i < level.length; i++) {
            level[i] = reversed(HEX.parseHex(txids.get(i)));
        }
        int count = level.length;
        while (count > 1) {
            int next = 0;
            for (int i = 0; i < count; i += 2) {
                sha256.update(level[i]);
                sha256.update(level[Math.min(i + 1, count - 1)]);
                level[next++] = doubleSha256().clone();
            }
            count = next;
        }
        return Hashes.displayHex(level[0]);
    }

    /** Whether the Merkle root recomputed from the block's txids equals its header's. */
    public boolean merkleRootMatches(RawBlock block) {
        List<String> txids = block.transactions().stream().map(RawTransaction::txid).toList();
        return merkleRoot(txids).equals(block.header().merkleRoot());
    }

    private RawTransaction transaction() {
        int start = pos;
        int version = (int) u32("transaction version");
        boolean segwit = pos + 1 < end && data[pos] == 0 && data[pos + 1] == 1;
        if (pos < end && data[pos] == 0 && !segwit) {
            throw new BitcoinParseException(pos, "expected the segwit flag 01 after the marker 00, found "
                    + (pos + 1 < end ? String.format("%02x", data[pos + 1]) : "the end"));
        }
        if (segwit) {
            pos += 2;
        }
        int bodyStart = pos;
        long inputCount = varInt("input count");
        check(inputCount, MIN_INPUT_SIZE, "inputs");
        List<RawTransaction.Input> inputs = new ArrayList<>((int) inputCount);
        for (int i = 0; i < inputCount; i++) {
            need(36, "an outpoint (32-byte txid, 4-byte index)");
            String prevTxid = Hashes.displayHex(data, pos);
            pos += 32;
            long vout = u32("output index");
            byte[] scriptSig = bytes(varInt("scriptSig length"), "scriptSig");
            long sequence = u32("sequence");
            inputs.add(new RawTransaction.Input(prevTxid, vout, scriptSig, sequence, 0));
        }
        long outputCount = varInt("output count");
        check(outputCount, MIN_OUTPUT_SIZE, "outputs");
        List<RawTransaction.Output> outputs = new ArrayList<>((int) outputCount);
        for (int o = 0; o < outputCount; o++) {
            need(8, "an 8-byte output value");
            long value = le32(data, pos) | le32(data, pos + 4) << 32;
            pos += 8;
            outputs.add(new RawTransaction.Output(value, bytes(varInt("scriptPubKey length"), "scriptPubKey")));
        }
        int bodyEnd = pos;
        if (segwit) {
            for (int i = 0; i < inputCount; i++) {
                long items = varInt("witness item count");
                check(items, 1, "witness items");
                for (long w = 0; w < items; w++) {
                    long length = varInt("witness item length");
                    need(length, "a witness item of " + length + " bytes");
                    pos += (int) length;
                }
                RawTransaction.Input input = inputs.get(i);
                inputs.set(i, new RawTransaction.Input(input.prevTxid(), input.vout(), input.scriptSig(),
                        input.sequence(), (int) items));
            }
        }
        long lockTime = u32("lock time");
        int size = pos - start;
        String wtxid = Hashes.displayHex(hashOf(start, size));
        String txid = wtxid;
        int baseSize = size;
        if (segwit) {
            sha256.update(data, start, 4);
            sha256.update(data, bodyStart, bodyEnd - bodyStart);
            sha256.update(data, pos - 4, 4);
            txid = Hashes.displayHex(doubleSha256());
            baseSize = 4 + (bodyEnd - bodyStart) + 4;
        }
        int weight = baseSize * 3 + size;
        return new RawTransaction(txid, wtxid, version, inputs, outputs, lockTime, size, (weight + 3) / 4);
    }

    private byte[] hashOf(int start, int length) {
        sha256.update(data, start, length);
        return doubleSha256();
    }

    /** Finishes the digest's pending input, hashes the result again, and returns the shared buffer. */
    private byte[] doubleSha256() {
        try {
            sha256.digest(hash, 0, 32);
            sha256.update(hash);
            sha256.digest(hash, 0, 32);
            return hash;
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 fills 32 bytes", e);
        }
    }

    private void check(long count, int minSize, String what) {
        if (count > (end - pos) / minSize) {
            throw new BitcoinParseException(pos, "expected at most " + (end - pos) / minSize + " " + what
                    + " in the bytes left, the count says " + count);
        }
    }

    private void need(long length, String what) {
        if (length > end - pos) {
            throw new BitcoinParseException(pos, "expected " + what + ", only " + (end - pos) + " bytes are left");
        }
    }

    private byte[] bytes(long length, String what) {
        need(length, what + " of " + length + " bytes");
        byte[] copy = new byte[(int) length];
        System.arraycopy(data, pos, copy, 0, copy.length);
        pos += copy.length;
        return copy;
    }

    private long u32(String what) {
        need(4, "a 4-byte " + what);
        long value = le32(data, pos);
        pos += 4;
        return value;
    }

    /** Bitcoin's CompactSize: one byte below 0xfd, else a 2-, 4- or 8-byte little-endian number. */
    private long varInt(String what) {
        need(1, "a " + what);
        int first = data[pos] & 0xff;
        if (first < 0xfd) {
            pos++;
            return first;
        }
        int width = first == 0xfd ? 2 : first == 0xfe ? 4 : 8;
        need(1 + width, "a " + what + " of " + (1 + width) + " bytes");
        long value = 0;
        for (int i = 0; i < width; i++) {
            value |= (long) (data[pos + 1 + i] & 0xff) << (8 * i);
        }
        pos += 1 + width;
        if (value < 0) {
            throw new BitcoinParseException(pos - 1 - width, "expected a " + what + ", found " + Long.toUnsignedString(value));
        }
        return value;
    }

    private static long le32(byte[] bytes, int at) {
        return (bytes[at] & 0xffL) | (bytes[at + 1] & 0xffL) << 8 | (bytes[at + 2] & 0xffL) << 16
                | (bytes[at + 3] & 0xffL) << 24;
    }

    private static byte[] reversed(byte[] bytes) {
        for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
            byte b = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = b;
        }
        return bytes;
    }
}
