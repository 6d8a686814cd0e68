package org.chaintrail.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * A seeded, deterministic Bitcoin chain written as Bitcoin Core's block files: the input of the
 * Bitcoin ingest benchmark. The same configuration writes the same files, byte for byte.
 *
 * <p><b>Files.</b> Core's framing ({@code f9beb4d9}, the block's length as a little-endian uint32,
 * the block) in {@code blk00000.dat}, {@code blk00001.dat}, …, a file rolled when the next block
 * would take it past 128 MiB, its tail grown to a 16 MiB multiple with zeros as Core pre-allocates
 * (a sparse hole here). Blocks are in chain order except that every {@value #SWAP_EVERY}th block
 * from block {@value #SWAP_FIRST} on is written after its child, as Core writes blocks that
 * arrive out of order.
 *
 * <p><b>Blocks.</b> Real wire format: 80-byte header (its Merkle root and parent hash correct, its
 * proof of work not), transactions with BIP144 marker, flag and witness stacks when any input has
 * a witness, txids as the double SHA-256 of the serialization without witness, and a coinbase
 * with a BIP34 height and a correct BIP141 witness commitment. The first block has a zero parent
 * and one coinbase whose outputs (up to {@value #MAX_PREMINE} of them) stand in for the UTXO set
 * that a real chain's history would have built; then every block holds 1,500–3,000 transactions
 * by default, like mainnet in 2016–2017, and pays 12.5 BTC plus its fees to one of
 * {@value #POOLS} pools. Signatures and keys are random bytes of the right shape: nothing here
 * would pass script validation, and the proof of work and coinbase maturity are ignored.
 *
 * <p><b>Spending.</b> Inputs spend outputs of the generator's own bounded UTXO set: a ring of the
 * {@value #YOUNG} newest outputs, from which most inputs spend (the age roughly exponential,
 * ~{@value #YOUNG_MEAN_AGE} outputs, and some within their own block), and a pool of up to
 * {@value #OLD} older unspent outputs, from which {@value #OLD_PERCENT} % of inputs spend at
 * random; when the pool is full an output pushed into it replaces a random one, which then stays
 * unspent forever, like lost coins. So an ingestor's cache of recent outputs answers most inputs
 * and the old spends of a long enough chain go to the graph. Inputs per transaction are 1 to 5,
 * and 20–40 for one in 200 (consolidations); outputs are a payment and change (1 to 3 outputs),
 * or an exchange's batched payout of 10–40 outputs for 3 %; 1.5 % carry an {@code OP_RETURN}.
 *
 * <p><b>Addresses.</b> Each address has one script type: P2PKH 50 %, P2SH 22 % (half 2-of-3
 * multisig, half nested P2WPKH), P2WPKH 18 %, P2TR 7 %, bare public key 3 %. Payments go to one
 * of {@value #EXCHANGES} exchanges a fifth of the time (a power law among them) and otherwise to a
 * new address or, half the time, to an earlier one drawn by a power law that favours the oldest;
 * change goes to a new address or back to the payer.
 *
 * <p>Memory: the UTXO set's arrays (about 70 MB at full size) and two block buffers, whatever
 * the chain's length. About 5 s per million transactions on one core.
 */
public final class SyntheticBlkFiles {
    /** The version of the generator's rules; files of another version are not reused. */
    public static final int VERSION = 1;

    static final long FILE_LIMIT = 128L << 20;
    static final long FILE_CHUNK = 16L << 20;
    static final int SWAP_EVERY = 50;
    static final int SWAP_FIRST = 7;
    static final int MAX_PREMINE = 90_000;
    static final int YOUNG = 1 << 18;
    static final int OLD = 1_000_000;
    static final int YOUNG_MEAN_AGE = 20_000;
    static final int OLD_PERCENT = 10;
    static final int EXCHANGES = 64;
    static final int POOLS = 16;

    private static final byte[] MAGIC = {(byte) 0xf9, (byte) 0xbe, (byte) 0xb4, (byte) 0xd9};
    private static final long FIRST_USER = EXCHANGES + POOLS;
    private static final long SUBSIDY = 1_250_000_000L;
    private static final long FIRST_TIME = 1_451_606_400L; // 2016-01-01
    private static final long BITS = 0x18062776L;
    /** Blocks stop growing here, below the 4 MB that BlkFileReader accepts. */
    private static final int MAX_BLOCK_BYTES = 3_500_000;
    private static final int MAX_INPUTS = 40;
    private static final int MAX_OUTPUTS = 41;

    private static final int P2PKH = 0;
    private static final int P2SH = 1;
    private static final int P2WPKH = 2;
    private static final int P2TR = 3;
    private static final int P2PK = 4;
    private static final long OP_RETURN = -1;

    /**
     * What to generate.
     *
     * @param transactions         transactions in all, coinbases included, 2..1,000,000,000
     * @param minBlockTransactions transactions per block (the first block aside), at least 2
     * @param maxBlockTransactions at most this many, up to 5,000
     * @param seed                 the generator's seed
     */
    public record Config(long transactions, int minBlockTransactions, int maxBlockTransactions, long seed) {
        public static final long DEFAULT_SEED = 20_160_101L;

        public Config {
            if (transactions < 2 || transactions > 1_000_000_000L) {
                throw new IllegalArgumentException("transactions must be 2..1,000,000,000, was " + transactions);
            }
            if (minBlockTransactions < 2 || maxBlockTransactions < minBlockTransactions
                    || maxBlockTransactions > 5_000) {
                throw new IllegalArgumentException("transactions per block must be 2 <= min <= max <= 5,000, was "
                        + minBlockTransactions + ".." + maxBlockTransactions);
            }
        }

        /** Blocks of 1,500–3,000 transactions, like mainnet in 2016–2017. */
        public static Config mainnetLike(long transactions, long seed) {
            return new Config(transactions, 1_500, 3_000, seed);
        }
    }

    /**
     * What was written; an ingest of the files must store exactly this.
     *
     * @param blocks       blocks, the first included
     * @param transactions transactions, coinbases included
     * @param inputs       inputs that spend an output (coinbase inputs are not counted)
     * @param outputs      outputs, {@code OP_RETURN} and witness commitments included
     * @param fees         the sum of all fees, satoshi
     * @param addresses    distinct addresses (and script identifiers) paid
     * @param files        {@code blk*.dat} files
     * @param bytes        bytes of blocks and framing, pre-allocated zeros excluded
     * @param swapped      blocks written after their child
     */
    public record Written(long blocks, long transactions, long inputs, long outputs, long fees, long addresses,
                          int files, long bytes, int swapped) {
    }

    private final Config config;
    private final SplittableRandom random;
    private final byte[] noise = new byte[1 << 16];
    private final Utxos utxos;
    private final Sha sha = new Sha();
    private final Wire txs = new Wire(MAX_BLOCK_BYTES + (1 << 20));
    private final Wire block = new Wire(BlockFiles.MAX_BLOCK);
    private final byte[] txids;
    private final byte[] wtxids;
    private final BitSet paidFixed = new BitSet((int) FIRST_USER);
    // The transaction being built: its inputs' spent outputs and its outputs' payees.
    private final byte[] inTxid = new byte[MAX_INPUTS * 32];
    private final int[] inVout = new int[MAX_INPUTS];
    private final long[] inValue = new long[MAX_INPUTS];
    private final long[] inAddr = new long[MAX_INPUTS];
    private final long[] outAddr = new long[MAX_OUTPUTS];
    private final int[] outValueAt = new int[MAX_OUTPUTS];
    private final long[] outValue = new long[MAX_OUTPUTS];
    private long nextUser = FIRST_USER;
    private long nullData;
    private long commitments;
    private long inputs;
    private long outputs;
    private long fees;

    public SyntheticBlkFiles(Config config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        for (int i = 0; i < noise.length; i += 8) {
            long r = random.nextLong();
            for (int j = 0; j < 8; j++) {
                noise[i + j] = (byte) (r >>> (8 * j));
            }
        }
        long expectedOutputs = config.transactions() * 3 + MAX_PREMINE;
        this.utxos = new Utxos((int) Math.min(YOUNG, Long.highestOneBit(expectedOutputs) << 1),
                (int) Math.min(OLD, expectedOutputs), random);
        this.txids = new byte[(config.maxBlockTransactions() + 1) * 32];
        this.wtxids = new byte[(config.maxBlockTransactions() + 1) * 32];
    }

    /**
     * Writes the block files into a directory, which must hold no block files yet.
     *
     * @throws UncheckedIOException if a file cannot be written
     */
    public Written write(Path dir) {
        long blocks = 0;
        long transactions = 0;
        byte[] prevHash = new byte[32];
        byte[] held = null;
        int swapped = 0;
        long time = FIRST_TIME;
        try (BlockFiles files = new BlockFiles(dir)) {
            while (transactions < config.transactions()) {
                long remaining = config.transactions() - transactions;
                int count = blocks == 0 ? 1 : (int) Math.min(remaining, config.minBlockTransactions()
                        + random.nextInt(config.maxBlockTransactions() - config.minBlockTransactions() + 1));
                int made = blocks == 0 ? genesis(prevHash) : block(blocks, count, prevHash, time);
                transactions += made;
                boolean last = transactions >= config.transactions();
                if (blocks >= SWAP_FIRST && (blocks - SWAP_FIRST) % SWAP_EVERY == 0 && !last) {
                    held = java.util.Arrays.copyOf(block.bytes, block.pos);
                } else {
                    files.write(block.bytes, block.pos);
                    if (held != null) {
                        files.write(held, held.length);
                        held = null;
                        swapped++;
                    }
                }
                sha.hash(block.bytes, 0, 80, prevHash, 0);
                blocks++;
                time += 300 + random.nextInt(601);
            }
            long addresses = nextUser - FIRST_USER + paidFixed.cardinality() + nullData + commitments;
            return new Written(blocks, transactions, inputs, outputs, fees, addresses, files.files, files.bytes, swapped);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the block files under " + dir, e);
        }
    }

    // ---------------------------------------------------------------- blocks

    /** The first block: a coinbase paying the premine to new addresses. */
    private int genesis(byte[] prevHash) {
        int premine = (int) Math.min(MAX_PREMINE, Math.max(1_000, 30L * config.maxBlockTransactions()));
        block.reset();
        header(prevHash, FIRST_TIME - 600);
        block.varInt(1);
        int start = block.pos;
        block.u32(1);
        block.varInt(1);
        block.zeros(32);
        block.u32(0xffffffffL);
        byte[] tag = "chaintrail synthetic chain, not Bitcoin".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        block.varInt(8 + tag.length);
        block.put(new byte[] {0x04, (byte) 0xff, (byte) 0xff, 0x00, 0x1d, 0x01, 0x04, (byte) tag.length}, 0, 8);
        block.put(tag, 0, tag.length);
        block.u32(0xffffffffL);
        block.varInt(premine);
        int[] valueAt = new int[premine];
        long[] payee = new long[premine];
        long[] value = new long[premine];
        for (int o = 0; o < premine; o++) {
            payee[o] = nextUser++;
            value[o] = logUniform(100_000L, 5_000_000_000L);
            valueAt[o] = block.pos;
            block.u64(value[o]);
            outputScript(block, payee[o]);
        }
        block.u32(0);
        sha.hash(block.bytes, start, block.pos - start, txids, 0);
        for (int o = 0; o < premine; o++) {
            utxos.add(txids, 0, o, value[o], payee[o]);
        }
        outputs += premine;
        System.arraycopy(txids, 0, block.bytes, 36, 32); // one transaction: the root is its txid
        return 1;
    }

    private int block(long height, int count, byte[] prevHash, long time) {
        txs.reset();
        utxos.startBlock();
        int made = 1;
        long blockFees = 0;
        while (made < count && txs.pos < MAX_BLOCK_BYTES) {
            blockFees += transaction(height, made);
            made++;
        }
        block.reset();
        header(prevHash, time);
        block.varInt(made);
        coinbase(height, blockFees, made);
        block.put(txs.bytes, 0, txs.pos);
        merkleRoot(txids, made, block.bytes, 36);
        return made;
    }

    private void header(byte[] prevHash, long time) {
        block.u32(0x20000000L);
        block.put(prevHash, 0, 32);
        block.zeros(32); // the Merkle root, filled in when the transactions are known
        block.u32(time);
        block.u32(BITS);
        block.u32(random.nextLong() & 0xffffffffL);
    }

    /** The coinbase, with the block's height, its reward and the witness commitment. */
    private void coinbase(long height, long blockFees, int count) {
        System.arraycopy(new byte[32], 0, wtxids, 0, 32);
        byte[] commitment = new byte[64];
        merkleRoot(wtxids, count, commitment, 0);
        sha.hash(commitment, 0, 64, commitment, 0); // with the 32 zero bytes of the reserved value

        int start = block.pos;
        block.u32(1);
        block.u8(0);
        block.u8(1);
        int bodyStart = block.pos;
        block.varInt(1);
        block.zeros(32);
        block.u32(0xffffffffL);
        block.varInt(13);
        block.u8(3);
        block.u8((int) height);
        block.u8((int) (height >>> 8));
        block.u8((int) (height >>> 16));
        block.u8(8);
        block.u64(random.nextLong());
        block.u32(0xffffffffL);
        block.varInt(2);
        long pool = EXCHANGES + (long) (POOLS * square(random.nextDouble()));
        paidFixed.set((int) pool);
        long reward = SUBSIDY + blockFees;
        block.u64(reward);
        outputScript(block, pool);
        block.u64(0);
        block.varInt(38);
        block.put(new byte[] {0x6a, 0x24, (byte) 0xaa, 0x21, (byte) 0xa9, (byte) 0xed}, 0, 6);
        block.put(commitment, 0, 32);
        int bodyEnd = block.pos;
        block.varInt(1);
        block.varInt(32);
        block.zeros(32);
        block.u32(0);
        sha.txid(block.bytes, start, bodyStart, bodyEnd, block.pos, txids, 0);
        utxos.add(txids, 0, 0, reward, pool);
        outputs += 2;
        commitments++;
    }

    /** Appends one transaction to {@link #txs}; returns its fee. */
    private long transaction(long height, int index) {
        int k = inputCount();
        int found = 0;
        long valueIn = 0;
        for (int i = 0; i < k; i++) {
            if (spend(found)) {
                valueIn += inValue[found];
                found++;
            }
        }
        if (found == 0) {
            throw new IllegalStateException("the generator's UTXO set is empty at block " + height);
        }
        int m = payees();
        boolean segwit = false;
        for (int i = 0; i < found; i++) {
            int type = type(inAddr[i]);
            segwit |= type == P2WPKH || type == P2TR || type == P2SH && nestedSegwit(inAddr[i]);
        }

        int start = txs.pos;
        txs.u32(random.nextInt(10) < 7 ? 1 : 2);
        if (segwit) {
            txs.u8(0);
            txs.u8(1);
        }
        int bodyStart = txs.pos;
        txs.varInt(found);
        for (int i = 0; i < found; i++) {
            txs.put(inTxid, i * 32, 32);
            txs.u32(inVout[i]);
            scriptSig(inAddr[i]);
            int r = random.nextInt(20);
            txs.u32(r < 17 ? 0xffffffffL : r < 19 ? 0xfffffffdL : 0xfffffffeL);
        }
        txs.varInt(m);
        for (int o = 0; o < m; o++) {
            outValueAt[o] = txs.pos;
            txs.u64(0); // filled in once the fee is known
            if (outAddr[o] == OP_RETURN) {
                txs.varInt(22);
                txs.u8(0x6a);
                txs.u8(20);
                program(txs, -++nullData, 20); // unique data: each such script is an address of its own
            } else {
                outputScript(txs, outAddr[o]);
            }
        }
        int bodyEnd = txs.pos;
        if (segwit) {
            for (int i = 0; i < found; i++) {
                witness(inAddr[i]);
            }
        }
        txs.u32(random.nextInt(5) == 0 ? height - 1 : 0);

        int size = txs.pos - start;
        int weight = (4 + bodyEnd - bodyStart + 4) * 3 + size;
        long fee = Math.min((long) (5 + 150 * square(random.nextDouble())) * ((weight + 3) / 4), valueIn / 4);
        splitValue(valueIn - fee, m);
        for (int o = 0; o < m; o++) {
            txs.patch64(outValueAt[o], outValue[o]);
        }
        int at = index * 32;
        sha.txid(txs.bytes, start, bodyStart, bodyEnd, txs.pos, txids, at);
        if (segwit) {
            sha.hash(txs.bytes, start, size, wtxids, at);
        } else {
            System.arraycopy(txids, at, wtxids, at, 32);
        }
        for (int o = 0; o < m; o++) {
            if (outAddr[o] != OP_RETURN) {
                utxos.add(txids, at, o, outValue[o], outAddr[o]);
            }
        }
        inputs += found;
        outputs += m;
        fees += fee;
        return fee;
    }

    private int inputCount() {
        int r = random.nextInt(1000);
        if (r < 690) {
            return 1;
        }
        if (r < 870) {
            return 2;
        }
        if (r < 930) {
            return 3;
        }
        if (r < 995) {
            return 4 + random.nextInt(2);
        }
        return 20 + random.nextInt(MAX_INPUTS - 19);
    }

    /** Takes one unspent output into input slot {@code i}: from this block, the young ring or the old pool. */
    private boolean spend(int i) {
        int r = random.nextInt(100);
        if (r < 5 && utxos.takeThisBlock(i, this)) {
            return true;
        }
        if (r < 5 + OLD_PERCENT && utxos.takeOld(i, this)) {
            return true;
        }
        long age = (long) (-Math.log(1 - random.nextDouble()) * YOUNG_MEAN_AGE);
        return utxos.takeYoung(age, i, this) || utxos.takeOld(i, this) || utxos.takeNewest(i, this);
    }

    /** Chooses the transaction's payees into {@link #outAddr}; returns how many outputs it has. */
    private int payees() {
        int r = random.nextInt(1000);
        int payments = r < 80 ? 0 : r < 820 ? 1 : r < 970 ? 2 : 10 + random.nextInt(MAX_OUTPUTS - 11);
        int m = 0;
        if (payments == 0) {
            outAddr[m++] = payee(); // a sweep: everything to one payee
        } else {
            for (int p = 0; p < payments; p++) {
                outAddr[m++] = payee();
            }
            outAddr[m++] = random.nextInt(100) < 65 ? nextUser++ : inAddr[0];
        }
        if (random.nextInt(1000) < 15) {
            outAddr[m++] = OP_RETURN;
        }
        return m;
    }

    private long payee() {
        if (random.nextInt(5) == 0) {
            int exchange = (int) (EXCHANGES * square(random.nextDouble()));
            paidFixed.set(exchange);
            return exchange;
        }
        if (random.nextBoolean()) {
            return nextUser++;
        }
        double u = random.nextDouble();
        return FIRST_USER + (long) ((nextUser - FIRST_USER) * u * u * u);
    }

    /** Shares what the inputs bring, less the fee, among the outputs: payments first, change last. */
    private void splitValue(long available, int m) {
        int spendable = 0;
        for (int o = 0; o < m; o++) {
            outValue[o] = 0;
            if (outAddr[o] != OP_RETURN) {
                spendable++;
            }
        }
        long left = available;
        for (int o = 0, seen = 0; o < m; o++) {
            if (outAddr[o] == OP_RETURN) {
                continue;
            }
            seen++;
            if (seen == spendable) {
                outValue[o] = left;
            } else {
                long share = spendable > 3 ? left / (spendable - seen + 1) : (long) (left * logUniform(0.02, 0.9));
                outValue[o] = Math.min(left, Math.max(0, share));
                left -= outValue[o];
            }
        }
    }

    // ---------------------------------------------------------------- scripts

    /** The script type of an address, fixed by its number. */
    private static int type(long address) {
        if (address < FIRST_USER) {
            return address % 4 == 3 ? P2SH : P2PKH;
        }
        long h = Long.remainderUnsigned(mix(address), 1000);
        return h < 500 ? P2PKH : h < 720 ? P2SH : h < 900 ? P2WPKH : h < 970 ? P2TR : P2PK;
    }

    private static boolean nestedSegwit(long address) {
        return (mix(address ^ 0x5eed) & 1) == 0;
    }

    private void outputScript(Wire w, long address) {
        switch (type(address)) {
            case P2PKH -> {
                w.varInt(25);
                w.u8(0x76);
                w.u8(0xa9);
                w.u8(20);
                program(w, address, 20);
                w.u8(0x88);
                w.u8(0xac);
            }
            case P2SH -> {
                w.varInt(23);
                w.u8(0xa9);
                w.u8(20);
                program(w, address, 20);
                w.u8(0x87);
            }
            case P2WPKH -> {
                w.varInt(22);
                w.u8(0);
                w.u8(20);
                program(w, address, 20);
            }
            case P2TR -> {
                w.varInt(34);
                w.u8(0x51);
                w.u8(32);
                program(w, address, 32);
            }
            default -> {
                w.varInt(35);
                w.u8(33);
                w.u8(2 + (int) (mix(address) >>> 63));
                program(w, address, 32);
                w.u8(0xac);
            }
        }
    }

    /** The unlocking script of an input spending the address's output. */
    private void scriptSig(long address) {
        switch (type(address)) {
            case P2PKH -> {
                int sig = 71 + random.nextInt(2);
                txs.varInt(1 + sig + 1 + 33);
                signature(sig);
                publicKey();
            }
            case P2SH -> {
                if (nestedSegwit(address)) {
                    txs.varInt(23);
                    txs.u8(22);
                    txs.u8(0);
                    txs.u8(20);
                    txs.put(noise, random.nextInt(noise.length - 20), 20);
                } else {
                    txs.varInt(1 + 2 * 73 + 2 + 105); // OP_0, two signatures, a 2-of-3 redeem script
                    txs.u8(0);
                    signature(72);
                    signature(72);
                    txs.u8(0x4c);
                    txs.u8(105);
                    txs.u8(0x52);
                    for (int key = 0; key < 3; key++) {
                        publicKey();
                    }
                    txs.u8(0x53);
                    txs.u8(0xae);
                }
            }
            case P2PK -> {
                int sig = 71 + random.nextInt(2);
                txs.varInt(1 + sig);
                signature(sig);
            }
            default -> txs.varInt(0);
        }
    }

    private void witness(long address) {
        int type = type(address);
        if (type == P2WPKH || type == P2SH && nestedSegwit(address)) {
            txs.varInt(2);
            signature(71 + random.nextInt(2));
            publicKey();
        } else if (type == P2TR) {
            txs.varInt(1);
            txs.varInt(64);
            txs.put(noise, random.nextInt(noise.length - 64), 64);
        } else {
            txs.varInt(0);
        }
    }

    /** A push of a DER-shaped signature with its sighash byte, {@code length} bytes in all. */
    private void signature(int length) {
        txs.u8(length);
        txs.u8(0x30);
        txs.put(noise, random.nextInt(noise.length - length), length - 2);
        txs.u8(1);
    }

    /** A push of a compressed public key. */
    private void publicKey() {
        txs.u8(33);
        txs.u8(2 + random.nextInt(2));
        txs.put(noise, random.nextInt(noise.length - 32), 32);
    }

    /** The address's hash or key bytes: its number, mixed. */
    private static void program(Wire w, long address, int length) {
        for (int i = 0; i < length; i += 8) {
            long h = mix(address * 4 + i / 8 + 1);
            for (int j = 0; j < 8 && i + j < length; j++) {
                w.u8((int) (h >>> (8 * j)));
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Fills {@code out[at, at + 32)} with the Merkle root of the first {@code count} hashes; keeps them. */
    private void merkleRoot(byte[] hashes, int count, byte[] out, int at) {
        byte[] level = java.util.Arrays.copyOf(hashes, count * 32);
        int n = count;
        while (n > 1) {
            int next = 0;
            for (int i = 0; i < n; i += 2) {
                int right = Math.min(i + 1, n - 1);
                sha.pair(level, i * 32, right * 32, level, next * 32);
                next++;
            }
            n = next;
        }
        System.arraycopy(level, 0, out, at, 32);
    }

    private double logUniform(double low, double high) {
        return low * Math.exp(random.nextDouble() * Math.log(high / low));
    }

    private long logUniform(long low, long high) {
        return (long) logUniform((double) low, (double) high);
    }

    private static double square(double u) {
        return u * u;
    }

    /** SplitMix64's finaliser: distinct numbers give unrelated-looking bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A growable-free byte buffer with Bitcoin's little-endian writers. */
    private static final class Wire {
        final byte[] bytes;
        int pos;

        Wire(int capacity) {
            bytes = new byte[capacity];
        }

        void reset() {
            pos = 0;
        }

        void u8(int v) {
            bytes[pos++] = (byte) v;
        }

        void u32(long v) {
            for (int i = 0; i < 4; i++) {
                bytes[pos++] = (byte) (v >>> (8 * i));
            }
        }

        void u64(long v) {
            patch64(pos, v);
            pos += 8;
        }

        void patch64(int at, long v) {
            for (int i = 0; i < 8; i++) {
                bytes[at + i] = (byte) (v >>> (8 * i));
            }
        }

        void varInt(long v) {
            if (v < 0xfd) {
                u8((int) v);
            } else if (v <= 0xffff) {
                u8(0xfd);
                u8((int) v);
                u8((int) (v >>> 8));
            } else {
                u8(0xfe);
                u32(v);
            }
        }

        void put(byte[] from, int offset, int length) {
            System.arraycopy(from, offset, bytes, pos, length);
            pos += length;
        }

        void zeros(int count) {
            java.util.Arrays.fill(bytes, pos, pos + count, (byte) 0);
            pos += count;
        }
    }

    /** Double SHA-256 with one reused digest. */
    private static final class Sha {
        private final MessageDigest digest;
        private final byte[] first = new byte[32];

        Sha() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }

        void hash(byte[] data, int offset, int length, byte[] out, int at) {
            digest.update(data, offset, length);
            finish(out, at);
        }

        /** The txid: the serialization without marker, flag and witness (the same bytes when there are none). */
        void txid(byte[] data, int start, int bodyStart, int bodyEnd, int end, byte[] out, int at) {
            digest.update(data, start, 4);
            digest.update(data, bodyStart, bodyEnd - bodyStart);
            digest.update(data, end - 4, 4);
            finish(out, at);
        }

        void pair(byte[] data, int left, int right, byte[] out, int at) {
            digest.update(data, left, 32);
            digest.update(data, right, 32);
            finish(out, at);
        }

        private void finish(byte[] out, int at) {
            try {
                digest.digest(first, 0, 32);
                digest.update(first);
                digest.digest(out, at, 32);
            } catch (DigestException e) {
                throw new IllegalStateException("SHA-256 fills 32 bytes", e);
            }
        }
    }

    /**
     * The generator's UTXO set, in primitive arrays: a ring of the newest outputs by creation
     * order (a spent slot has value -1) and an unordered pool of older unspent ones.
     */
    private static final class Utxos {
        private final int young;
        private final int old;
        private final SplittableRandom random;
        private final byte[] youngTxid;
        private final int[] youngVout;
        private final long[] youngValue;
        private final long[] youngAddr;
        private final byte[] oldTxid;
        private final int[] oldVout;
        private final long[] oldValue;
        private final long[] oldAddr;
        private long next;
        private long blockStart;
        private int oldSize;

        Utxos(int young, int old, SplittableRandom random) {
            this.young = young;
            this.old = old;
            this.random = random;
            youngTxid = new byte[young * 32];
            youngVout = new int[young];
            youngValue = new long[young];
            youngAddr = new long[young];
            oldTxid = new byte[old * 32];
            oldVout = new int[old];
            oldValue = new long[old];
            oldAddr = new long[old];
        }

        void startBlock() {
            blockStart = next;
        }

        void add(byte[] txid, int at, int vout, long value, long address) {
            int slot = (int) (next & (young - 1));
            if (next >= young && youngValue[slot] >= 0) {
                retire(slot);
            }
            System.arraycopy(txid, at, youngTxid, slot * 32, 32);
            youngVout[slot] = vout;
            youngValue[slot] = value;
            youngAddr[slot] = address;
            next++;
        }

        /** An unspent output leaves the ring for the pool, replacing a random one if it is full. */
        private void retire(int slot) {
            int to = oldSize < old ? oldSize++ : random.nextInt(old);
            System.arraycopy(youngTxid, slot * 32, oldTxid, to * 32, 32);
            oldVout[to] = youngVout[slot];
            oldValue[to] = youngValue[slot];
            oldAddr[to] = youngAddr[slot];
        }

        boolean takeThisBlock(int i, SyntheticBlkFiles into) {
            long made = next - blockStart;
            return made > 0 && takeAt(next - 1 - random.nextLong(made), blockStart, i, into);
        }

        /** The output {@code age} outputs before the newest (wrapped into the ring), else one near it. */
        boolean takeYoung(long age, int i, SyntheticBlkFiles into) {
            long oldest = Math.max(0, next - young);
            long window = next - oldest;
            return window > 0 && takeAt(next - 1 - age % window, oldest, i, into);
        }

        /** The newest unspent output of the ring: a slow scan, for when probing near an age found none. */
        boolean takeNewest(int i, SyntheticBlkFiles into) {
            for (long s = next - 1; s >= Math.max(0, next - young); s--) {
                if (youngValue[(int) (s & (young - 1))] >= 0) {
                    return takeAt(s, s, i, into);
                }
            }
            return false;
        }

        /** The unspent output nearest before (else after) {@code seq}, not before {@code floor}. */
        private boolean takeAt(long seq, long floor, int i, SyntheticBlkFiles into) {
            for (int probe = 0; probe < 64; probe++) {
                long s = probe < 32 ? seq - probe : seq + probe - 31;
                if (s < floor || s >= next) {
                    continue;
                }
                int slot = (int) (s & (young - 1));
                if (youngValue[slot] >= 0) {
                    System.arraycopy(youngTxid, slot * 32, into.inTxid, i * 32, 32);
                    into.inVout[i] = youngVout[slot];
                    into.inValue[i] = youngValue[slot];
                    into.inAddr[i] = youngAddr[slot];
                    youngValue[slot] = -1;
                    return true;
                }
            }
            return false;
        }

        boolean takeOld(int i, SyntheticBlkFiles into) {
            if (oldSize == 0) {
                return false;
            }
            int at = random.nextInt(oldSize);
            System.arraycopy(oldTxid, at * 32, into.inTxid, i * 32, 32);
            into.inVout[i] = oldVout[at];
            into.inValue[i] = oldValue[at];
            into.inAddr[i] = oldAddr[at];
            int last = --oldSize;
            System.arraycopy(oldTxid, last * 32, oldTxid, at * 32, 32);
            oldVout[at] = oldVout[last];
            oldValue[at] = oldValue[last];
            oldAddr[at] = oldAddr[last];
            return true;
        }
    }

    /** Core's block files: framing, rolling at 128 MiB, the tail pre-allocated to a 16 MiB multiple. */
    private static final class BlockFiles implements AutoCloseable {
        static final int MAX_BLOCK = 4_000_000;

        private final Path dir;
        private final ByteBuffer frame = ByteBuffer.allocate(8);
        private FileChannel channel;
        private long fileBytes;
        int files;
        long bytes;

        BlockFiles(Path dir) throws IOException {
            this.dir = dir;
            Files.createDirectories(dir);
        }

        void write(byte[] block, int length) throws IOException {
            if (channel == null || fileBytes + 8 + length > FILE_LIMIT) {
                closeFile();
                channel = FileChannel.open(dir.resolve(String.format("blk%05d.dat", files)),
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                files++;
                fileBytes = 0;
            }
            frame.clear();
            frame.put(MAGIC).put((byte) length).put((byte) (length >>> 8)).put((byte) (length >>> 16))
                    .put((byte) (length >>> 24)).flip();
            writeFully(frame);
            writeFully(ByteBuffer.wrap(block, 0, length));
            fileBytes += 8 + length;
            bytes += 8 + length;
        }

        private void writeFully(ByteBuffer buffer) throws IOException {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        private void closeFile() throws IOException {
            if (channel == null) {
                return;
            }
            long allocated = (fileBytes + FILE_CHUNK - 1) / FILE_CHUNK * FILE_CHUNK;
            if (allocated > fileBytes) {
                channel.write(ByteBuffer.allocate(1), allocated - 1);
            }
            channel.close();
            channel = null;
        }

        @Override
        public void close() throws IOException {
            closeFile();
        }
    }
}
