package org.chaintrail.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.NaiveMergeWriter;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Transfer;

/**
 * The baseline of the ingest benchmark: reads a {@link SyntheticEtlExport} block by block, as a
 * script would, and writes each transfer in its own transaction with {@code MERGE}
 * ({@link NaiveMergeWriter}), each block too. The same rules as the real importer: a transaction
 * with value is a native transfer, every token transfer row is a transfer. It stops at the end of
 * the first block that brings it to the transfer limit, so it runs on a prefix of whole blocks.
 *
 * <p>It reads the files by splitting lines on commas: the export it was written for quotes no cell.
 */
final class NaiveMergeIngest {
    private static final Chain CHAIN = Chain.ETHEREUM;

    /**
     * @param blocks    blocks written
     * @param transfers transfers written
     * @param elapsed   wall-clock time, reading included
     */
    record Result(long blocks, long transfers, Duration elapsed) {
        double transfersPerSecond() {
            return transfers / Math.max(elapsed.toNanos() / 1e9, 1e-9);
        }

        double blocksPerSecond() {
            return blocks / Math.max(elapsed.toNanos() / 1e9, 1e-9);
        }
    }

    private NaiveMergeIngest() {
    }

    /**
     * @param connection the graph to write into
     * @param export     the export directory
     * @param limit      the transfers after which to stop, at the end of a block
     */
    static Result run(GraphConnection connection, Path export, long limit) {
        NaiveMergeWriter writer = new NaiveMergeWriter(connection);
        long started = System.nanoTime();
        long blocks = 0;
        long transfers = 0;
        try (Cursor blockRows = new Cursor(export, "blocks_"); Cursor txRows = new Cursor(export, "transactions_");
             Cursor tokenRows = new Cursor(export, "token_transfers_")) {
            while (transfers < limit && blockRows.hasNext()) {
                String[] b = blockRows.next();
                long number = Long.parseLong(b[blockRows.column("number")]);
                long timestamp = Long.parseLong(b[blockRows.column("timestamp")]);
                writer.write(new Block(CHAIN, number, b[blockRows.column("hash")], timestamp));
                blocks++;
                Map<String, Integer> txIndexes = new HashMap<>();
                while (txRows.hasNext() && txRows.blockOf("block_number") == number) {
                    String[] t = txRows.next();
                    String hash = t[txRows.column("hash")];
                    int index = Integer.parseInt(t[txRows.column("transaction_index")]);
                    txIndexes.put(hash, index);
                    BigInteger value = new BigInteger(t[txRows.column("value")]);
                    if (value.signum() > 0) {
                        writer.write(new Transfer(CHAIN, hash, number, index, Transfer.NATIVE_LOG_INDEX, timestamp,
                                t[txRows.column("from_address")], t[txRows.column("to_address")], Asset.NATIVE, value));
                        transfers++;
                    }
                }
                while (tokenRows.hasNext() && tokenRows.blockOf("block_number") == number) {
                    String[] t = tokenRows.next();
                    String hash = t[tokenRows.column("transaction_hash")];
                    writer.write(new Transfer(CHAIN, hash, number, txIndexes.getOrDefault(hash, -1),
                            Integer.parseInt(t[tokenRows.column("log_index")]), timestamp,
                            t[tokenRows.column("from_address")], t[tokenRows.column("to_address")],
                            t[tokenRows.column("token_address")], new BigInteger(t[tokenRows.column("value")])));
                    transfers++;
                }
            }
        }
        return new Result(blocks, transfers, Duration.ofNanos(System.nanoTime() - started));
    }

    /** The rows of one kind's files, in path order (block order), header lines skipped. */
    private static final class Cursor implements AutoCloseable {
        private final Iterator<Path> files;
        private Map<String, Integer> columns = Map.of();
        private BufferedReader reader;
        private String[] peeked;

        Cursor(Path export, String prefix) {
            try (Stream<Path> walk = Files.walk(export)) {
                List<Path> paths = walk.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
                this.files = paths.iterator();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + export, e);
            }
        }

        int column(String name) {
            Integer i = columns.get(name);
            if (i == null) {
                throw new IllegalStateException("no column " + name + " in the export");
            }
            return i;
        }

        boolean hasNext() {
            return peek() != null;
        }

        String[] next() {
            String[] row = peek();
            peeked = null;
            return row;
        }

        long blockOf(String column) {
            return Long.parseLong(peek()[column(column)]);
        }

        private String[] peek() {
            try {
                while (peeked == null) {
                    String line = reader == null ? null : reader.readLine();
                    if (line != null) {
                        peeked = line.split(",", -1);
                    } else if (files.hasNext()) {
                        close();
                        reader = Files.newBufferedReader(files.next(), StandardCharsets.UTF_8);
                        String[] header = reader.readLine().split(",", -1);
                        columns = new HashMap<>();
                        for (int i = 0; i < header.length; i++) {
                            columns.put(header[i], i);
                        }
                    } else {
                        return null;
                    }
                }
                return peeked;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                reader = null;
            }
        }
    }
}
