package org.chaintrail.ingest.bitcoin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chaintrail.ingest.IngestException;

/**
 * Reads the framing of Bitcoin Core's block files, {@code blk00000.dat}, {@code blk00001.dat}, …
 * in number order: each record is the network magic ({@code f9 be b4 d9} on mainnet), the block's
 * length (4 bytes, little-endian) and the block. Core pre-allocates its files, so a run of zero
 * bytes where a magic should be ends a file's records. Files of Core 28 and later may be
 * obfuscated with the 8-byte key in {@code xor.dat}; it is applied when present.
 *
 * <p>Records come in file order, which is the order blocks arrived, not chain order (see
 * {@link BlkChainReader}). Only headers are read while scanning; {@link #read} fetches a block's
 * bytes when its turn comes. Files listed at construction are read; later ones are not.
 */
public final class BlkFileReader implements AutoCloseable {
    /** Mainnet's network magic, as the bytes appear in the file. */
    public static final byte[] MAINNET_MAGIC = {(byte) 0xf9, (byte) 0xbe, (byte) 0xb4, (byte) 0xd9};
    /** Core's limit on a serialized block (BIP141's weight limit allows no more). */
    static final int MAX_BLOCK_SIZE = 4_000_000;
    private static final Pattern FILE_NAME = Pattern.compile("blk(\\d{5,})\\.dat");

    private final Path directory;
    private final List<Path> files;
    private final byte[] xorKey;
    private final RawBlockParser headerParser = new RawBlockParser();
    private final ByteBuffer frame = ByteBuffer.allocate(8 + BlockHeader.SIZE);
    private int fileIndex = -1;
    private FileChannel channel;
    private long position;
    private long size;
    private Path readFile;
    private FileChannel readChannel;

    /**
     * @param directory Core's {@code blocks} directory, or any directory of {@code blk*.dat} files
     * @throws IngestException if the directory cannot be listed or holds no block files
     */
    public BlkFileReader(Path directory) {
        this.directory = directory;
        this.files = blockFiles(directory);
        this.xorKey = xorKey(directory);
    }

    /** The block files in number order. */
    public List<Path> files() {
        return files;
    }

    /**
     * The next record in file order, its header parsed.
     *
     * @return empty after the last record of the last file
     * @throws BitcoinParseException naming the file and offset of a wrong magic, a length beyond
     *                               the file, or a header that is cut short
     */
    public Optional<BlkRecord> next() {
        try {
            while (true) {
                if (channel == null && !openNextFile()) {
                    return Optional.empty();
                }
                if (size - position < 8) {
                    requireZeros(size - position);
                    closeFile();
                    continue;
                }
                frame.clear().limit(8);
                readFully(channel, frame, position);
                byte[] bytes = frame.array();
                if (bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 0) {
                    closeFile(); // Core's pre-allocated tail: no more records in this file.
                    continue;
                }
                if (bytes[0] != MAINNET_MAGIC[0] || bytes[1] != MAINNET_MAGIC[1] || bytes[2] != MAINNET_MAGIC[2]
                        || bytes[3] != MAINNET_MAGIC[3]) {
                    throw error(position, String.format("expected the mainnet magic f9beb4d9, found %02x%02x%02x%02x",
                            bytes[0], bytes[1], bytes[2], bytes[3]));
                }
                long length = (bytes[4] & 0xffL) | (bytes[5] & 0xffL) << 8 | (bytes[6] & 0xffL) << 16
                        | (bytes[7] & 0xffL) << 24;
                long blockStart = position + 8;
                if (length < BlockHeader.SIZE || length > MAX_BLOCK_SIZE) {
                    throw error(position + 4, "expected a block length of " + BlockHeader.SIZE + ".." + MAX_BLOCK_SIZE
                            + " bytes, found " + length);
                }
                if (blockStart + length > size) {
                    throw error(position + 4, "the record's length " + length + " runs past the end of the file ("
                            + size + " bytes)");
                }
                frame.clear().limit(BlockHeader.SIZE);
                readFully(channel, frame, blockStart);
                BlockHeader header = headerParser.header(bytes, 0, BlockHeader.SIZE);
                position = blockStart + length;
                return Optional.of(new BlkRecord(files.get(fileIndex), blockStart, (int) length, header));
            }
        } catch (IOException e) {
            throw new IngestException("cannot read " + files.get(fileIndex) + " at offset " + position, e);
        }
    }

    /**
     * The bytes of a block that {@link #next} found.
     *
     * @throws IngestException if the file cannot be read
     */
    public byte[] read(BlkRecord record) {
        try {
            if (!record.file().equals(readFile)) {
                if (readChannel != null) {
                    readChannel.close();
                }
                readChannel = FileChannel.open(record.file(), StandardOpenOption.READ);
                readFile = record.file();
            }
            ByteBuffer buffer = ByteBuffer.allocate(record.length());
            readFully(readChannel, buffer, record.offset());
            return buffer.array();
        } catch (IOException e) {
            throw new IngestException("cannot read the block at offset " + record.offset() + " of " + record.file(), e);
        }
    }

    /** The directory read, for messages. */
    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            closeFile();
            if (readChannel != null) {
                readChannel.close();
                readChannel = null;
                readFile = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean openNextFile() throws IOException {
        if (fileIndex + 1 >= files.size()) {
            return false;
        }
        fileIndex++;
        channel = FileChannel.open(files.get(fileIndex), StandardOpenOption.READ);
        size = channel.size();
        position = 0;
        return true;
    }

    private void closeFile() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /** Fewer than 8 bytes at the end of a file: only the pre-allocated zeros may be there. */
    private void requireZeros(long count) throws IOException {
        frame.clear().limit((int) count);
        readFully(channel, frame, position);
        for (int i = 0; i < count; i++) {
            if (frame.array()[i] != 0) {
                throw error(position, "expected a record (4-byte magic and 4-byte length), only " + count
                        + " bytes are left");
            }
        }
    }

    private void readFully(FileChannel from, ByteBuffer buffer, long at) throws IOException {
        long start = at;
        int first = buffer.position();
        while (buffer.hasRemaining()) {
            int read = from.read(buffer, at);
            if (read < 0) {
                throw new IOException("unexpected end of file at offset " + at);
            }
            at += read;
        }
        if (xorKey != null) {
            byte[] array = buffer.array();
            for (int i = first; i < buffer.position(); i++) {
                array[i] ^= xorKey[(int) ((start + i - first) % xorKey.length)];
            }
        }
    }

    private BitcoinParseException error(long offset, String problem) {
        return new BitcoinParseException(files.get(fileIndex) + " offset " + offset + ": " + problem, offset, null);
    }

    private static List<Path> blockFiles(Path directory) {
        try (Stream<Path> listing = Files.list(directory)) {
            List<Path> found = new ArrayList<>(listing
                    .filter(p -> FILE_NAME.matcher(p.getFileName().toString()).matches())
                    .toList());
            found.sort(Comparator.comparingLong(BlkFileReader::fileNumber));
            if (found.isEmpty()) {
                throw new IngestException("no blk*.dat files in " + directory);
            }
            return List.copyOf(found);
        } catch (IOException e) {
            throw new IngestException("cannot list the block files in " + directory, e);
        }
    }

    private static long fileNumber(Path file) {
        Matcher matcher = FILE_NAME.matcher(file.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalStateException("not a block file: " + file);
        }
        return Long.parseLong(matcher.group(1));
    }

    /** Core 28's obfuscation key; null when there is none or it is all zeros. */
    private static byte[] xorKey(Path directory) {
        Path keyFile = directory.resolve("xor.dat");
        if (!Files.exists(keyFile)) {
            return null;
        }
        try {
            byte[] key = Files.readAllBytes(keyFile);
            if (key.length != 8) {
                throw new IngestException(keyFile + " must hold an 8-byte key, holds " + key.length + " bytes");
            }
            for (byte b : key) {
                if (b != 0) {
                    return key;
                }
            }
            return null;
        } catch (IOException e) {
            throw new IngestException("cannot read " + keyFile, e);
        }
    }
}
