package org.chaintrail.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded, deterministic ethereum-etl export of an account chain's busy stretch: the input of the
 * ingest benchmark. The same configuration writes the same files, byte for byte.
 *
 * <p>Layout and columns are ethereum-etl's {@code export_all}: {@code blocks}, {@code transactions}
 * and {@code token_transfers} CSV files, one set per partition of {@value #PARTITION_BLOCKS}
 * blocks, in {@code <kind>/start_block=…/end_block=…/<kind>_<start>_<end>.csv}. There are no
 * receipts files, as with {@code export_blocks_and_transactions}, so every transaction counts as
 * successful.
 *
 * <p>The economy: {@value #EXCHANGE_WALLETS} exchange hot wallets on one side of 40 % of the
 * transfers (deposits and withdrawals), and a population of users (a third of the transfer count)
 * drawn with a power law, so a few hundred busy addresses appear in every block and most appear a
 * handful of times. Blocks carry 100–200 transfers: 45 % native ETH (a transaction with value),
 * the rest USDT (a zero-value call of the real USDT contract with its {@code transfer} input and
 * one token transfer; an exchange's payout now and then pays several users in one transaction).
 * One transaction in ten is a zero-value contract call that moves nothing, which an importer
 * reads and skips. Addresses and hashes are hex of a mixed counter, so they are fictional.
 */
public final class SyntheticEtlExport {
    public static final String USDT = "0xdac17f958d2ee523a2206206994597c13d831ec7";
    /** The version of the generator's rules; an export of another version is not reused. */
    public static final int VERSION = 1;

    static final int PARTITION_BLOCKS = 2_000;
    static final int EXCHANGE_WALLETS = 16;
    private static final long FIRST_BLOCK = 18_000_000L;
    private static final long FIRST_TIMESTAMP = 1_693_526_411L;
    private static final String BLOCKS_HEADER = "number,hash,parent_hash,nonce,sha3_uncles,logs_bloom,"
            + "transactions_root,state_root,receipts_root,miner,difficulty,total_difficulty,size,extra_data,gas_limit,"
            + "gas_used,timestamp,transaction_count,base_fee_per_gas,withdrawals_root,withdrawals";
    private static final String TRANSACTIONS_HEADER = "hash,nonce,block_hash,block_number,transaction_index,"
            + "from_address,to_address,value,gas,gas_price,input,block_timestamp,max_fee_per_gas,"
            + "max_priority_fee_per_gas,transaction_type";
    private static final String TOKEN_TRANSFERS_HEADER =
            "token_address,from_address,to_address,value,transaction_hash,log_index,block_number";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * What to generate.
     *
     * @param transfers transfers in the export (native and token), 1,000..100,000,000
     * @param seed      the generator's seed
     */
    public record Config(long transfers, long seed) {
        public static final long DEFAULT_SEED = 20_240_517L;

        public Config {
            if (transfers < 1_000 || transfers > 100_000_000) {
                throw new IllegalArgumentException("transfers must be 1,000..100,000,000, was " + transfers);
            }
        }
    }

    /**
     * What was written.
     *
     * @param blocks          blocks
     * @param transactions    transaction rows, zero-value calls included
     * @param nativeTransfers transactions with value
     * @param tokenTransfers  USDT transfers
     * @param bytes           size of the files
     */
    public record Written(long blocks, long transactions, long nativeTransfers, long tokenTransfers, long bytes) {
        public long transfers() {
            return nativeTransfers + tokenTransfers;
        }
    }

    private final Config config;
    private final long population;
    private final SplittableRandom random;
    private long serial;

    public SyntheticEtlExport(Config config) {
        this.config = config;
        this.population = Math.max(10_000, config.transfers() / 3);
        this.random = new SplittableRandom(config.seed());
    }

    /**
     * Writes the export into a directory, which must be empty or new.
     *
     * @throws UncheckedIOException if a file cannot be written
     */
    public Written write(Path dir) {
        long blocks = 0;
        long transactions = 0;
        long natives = 0;
        long tokens = 0;
        long bytes = 0;
        long remaining = config.transfers();
        try {
            while (remaining > 0) {
                long start = FIRST_BLOCK + blocks;
                long end = start + PARTITION_BLOCKS - 1;
                Partition p = new Partition(dir, start, end);
                try (p) {
                    for (long number = start; number <= end && remaining > 0; number++) {
                        int target = (int) Math.min(remaining, 100 + random.nextInt(101));
                        BlockCounts c = block(p, number, target);
                        p.endBlock();
                        blocks++;
                        transactions += c.transactions;
                        natives += c.natives;
                        tokens += c.tokens;
                        remaining -= c.natives + c.tokens;
                    }
                }
                bytes += p.bytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export under " + dir, e);
        }
        return new Written(blocks, transactions, natives, tokens, bytes);
    }

    private static final class BlockCounts {
        long transactions;
        long natives;
        long tokens;
    }

    private BlockCounts block(Partition p, long number, int target) throws IOException {
        BlockCounts counts = new BlockCounts();
        String blockHash = hash();
        long timestamp = FIRST_TIMESTAMP + 12 * (number - FIRST_BLOCK);
        List<String> txRows = new ArrayList<>();
        int logIndex = 0;
        int moved = 0;
        while (moved < target) {
            String txHash = hash();
            int index = txRows.size();
            double kind = random.nextDouble();
            String from;
            String to;
            String value;
            String input;
            if (kind < 0.10) {
                // A contract call that moves nothing: read and skipped by an importer.
                from = user();
                to = address(random.nextLong(1_000));
                value = "0";
                input = "0x" + hex(random.nextLong()) + hex(random.nextLong());
            } else if (kind < 0.55) {
                boolean deposit = random.nextDouble() < 0.2;
                boolean withdrawal = !deposit && random.nextDouble() < 0.25;
                from = withdrawal ? exchange() : user();
                to = deposit ? exchange() : user();
                value = Long.toString(1_000_000_000_000L + random.nextLong(10_000_000_000_000_000L)) + "0";
                input = "0x";
                counts.natives++;
                moved++;
            } else {
                boolean payout = random.nextDouble() < 0.25;
                from = payout ? exchange() : user();
                to = USDT;
                value = "0";
                // An exchange now and then pays several users in one transaction.
                int n = payout && random.nextDouble() < 0.2 ? 2 + random.nextInt(4) : 1;
                n = Math.min(n, target - moved);
                String firstPayee = null;
                String firstAmount = null;
                for (int i = 0; i < n; i++) {
                    String payee = !payout && random.nextDouble() < 0.25 ? exchange() : user();
                    String amount = Long.toString(1 + random.nextLong(50_000_000_000L));
                    p.tokenTransfers.append(USDT).append(',').append(from).append(',').append(payee).append(',')
                            .append(amount).append(',').append(txHash).append(',').append(logIndex++).append(',')
                            .append(number).append('\n');
                    if (i == 0) {
                        firstPayee = payee;
                        firstAmount = amount;
                    }
                }
                input = "0xa9059cbb000000000000000000000000" + firstPayee.substring(2)
                        + pad64(Long.toHexString(Long.parseLong(firstAmount)));
                counts.tokens += n;
                moved += n;
            }
            long gasPrice = 20_000_000_000L + random.nextLong(10_000_000_000L);
            txRows.add(txHash + ',' + random.nextInt(5_000) + ',' + blockHash + ',' + number + ',' + index + ','
                    + from + ',' + to + ',' + value + ',' + (21_000 + random.nextInt(200_000)) + ',' + gasPrice + ','
                    + input + ',' + timestamp + ',' + (gasPrice + 1_000_000_000L) + ',' + 1_000_000_000L + ",2");
        }
        for (String row : txRows) {
            p.transactions.append(row).append('\n');
        }
        counts.transactions = txRows.size();
        p.blocks.append(number).append(',').append(blockHash).append(',').append(hash()).append(",0x0000000000000000,")
                .append("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347,0x").append(bloom())
                .append(',').append(hash()).append(',').append(hash()).append(',').append(hash()).append(',')
                .append(address(random.nextLong(20))).append(",0,58750003716598352816469,")
                .append(40_000 + random.nextInt(100_000)).append(",0x7273796e632d6275696c6465722e78797a,30000000,")
                .append(8_000_000 + random.nextInt(20_000_000)).append(',').append(timestamp).append(',')
                .append(txRows.size()).append(',').append(20_000_000_000L + random.nextLong(10_000_000_000L))
                .append(',').append(hash()).append(",\n");
        return counts;
    }

    /** An ordinary user: rank drawn with a power law, so low ranks are busy and high ranks rare. */
    private String user() {
        double u = random.nextDouble();
        return address(EXCHANGE_WALLETS + 1_000 + (long) (population * u * u * u));
    }

    private String exchange() {
        return address(1_000 + random.nextInt(EXCHANGE_WALLETS));
    }

    /** The address of a rank: 160 bits of a mixed counter, so addresses look random but repeat by rank. */
    private String address(long rank) {
        char[] out = new char[42];
        out[0] = '0';
        out[1] = 'x';
        long a = mix(rank * 3 + config.seed());
        long b = mix(rank * 3 + 1 + config.seed());
        long c = mix(rank * 3 + 2 + config.seed());
        put(out, 2, a, 16);
        put(out, 18, b, 16);
        put(out, 34, c, 8);
        return new String(out);
    }

    private String hash() {
        char[] out = new char[66];
        out[0] = '0';
        out[1] = 'x';
        long s = ++serial;
        for (int i = 0; i < 4; i++) {
            put(out, 2 + 16 * i, mix(s * 4 + i + (config.seed() << 32)), 16);
        }
        return new String(out);
    }

    private String bloom() {
        StringBuilder s = new StringBuilder(512);
        for (int i = 0; i < 32; i++) {
            s.append(hex(random.nextLong()));
        }
        return s.toString();
    }

    private static String hex(long v) {
        char[] out = new char[16];
        put(out, 0, v, 16);
        return new String(out);
    }

    private static String pad64(String hex) {
        return "0".repeat(64 - hex.length()) + hex;
    }

    private static void put(char[] out, int at, long v, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = HEX[(int) (v & 15)];
            v >>>= 4;
        }
    }

    /** SplitMix64's finaliser: a bijection of longs that scatters neighbours. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The three files of one block range; each block's rows are gathered, then written. */
    private static final class Partition implements AutoCloseable {
        final StringBuilder blocks = new StringBuilder();
        final StringBuilder transactions = new StringBuilder();
        final StringBuilder tokenTransfers = new StringBuilder();
        private final List<Path> files = new ArrayList<>();
        private final BufferedWriter blocksOut;
        private final BufferedWriter transactionsOut;
        private final BufferedWriter tokenTransfersOut;

        Partition(Path dir, long start, long end) throws IOException {
            String range = String.format("%08d_%08d", start, end);
            String folder = String.format("start_block=%08d/end_block=%08d", start, end);
            blocksOut = open(dir, folder, "blocks", range, BLOCKS_HEADER);
            transactionsOut = open(dir, folder, "transactions", range, TRANSACTIONS_HEADER);
            tokenTransfersOut = open(dir, folder, "token_transfers", range, TOKEN_TRANSFERS_HEADER);
        }

        private BufferedWriter open(Path dir, String folder, String kind, String range, String header)
                throws IOException {
            Path file = dir.resolve(kind).resolve(folder).resolve(kind + "_" + range + ".csv");
            Files.createDirectories(file.getParent());
            files.add(file);
            BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(header);
            out.write('\n');
            return out;
        }

        /** Writes the rows of the block just generated. */
        void endBlock() throws IOException {
            for (var pair : List.of(Map.entry(blocks, blocksOut), Map.entry(transactions, transactionsOut),
                    Map.entry(tokenTransfers, tokenTransfersOut))) {
                pair.getValue().append(pair.getKey());
                pair.getKey().setLength(0);
            }
        }

        long bytes() throws IOException {
            long bytes = 0;
            for (Path file : files) {
                bytes += Files.size(file);
            }
            return bytes;
        }

        @Override
        public void close() throws IOException {
            try (blocksOut; transactionsOut; tokenTransfersOut) {
                endBlock();
            }
        }
    }
}
