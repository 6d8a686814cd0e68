package org.chaintrail.bench;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.chaintrail.analytics.clustering.ClusterTx;
import org.chaintrail.analytics.clustering.ScriptFamily;

/**
 * A seeded, deterministic stream of Bitcoin transactions as the clustering reads them
 * ({@link ClusterTx}, dense address ids given in order of first appearance), for the clustering
 * benchmark. It keeps no transactions, only the state of an economy of wallets, so ten million
 * transactions stream in a few hundred MB.
 *
 * <p>The economy: wallets hold unspent outputs and spend their newest first. Blocks hold 1,500 to
 * 3,000 transactions behind a coinbase to one of 20 pools. A payer is a wallet that received
 * recently or the owner of an unspent output drawn at random; a payee is a new wallet (one
 * payment in twenty) or an existing one drawn by a power law (the probability that a draw falls
 * in the first fraction x of wallets is x^(1/3), so early wallets, the services, get most payments
 * and reuse their addresses). Payments go to a fresh address three times in four; change goes to
 * a fresh address (80 %), back to an input's address (7 %), to the payer's last address (5 %) or
 * nowhere (8 %). A wallet keeps one script family for all its addresses. Besides payments (about
 * 95 % of transactions): exchange payouts (1 %, 1–3 inputs, 10–60 outputs of different values and
 * change), consolidations (up to 3 %, 5–80 inputs to one output) and CoinJoins (0.2 %: Whirlpool,
 * JoinMarket, Wasabi 1 and Wasabi 2 shapes). At ten million transactions: 2.31 inputs and 2.52
 * outputs a transaction, about 2 addresses a transaction, near mainnet's figures of recent years.
 */
public final class SyntheticUtxoStream {
    /** Changes whenever the same seed would give another stream. */
    public static final int VERSION = 1;
    static final int POOLS = 20;
    static final int SERVICES = 200;
    /** Payees that are new wallets, in percent: with more, wallets hold too few outputs to spend 2.3 at a time. */
    static final int NEW_PAYEE_PERCENT = 5;
    private static final ScriptFamily[] FAMILIES = ScriptFamily.values();
    private static final long[] WHIRLPOOL = {100_000L, 1_000_000L, 5_000_000L, 50_000_000L};
    private static final long[] WABISABI = {5_000, 6_561, 8_192, 10_000, 13_122, 16_384, 19_683, 20_000, 32_768,
        39_366, 50_000, 59_049, 65_536, 100_000, 118_098, 131_072, 177_147, 200_000, 262_144, 354_294, 500_000,
        524_288, 531_441, 1_000_000, 1_048_576, 1_062_882, 1_594_323, 2_000_000, 2_097_152, 3_188_646, 4_194_304,
        4_782_969, 5_000_000, 8_388_608, 9_565_938, 10_000_000, 14_348_907, 16_777_216, 20_000_000};

    private final Config config;

    /**
     * What to generate.
     *
     * @param transactions transactions in all, coinbases included: 1..1,000,000,000
     * @param seed         the seed; the same seed gives the same stream
     */
    public record Config(long transactions, long seed) {
        public static final long DEFAULT_SEED = 20_130_101L;

        public Config {
            if (transactions < 1 || transactions > 1_000_000_000L) {
                throw new IllegalArgumentException("transactions must be 1..1,000,000,000, was " + transactions);
            }
        }
    }

    /**
     * What a stream held.
     *
     * @param transactions transactions
     * @param blocks       blocks (one coinbase each)
     * @param inputs       inputs
     * @param outputs      outputs
     * @param addresses    distinct addresses: the dense ids are {@code 0..addresses-1}
     * @param wallets      wallets that received anything
     * @param coinJoins    CoinJoin transactions generated, of the four shapes together
     */
    public record Totals(long transactions, long blocks, long inputs, long outputs, int addresses, int wallets,
                         long coinJoins) {
    }

    public SyntheticUtxoStream(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Generates the stream in chain order into the sink and returns what it held. */
    public Totals generate(Consumer<ClusterTx> sink) {
        return new Economy(config.seed()).run(config.transactions(), sink);
    }

    /** The state of the economy while it generates. Not thread-safe; one per run. */
    private static final class Economy {
        private final SplittableRandom random;
        // Wallets: a linked list of unspent outputs each (newest first), a count, the last
        // address it received on, its script family.
        private int[] head = new int[1 << 16];
        private int[] unspent = new int[1 << 16];
        private int[] last = new int[1 << 16];
        private byte[] family = new byte[1 << 16];
        private int wallets;
        // Unspent outputs: the address, the next in the wallet's list, the owner (-1 when spent);
        // freed slots are reused.
        private int[] slotAddress = new int[1 << 16];
        private int[] slotNext = new int[1 << 16];
        private int[] slotOwner = new int[1 << 16];
        private int slots;
        private int freeSlot = -1;
        // Wallets with funds, for drawing a payer; and where each sits in that list.
        private int[] funded = new int[1 << 16];
        private int[] fundedAt = new int[1 << 16];
        private int fundedCount;
        private final int[] recent = new int[1 << 16];
        private int recentNext;
        private int recentFilled;
        private int addresses;
        private byte[] addressFamily = new byte[1 << 20];
        private final char[] txid = new char[64];
        // The transaction being built.
        private int[] in = new int[64];
        private int inCount;
        private int[] out = new int[64];
        private long[] value = new long[64];
        private int outCount;
        private long inputs;
        private long outputs;
        private long coinJoins;

        Economy(long seed) {
            random = new SplittableRandom(seed);
            Arrays.fill(fundedAt, -1);
            for (int pool = 0; pool < POOLS; pool++) {
                newWallet();
            }
            for (int service = POOLS; service < SERVICES; service++) {
                newWallet();
            }
        }

        Totals run(long transactions, Consumer<ClusterTx> sink) {
            long block = 0;
            long made = 0;
            while (made < transactions) {
                int size = 1_500 + random.nextInt(1_501);
                for (int index = 0; index < size && made < transactions; index++, made++) {
                    if (index == 0) {
                        coinbase();
                    } else {
                        transaction();
                    }
                    sink.accept(emit(block, index, made));
                }
                block++;
            }
            return new Totals(made, block, inputs, outputs, addresses, wallets, coinJoins);
        }

        // ------------------------------------------------------------ transaction kinds

        private void coinbase() {
            begin();
            int pool = random.nextInt(POOLS);
            pay(pool, random.nextInt(4) != 0, 312_500_000L + random.nextInt(50_000_000));
        }

        private void transaction() {
            int kind = random.nextInt(1_000);
            if (kind < 2 && coinJoin()) {
                return;
            }
            if (kind < 12 && payout()) {
                return;
            }
            if (kind < 42 && consolidation()) {
                return;
            }
            payment();
        }

        private void payment() {
            begin();
            int payer = payer();
            int r = random.nextInt(100);
            int count = r < 40 ? 1 : r < 65 ? 2 : r < 80 ? 3 : r < 88 ? 4 : 5 + random.nextInt(12);
            spend(payer, count);
            int payees = random.nextInt(100) < 10 ? 2 + random.nextInt(3) : 1;
            for (int p = 0; p < payees; p++) {
                pay(payee(), random.nextInt(4) != 0, amount());
            }
            int c = random.nextInt(100);
            long change = logUniform(5_000, 2_000_000_000L);
            if (c < 80) {
                pay(payer, true, change);
            } else if (c < 87) {
                output(in[random.nextInt(inCount)], change); // back to an input's address
                receive(payer, out[outCount - 1]);
            } else if (c < 92) {
                pay(payer, false, change);
            }
        }

        /** An exchange's withdrawal batch: a service pays 10–60 customers. */
        private boolean payout() {
            int service = POOLS + random.nextInt(SERVICES - POOLS);
            if (unspent[service] == 0) {
                return false;
            }
            begin();
            spend(service, 1 + random.nextInt(3));
            int customers = 10 + random.nextInt(51);
            for (int p = 0; p < customers; p++) {
                pay(payee(), random.nextInt(5) != 0, logUniform(50_000, 500_000_000L));
            }
            pay(service, true, logUniform(1_000_000, 50_000_000_000L));
            return true;
        }

        /** A wallet holding 5 or more outputs (a service's deposits, often) sweeps up to 80 into one. */
        private boolean consolidation() {
            for (int tries = 0; tries < 4; tries++) {
                int w = payer();
                if (unspent[w] >= 5) {
                    begin();
                    spend(w, Math.min(unspent[w], 5 + random.nextInt(76)));
                    pay(w, random.nextBoolean(), logUniform(10_000_000, 100_000_000_000L));
                    return true;
                }
            }
            return false;
        }

        private boolean coinJoin() {
            int shape = random.nextInt(10);
            if (fundedCount < 300) {
                return false;
            }
            begin();
            if (shape < 4) {
                long pool = WHIRLPOOL[random.nextInt(WHIRLPOOL.length)];
                int n = 5 + (random.nextInt(4) == 0 ? random.nextInt(4) : 0);
                int[] who = participants(n);
                for (int w : who) {
                    spend(w, 1);
                }
                for (int w : who) {
                    pay(w, true, pool);
                }
            } else if (shape < 7) {
                long amount = logUniform(1_000_000, 500_000_000L);
                int n = 3 + random.nextInt(6);
                int[] who = participants(n);
                for (int w : who) {
                    spend(w, 1 + random.nextInt(2));
                }
                for (int w : who) {
                    pay(w, true, amount);
                }
                for (int i = 1; i < n; i++) {
                    pay(who[i], true, logUniform(10_000, 100_000_000L));
                }
            } else if (shape < 8) {
                int n = 40 + random.nextInt(40);
                int[] who = participants(n);
                long base = 9_900_000L + random.nextInt(200_000);
                for (int w : who) {
                    spend(w, 1 + random.nextInt(2));
                }
                for (int w : who) {
                    pay(w, true, base);
                }
                pay(POOLS, false, logUniform(100_000, 5_000_000L)); // the coordinator's fee
                for (int i = 0; i < n / 2; i++) {
                    pay(who[i], true, logUniform(10_000, 50_000_000L));
                }
            } else {
                int n = 50 + random.nextInt(100);
                int[] who = segwitParticipants(n);
                if (who.length < 25) {
                    return false;
                }
                for (int w : who) {
                    spend(w, 1 + random.nextInt(2));
                }
                int count = inCount + inCount / 4;
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = WABISABI[random.nextInt(WABISABI.length)];
                }
                Arrays.sort(values);
                for (int i = count - 1; i >= 0; i--) {
                    pay(who[i % who.length], true, values[i]); // descending, as the coordinator orders them
                }
            }
            coinJoins++;
            return true;
        }

        // ------------------------------------------------------------ wallets

        private int newWallet() {
            if (wallets == head.length) {
                int n = head.length * 2;
                head = Arrays.copyOf(head, n);
                unspent = Arrays.copyOf(unspent, n);
                last = Arrays.copyOf(last, n);
                family = Arrays.copyOf(family, n);
                fundedAt = Arrays.copyOf(fundedAt, n);
                Arrays.fill(fundedAt, wallets, n, -1);
            }
            int w = wallets++;
            head[w] = -1;
            last[w] = -1;
            int f = random.nextInt(100);
            ScriptFamily fam = f < 40 ? ScriptFamily.P2WPKH : f < 65 ? ScriptFamily.P2PKH : f < 85 ? ScriptFamily.P2SH
                    : f < 95 ? ScriptFamily.P2TR : ScriptFamily.P2WSH;
            family[w] = (byte) fam.ordinal();
            return w;
        }

        /**
         * A wallet that received recently (40 %), else the owner of an unspent output drawn at
         * random: wallets pay in proportion to the outputs they hold.
         */
        private int payer() {
            if (random.nextInt(10) < 4 && recentFilled > 0) {
                int w = recent[random.nextInt(recentFilled)];
                if (unspent[w] > 0) {
                    return w;
                }
            }
            for (int tries = 0; tries < 8; tries++) {
                int owner = slotOwner[random.nextInt(slots)];
                if (owner >= 0) {
                    return owner;
                }
            }
            return funded[random.nextInt(fundedCount)];
        }

        private int payee() {
            if (random.nextInt(100) < NEW_PAYEE_PERCENT) {
                return newWallet();
            }
            double u = random.nextDouble();
            return (int) (wallets * u * u * u);
        }

        /** n different wallets with funds. */
        private int[] participants(int n) {
            int[] who = new int[n];
            int k = 0;
            for (int tries = 0; k < n && tries < 20 * n; tries++) {
                int w = funded[random.nextInt(fundedCount)];
                if (!contains(who, k, w)) {
                    who[k++] = w;
                }
            }
            return Arrays.copyOf(who, k);
        }

        /** Up to n different funded wallets on P2WPKH or P2TR, as Wasabi 2 requires. */
        private int[] segwitParticipants(int n) {
            int[] who = new int[n];
            int k = 0;
            for (int tries = 0; k < n && tries < 20 * n; tries++) {
                int w = funded[random.nextInt(fundedCount)];
                ScriptFamily f = FAMILIES[family[w]];
                if ((f == ScriptFamily.P2WPKH || f == ScriptFamily.P2TR) && !contains(who, k, w)) {
                    who[k++] = w;
                }
            }
            return Arrays.copyOf(who, k);
        }

        private static boolean contains(int[] a, int n, int x) {
            for (int i = 0; i < n; i++) {
                if (a[i] == x) {
                    return true;
                }
            }
            return false;
        }

        /** Spends up to count of the wallet's newest unspent outputs. */
        private void spend(int wallet, int count) {
            for (int i = 0; i < count && head[wallet] >= 0; i++) {
                int slot = head[wallet];
                head[wallet] = slotNext[slot];
                if (--unspent[wallet] == 0) {
                    unfund(wallet);
                }
                if (inCount == in.length) {
                    in = Arrays.copyOf(in, inCount * 2);
                }
                in[inCount++] = slotAddress[slot];
                slotOwner[slot] = -1;
                slotNext[slot] = freeSlot;
                freeSlot = slot;
            }
        }

        /** An output to the wallet: a fresh address, or the last it received on when reuse is allowed. */
        private void pay(int wallet, boolean fresh, long satoshi) {
            int address = fresh || last[wallet] < 0 ? newAddress(wallet) : last[wallet];
            output(address, satoshi);
            receive(wallet, address);
        }

        private void output(int address, long satoshi) {
            if (outCount == out.length) {
                out = Arrays.copyOf(out, outCount * 2);
                value = Arrays.copyOf(value, outCount * 2);
            }
            out[outCount] = address;
            value[outCount++] = satoshi;
        }

        /** Records the output just added as the wallet's unspent output. */
        private void receive(int wallet, int address) {
            int slot = freeSlot;
            if (slot >= 0) {
                freeSlot = slotNext[slot];
            } else {
                if (slots == slotAddress.length) {
                    slotAddress = Arrays.copyOf(slotAddress, slots * 2);
                    slotNext = Arrays.copyOf(slotNext, slots * 2);
                    slotOwner = Arrays.copyOf(slotOwner, slots * 2);
                }
                slot = slots++;
            }
            slotAddress[slot] = address;
            slotOwner[slot] = wallet;
            slotNext[slot] = head[wallet];
            head[wallet] = slot;
            if (unspent[wallet]++ == 0) {
                fund(wallet);
            }
            last[wallet] = address;
            recent[recentNext] = wallet;
            recentNext = (recentNext + 1) & (recent.length - 1);
            recentFilled = Math.min(recentFilled + 1, recent.length);
        }

        private int newAddress(int wallet) {
            if (addresses == addressFamily.length) {
                addressFamily = Arrays.copyOf(addressFamily, addresses * 2);
            }
            addressFamily[addresses] = family[wallet];
            return addresses++;
        }

        private void fund(int wallet) {
            if (fundedCount == funded.length) {
                funded = Arrays.copyOf(funded, fundedCount * 2);
            }
            fundedAt[wallet] = fundedCount;
            funded[fundedCount++] = wallet;
        }

        private void unfund(int wallet) {
            int at = fundedAt[wallet];
            int moved = funded[--fundedCount];
            funded[at] = moved;
            fundedAt[moved] = at;
            fundedAt[wallet] = -1;
        }

        // ------------------------------------------------------------ values and output

        /** A payment: round (a multiple of 0.001 BTC) two times in five, else any amount. */
        private long amount() {
            if (random.nextInt(5) < 2) {
                return 100_000L * (1 + random.nextInt(2_000));
            }
            return logUniform(10_000, 1_000_000_000L);
        }

        private long logUniform(long min, long max) {
            return (long) (min * Math.exp(random.nextDouble() * Math.log((double) max / min)));
        }

        private void begin() {
            inCount = 0;
            outCount = 0;
        }

        private ClusterTx emit(long block, int index, long number) {
            int[] ins = Arrays.copyOf(in, inCount);
            ScriptFamily[] inFamilies = new ScriptFamily[inCount];
            for (int i = 0; i < inCount; i++) {
                inFamilies[i] = FAMILIES[addressFamily[ins[i]]];
            }
            int[] outs = Arrays.copyOf(out, outCount);
            ScriptFamily[] outFamilies = new ScriptFamily[outCount];
            for (int i = 0; i < outCount; i++) {
                outFamilies[i] = FAMILIES[addressFamily[outs[i]]];
            }
            inputs += inCount;
            outputs += outCount;
            return new ClusterTx(txid(number), block, index, ins, inFamilies, outs, Arrays.copyOf(value, outCount),
                    outFamilies);
        }

        /** 64 hex digits from the transaction's number, scrambled: unique and cheap. */
        private String txid(long number) {
            long x = number;
            for (int word = 0; word < 4; word++) {
                x += 0x9e3779b97f4a7c15L;
                long z = x;
                z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
                z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
                z ^= z >>> 31;
                for (int i = 0; i < 16; i++) {
                    txid[word * 16 + i] = Character.forDigit((int) ((z >>> (60 - 4 * i)) & 15), 16);
                }
            }
            return new String(txid);
        }
    }
}
