package org.chaintrail.bench;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.WriteBatch;

/**
 * A seeded, deterministic USDT economy on an account chain with laundering cases embedded: the
 * graph of the trace benchmark. The same configuration gives the same transfers, batch for batch.
 *
 * <p>The economy: four exchanges (two labelled hot wallets each, funded by mints from the zero
 * address), a mixer and an OTC desk (labelled), and ordinary users. Users join over the first 70 %
 * of the chain with a withdrawal from their exchange, then pay each other (85 % within their
 * community of {@value #COMMUNITY} users, the rest anywhere; a few members of each community are
 * much busier than the rest; and {@value #POPULAR_PERCENT} % of payers and payees are drawn by
 * Zipf's law over all users, which gives user degrees a power-law tail, beside the exchanges' hot
 * wallets, whose degree is in the tens of thousands per million transfers), deposit into their own deposit address at their exchange (which the
 * exchange sweeps to a hot wallet some blocks later, so the deposit-address heuristic finds it),
 * and trade with the OTC desk and the mixer. A third of the users have a deposit address.
 *
 * <p>Each laundering case, spread over a tenth of the chain from 45 % on: two businesses put clean
 * money into two layering wallets; 25 victims (ordinary users) withdraw USDT and pay the scam
 * wallet (the case's seed), some in two instalments; the scam wallet empties into a consolidation
 * wallet every five victims; the consolidation wallet sends 40 % to the first layering wallet,
 * 25 % to the second and the rest down a peel chain of {@value #PEELS} wallets, each of which
 * peels 5–15 % into one of the case's {@value #CASH_OUT} deposit addresses; the layering wallets
 * pay the mixer, the OTC desk, a deposit address each and (the first one) a busy ordinary user,
 * through whom taint leaks into the economy. The deposit addresses are swept to their exchanges.
 *
 * <p>Amounts are whole cents of USDT (6 decimals) in {@code long} base units; addresses and
 * hashes are the first bytes of SHA-256 of a role, so they are fictional; the token is the real
 * USDT contract. Memory: one {@code long} per address for balances, plus one batch.
 */
public final class SyntheticChain {
    public static final Chain CHAIN = Chain.ETHEREUM;
    public static final String USDT_CONTRACT = "0xdac17f958d2ee523a2206206994597c13d831ec7";
    public static final Asset USDT = Asset.token(CHAIN, USDT_CONTRACT, "USDT", 6);
    /** Transfers per {@link WriteBatch}. */
    public static final int BATCH_TRANSFERS = 10_000;
    /** The version of the generator's rules; a store made by another version is not reused. */
    public static final int VERSION = 2;

    static final int COMMUNITY = 500;
    static final int VICTIMS = 25;
    static final int PEELS = 6;
    static final int CASH_OUT = 4;
    /** Percent of payers and of payees drawn from the popular users (Zipf's law over all users). */
    static final int POPULAR_PERCENT = 15;

    private static final String[] EXCHANGES = {"Osprey Exchange", "Tern Exchange", "Heron Exchange", "Plover Exchange"};
    private static final int HOT_WALLETS = 2;
    private static final int MIXER = EXCHANGES.length * HOT_WALLETS;
    private static final int OTC = MIXER + 1;
    private static final int SERVICES = OTC + 1;
    // A case's roles, as offsets from its first id.
    private static final int SCAM = 0;
    private static final int CONSOLIDATION = 1;
    private static final int LAYERING = 2; // two
    private static final int BUSINESS = 4; // two
    private static final int PEEL = 6; // PEELS
    private static final int DEPOSIT = PEEL + PEELS; // CASH_OUT
    private static final int CASE_SIZE = DEPOSIT + CASH_OUT;
    private static final int ZERO = -1;

    private static final long CENT = 10_000L; // base units of a cent: USDT has 6 decimals
    private static final long USDT_UNIT = 1_000_000L;
    private static final long FIRST_BLOCK = 22_000_000L;
    private static final long FIRST_TIME = 1_741_000_000L; // 2025-03-03
    private static final long BLOCK_SECONDS = 12;
    private static final String SOURCE = "chaintrail bench (synthetic)";

    private final Config config;
    private final int firstUser;
    private final int users;
    private final int firstDeposit;
    private final int depositUsers;

    /**
     * @param config sizes and seed, validated by {@link Config}
     */
    public SyntheticChain(Config config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.firstUser = SERVICES + CASE_SIZE * config.cases();
        int rest = config.addresses() - firstUser - 1; // the zero address sends the mints
        this.depositUsers = rest / 3;
        this.users = rest - depositUsers;
        this.firstDeposit = firstUser + users;
    }

    /**
     * The sizes and seed of an economy.
     *
     * @param addresses addresses, including services, case wallets and the zero address, 1,000..50,000,000
     * @param transfers USDT transfers, 5,000..1,000,000,000
     * @param cases     laundering cases, 1..100
     * @param seed      the generator's seed
     */
    public record Config(int addresses, long transfers, int cases, long seed) {
        public static final long DEFAULT_SEED = 20_260_301L;

        public Config {
            if (cases < 1 || cases > 100) {
                throw new IllegalArgumentException("cases must be 1..100, was " + cases);
            }
            int fixed = SERVICES + CASE_SIZE * cases + 1;
            if (addresses < Math.max(1_000, fixed + 1_000) || addresses > 50_000_000) {
                throw new IllegalArgumentException("addresses must be " + Math.max(1_000, fixed + 1_000)
                        + "..50000000 for " + cases + " case(s), was " + addresses);
            }
            if (transfers < 5_000 || transfers > 1_000_000_000L) {
                throw new IllegalArgumentException("transfers must be 5000..1000000000, was " + transfers);
            }
            if (transfers < 2L * cases * (VICTIMS * 5 + 40)) {
                throw new IllegalArgumentException("transfers must be at least " + 2L * cases * (VICTIMS * 5 + 40)
                        + " to hold " + cases + " case(s), was " + transfers);
            }
        }
    }

    /**
     * What the generator puts where, known before any transfer is made.
     *
     * @param config the configuration
     * @param cases  the laundering cases, in order
     */
    public record Plan(Config config, List<Case> cases) {
        public Plan {
            cases = List.copyOf(cases);
        }

        /** The scam wallets of all cases: the seeds of the benchmark's trace. */
        public List<String> seeds() {
            return cases.stream().map(Case::scamWallet).toList();
        }

        /** The mixer's address (labelled {@code mixing_service}). */
        public String mixer() {
            return address(MIXER);
        }

        /** The OTC desk's address (labelled {@code otc_desk}). */
        public String otcDesk() {
            return address(OTC);
        }
    }

    /**
     * One laundering case.
     *
     * @param number           1-based
     * @param scamWallet       the wallet victims pay: the seed
     * @param consolidation    where the scam wallet empties
     * @param layering         the two layering wallets, which also hold clean money
     * @param peelChain        the peel chain's wallets, in order
     * @param depositAddresses the case's deposit addresses at exchanges: where a forward trace must end
     * @param merchant         the busy ordinary user the first layering wallet pays (taint leaks on from there)
     * @param victims          the victims, in the order they pay
     */
    public record Case(int number, String scamWallet, String consolidation, List<String> layering,
                       List<String> peelChain, List<String> depositAddresses, String merchant, List<String> victims) {
        public Case {
            layering = List.copyOf(layering);
            peelChain = List.copyOf(peelChain);
            depositAddresses = List.copyOf(depositAddresses);
            victims = List.copyOf(victims);
        }
    }

    /** The cases and their wallets, without generating anything. */
    public Plan plan() {
        List<CaseIds> ids = caseIds();
        List<Case> cases = new ArrayList<>();
        for (CaseIds c : ids) {
            int base = c.base;
            cases.add(new Case(c.number, address(base + SCAM), address(base + CONSOLIDATION),
                    List.of(address(base + LAYERING), address(base + LAYERING + 1)),
                    range(base + PEEL, PEELS).stream().map(SyntheticChain::address).toList(),
                    range(base + DEPOSIT, CASH_OUT).stream().map(SyntheticChain::address).toList(),
                    address(c.merchant), c.victims.stream().map(SyntheticChain::address).toList()));
        }
        return new Plan(config, cases);
    }

    /** A case's ids, drawn from the seed's plan stream. */
    private record CaseIds(int number, int base, List<Integer> victims, int merchant, int supplier) {
    }

    private List<CaseIds> caseIds() {
        SplittableRandom r = new SplittableRandom(config.seed()).split();
        List<CaseIds> result = new ArrayList<>();
        for (int c = 0; c < config.cases(); c++) {
            Set<Integer> victims = new LinkedHashSet<>();
            while (victims.size() < VICTIMS) {
                victims.add(firstUser + r.nextInt(users));
            }
            int community = r.nextInt(communities());
            int merchant = firstUser + community * COMMUNITY + skew(r, communitySize(community));
            int supplier = firstUser + r.nextInt(users);
            result.add(new CaseIds(c + 1, SERVICES + c * CASE_SIZE, List.copyOf(victims), merchant, supplier));
        }
        return result;
    }

    /**
     * Generates the economy in chain order and hands it over in batches of
     * {@value #BATCH_TRANSFERS} transfers; the first batch also carries the asset and the labels.
     *
     * @param sink receives each batch, in order
     */
    public void generate(Consumer<WriteBatch> sink) {
        new Economy(sink).run();
    }

    /** The total number of batches {@link #generate} hands over. */
    public long batches() {
        return (config.transfers() + BATCH_TRANSFERS - 1) / BATCH_TRANSFERS;
    }

    private int communities() {
        return (users + COMMUNITY - 1) / COMMUNITY;
    }

    private int communitySize(int community) {
        return Math.min(COMMUNITY, users - community * COMMUNITY);
    }

    /** 0..n-1, small values far likelier than large ones (density falling like a logarithm). */
    private static int skew(SplittableRandom r, int n) {
        return r.nextInt(r.nextInt(n) + 1);
    }

    private static List<Integer> range(int from, int count) {
        List<Integer> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            result.add(from + i);
        }
        return result;
    }

    /** The address of an id: fictional, stable, independent of the seed. */
    static String address(int id) {
        return address(sha256(), id);
    }

    private static String address(MessageDigest sha256, int id) {
        if (id == ZERO) {
            return CHAIN.zeroAddress();
        }
        byte[] digest = sha256.digest(("chaintrail-bench:address:" + id).getBytes(StandardCharsets.UTF_8));
        return "0x" + HexFormat.of().formatHex(digest, 0, 20);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static List<AddressLabel> labels() {
        List<AddressLabel> labels = new ArrayList<>();
        for (int e = 0; e < EXCHANGES.length; e++) {
            String actor = EXCHANGES[e].toLowerCase(java.util.Locale.ROOT).replace(' ', '_');
            for (int h = 0; h < HOT_WALLETS; h++) {
                String name = h == 0 ? EXCHANGES[e] : EXCHANGES[e] + " hot wallet " + (h + 1);
                labels.add(label(e * HOT_WALLETS + h, name, "exchange", actor));
            }
        }
        labels.add(label(MIXER, "Fogbank Mixer", "mixing_service", "fogbank"));
        labels.add(label(OTC, "Lanna OTC Desk", "otc_desk", "lanna_otc"));
        return labels;
    }

    private static AddressLabel label(int id, String name, String category, String actor) {
        return new AddressLabel(CHAIN, address(id), new Label(name, Optional.of(category), Optional.empty(),
                Optional.of(actor), SOURCE, Optional.of("forensic")));
    }

    /** One transfer of a case, made when its turn comes; false if there was nothing to move. */
    @FunctionalInterface
    private interface Step {
        boolean run();
    }

    private record Scheduled(long at, int order, Step step) {
    }

    /** The generator's state while it runs: balances, the chain position, pending sweeps, the batch. */
    private final class Economy {
        private final Consumer<WriteBatch> sink;
        private final SplittableRandom r = new SplittableRandom(config.seed()).split().split();
        private final long[] balance = new long[config.addresses()];
        private final BitSet sweepPending = new BitSet();
        private final PriorityQueue<long[]> sweeps = new PriorityQueue<>(
                Comparator.<long[]>comparingLong(s -> s[0]).thenComparingLong(s -> s[1]));
        private final PriorityQueue<Scheduled> caseSteps = new PriorityQueue<>(
                Comparator.comparingLong(Scheduled::at).thenComparingInt(Scheduled::order));
        private final String[] serviceAddress = new String[SERVICES];
        private final MessageDigest sha256 = sha256();
        private final HexFormat hex = HexFormat.of();
        private long seq;
        private int onboarded;
        private long block = FIRST_BLOCK;
        private int inBlock;
        private int blockSize;
        private boolean firstBatch = true;
        private List<Transfer> transfers = new ArrayList<>(BATCH_TRANSFERS);
        private List<Block> blocks = new ArrayList<>();

        Economy(Consumer<WriteBatch> sink) {
            this.sink = sink;
            for (int i = 0; i < SERVICES; i++) {
                serviceAddress[i] = address(i);
            }
            blockSize = nextBlockSize();
        }

        void run() {
            for (int hot = 0; hot < MIXER; hot++) {
                emit(ZERO, hot, usdt(5_000_000_000L)); // the issuer mints each hot wallet's float
            }
            int order = 0;
            for (CaseIds c : caseIds()) {
                List<Step> steps = caseSteps(c);
                long start = config.transfers() * (45 + 35 * (c.number - 1) / config.cases()) / 100;
                long span = config.transfers() / 10;
                for (int i = 0; i < steps.size(); i++) {
                    caseSteps.add(new Scheduled(start + span * i / steps.size(), order++, steps.get(i)));
                }
            }
            while (seq < config.transfers()) {
                if (!caseSteps.isEmpty() && caseSteps.peek().at <= seq) {
                    caseSteps.poll().step.run();
                } else if (!sweeps.isEmpty() && sweeps.peek()[0] <= seq) {
                    sweep((int) sweeps.poll()[1]);
                } else {
                    ordinary();
                }
            }
            if (!transfers.isEmpty()) {
                flush();
            }
        }

        // ------------------------------------------------------------ the ordinary economy

        private void ordinary() {
            int roll = r.nextInt(100);
            if (roll < 25) {
                withdrawal(nextWithdrawer(), usdt(20, 20_000));
            } else if (roll < 65) {
                payment();
            } else if (roll < 90) {
                deposit();
            } else if (roll < 95) {
                otc();
            } else {
                mixer();
            }
        }

        /** Users join in order, paced to have all joined by 70 % of the chain; then anyone withdraws again. */
        private int nextWithdrawer() {
            if (onboarded < users && (onboarded == 0 || onboarded < users * (seq + 1) * 10 / (7 * config.transfers()))) {
                return firstUser + onboarded++;
            }
            return firstUser + r.nextInt(Math.max(onboarded, 1));
        }

        private void withdrawal(int user, long amount) {
            int exchange = (user - firstUser) % EXCHANGES.length;
            int hot = exchange * HOT_WALLETS + r.nextInt(HOT_WALLETS);
            if (balance[hot] < amount) {
                emit(ZERO, hot, usdt(1_000_000_000L)); // the issuer tops the hot wallet up instead
            } else {
                emit(hot, user, amount);
            }
        }

        /**
         * An active user: one of the popular users ({@link #popular}) {@value #POPULAR_PERCENT} % of
         * the time, else a uniform community and in it a busy member half of the time.
         */
        private int payer() {
            if (onboarded == 0) {
                return nextWithdrawer();
            }
            if (r.nextInt(100) < POPULAR_PERCENT) {
                return popular();
            }
            int community = r.nextInt((onboarded + COMMUNITY - 1) / COMMUNITY);
            int size = Math.min(COMMUNITY, onboarded - community * COMMUNITY);
            int member = r.nextBoolean() ? skew(r, size) : r.nextInt(size);
            return firstUser + community * COMMUNITY + member;
        }

        private void payment() {
            int payer = payer();
            if (balance[payer] < USDT_UNIT) {
                withdrawal(payer, usdt(20, 20_000));
                return;
            }
            int payerIndex = payer - firstUser;
            int payee;
            if (r.nextInt(100) < POPULAR_PERCENT) {
                payee = popular();
            } else {
                int community = r.nextInt(100) < 85 ? payerIndex / COMMUNITY : r.nextInt(communities());
                payee = firstUser + community * COMMUNITY + skew(r, communitySize(community));
            }
            if (payee == payer) {
                payee = firstUser + (payerIndex + 1) % users;
            }
            emit(payer, payee, share(balance[payer], 5, 60));
        }

        /**
         * A user by Zipf's law over the users joined so far: the k-th (0-based, in joining order) with
         * probability about 1/((k+1)·ln n), so that degrees have a power-law tail (shops, payment
         * collectors and traders with tens of thousands of counterparties) as on a real chain, where the
         * communities alone give a tail that falls off exponentially. StrictMath: the same on every JVM.
         */
        private int popular() {
            int k = (int) StrictMath.pow(onboarded + 1, r.nextDouble()) - 1;
            return firstUser + Math.min(k, onboarded - 1);
        }

        private void deposit() {
            int holders = Math.min(onboarded, depositUsers);
            if (holders == 0) {
                withdrawal(nextWithdrawer(), usdt(20, 20_000));
                return;
            }
            int index = r.nextInt(holders);
            int user = firstUser + index;
            if (balance[user] < USDT_UNIT) {
                withdrawal(user, usdt(20, 20_000));
                return;
            }
            emit(user, firstDeposit + index, share(balance[user], 30, 100));
        }

        private void otc() {
            if (r.nextBoolean()) {
                int user = payer();
                if (balance[user] < USDT_UNIT) {
                    withdrawal(user, usdt(20, 20_000));
                } else {
                    emit(user, OTC, share(balance[user], 20, 80));
                }
                return;
            }
            long amount = usdt(100, 20_000);
            if (balance[OTC] < amount) {
                int hot = r.nextInt(MIXER);
                emit(hot, OTC, usdt(500_000)); // the desk restocks at an exchange
            } else {
                emit(OTC, firstUser + r.nextInt(Math.max(onboarded, 1)), amount);
            }
        }

        private void mixer() {
            long amount = usdt(100, 10_000);
            if (r.nextBoolean() && balance[MIXER] >= amount) {
                emit(MIXER, firstUser + r.nextInt(Math.max(onboarded, 1)), amount);
                return;
            }
            int user = payer();
            if (balance[user] < USDT_UNIT) {
                withdrawal(user, usdt(20, 20_000));
            } else {
                emit(user, MIXER, share(balance[user], 50, 100));
            }
        }

        private boolean isDeposit(int id) {
            if (id >= firstDeposit) {
                return true;
            }
            return id >= SERVICES && id < firstUser && (id - SERVICES) % CASE_SIZE >= DEPOSIT;
        }

        private int exchangeOfDeposit(int id) {
            if (id >= firstDeposit) {
                return (id - firstDeposit) % EXCHANGES.length; // the user's exchange
            }
            int c = (id - SERVICES) / CASE_SIZE;
            return (c + (id - SERVICES) % CASE_SIZE - DEPOSIT) % EXCHANGES.length;
        }

        private void scheduleSweep(int deposit) {
            if (!sweepPending.get(deposit)) {
                sweepPending.set(deposit);
                long delay = deposit >= firstDeposit ? 20 + r.nextInt(1_500) : 10 + r.nextInt(200);
                sweeps.add(new long[] {seq + delay, deposit});
            }
        }

        /** The exchange moves everything a deposit address holds to one of its hot wallets. */
        private void sweep(int deposit) {
            sweepPending.clear(deposit);
            if (balance[deposit] > 0) {
                emit(deposit, exchangeOfDeposit(deposit) * HOT_WALLETS + r.nextInt(HOT_WALLETS), balance[deposit]);
            }
        }

        // ------------------------------------------------------------ a laundering case

        private List<Step> caseSteps(CaseIds c) {
            int base = c.base;
            int scam = base + SCAM;
            int consolidation = base + CONSOLIDATION;
            int layering1 = base + LAYERING;
            int layering2 = base + LAYERING + 1;
            int business1 = base + BUSINESS;
            int business2 = base + BUSINESS + 1;
            int exchangeA = c.number % EXCHANGES.length;
            int exchangeB = (c.number + 1) % EXCHANGES.length;
            long[] mark = new long[3]; // balances when a wallet starts to pay out: consolidation, layering 1, 2
            List<Step> steps = new ArrayList<>();

            // Clean money first: two businesses buy USDT and fund the layering wallets.
            steps.add(() -> send(exchangeA * HOT_WALLETS, business1, usdt(60_000)));
            steps.add(() -> send(exchangeB * HOT_WALLETS, business2, usdt(40_000)));
            steps.add(() -> send(business1, layering1, usdt(20_000)));
            steps.add(() -> send(business2, layering2, usdt(15_000)));
            steps.add(() -> send(layering1, c.supplier, usdt(1_500)));

            // Victims buy USDT and pay the scam wallet; it empties into consolidation every fifth victim.
            for (int v = 0; v < c.victims.size(); v++) {
                int victim = c.victims.get(v);
                long amount = usdt(5_000, 40_000);
                int hot = ((victim - firstUser) % EXCHANGES.length) * HOT_WALLETS;
                steps.add(() -> send(hot, victim, amount + usdt(100)));
                if (r.nextBoolean()) {
                    long first = amount / 100 * (20 + r.nextInt(60)) / CENT * CENT;
                    steps.add(() -> send(victim, scam, Math.min(first, balance[victim])));
                    steps.add(() -> send(victim, scam, Math.min(amount - first, balance[victim])));
                } else {
                    steps.add(() -> send(victim, scam, Math.min(amount, balance[victim])));
                }
                if (v % 5 == 4 || v == c.victims.size() - 1) {
                    steps.add(() -> send(scam, consolidation, balance[scam]));
                }
            }

            // Consolidation splits: 40 % and 25 % to the layering wallets, the rest down the peel chain.
            steps.add(() -> {
                mark[0] = balance[consolidation];
                return send(consolidation, layering1, mark[0] / 100 * 40 / CENT * CENT);
            });
            steps.add(() -> send(consolidation, layering2, mark[0] / 100 * 25 / CENT * CENT));
            steps.add(() -> send(consolidation, base + PEEL, balance[consolidation]));

            // Layering: clean and tainted money leave together.
            steps.add(() -> {
                mark[1] = balance[layering1];
                return send(layering1, MIXER, mark[1] / 100 * 35 / CENT * CENT);
            });
            steps.add(() -> send(layering1, OTC, mark[1] / 100 * 25 / CENT * CENT));
            steps.add(() -> send(layering1, base + DEPOSIT, mark[1] / 100 * 20 / CENT * CENT));
            steps.add(() -> send(layering1, c.merchant, mark[1] / 100 * 10 / CENT * CENT));
            steps.add(() -> {
                mark[2] = balance[layering2];
                return send(layering2, base + DEPOSIT + 1, mark[2] / 100 * 50 / CENT * CENT);
            });
            steps.add(() -> send(layering2, OTC, mark[2] / 100 * 30 / CENT * CENT));

            // Peel chain: each wallet peels a piece into a deposit address and passes the rest on.
            for (int p = 0; p < PEELS; p++) {
                int wallet = base + PEEL + p;
                if (p == PEELS - 1) {
                    steps.add(() -> send(wallet, base + DEPOSIT + CASH_OUT - 1, balance[wallet]));
                } else {
                    int percent = 5 + r.nextInt(11);
                    int target = base + DEPOSIT + p % CASH_OUT;
                    steps.add(() -> send(wallet, target, balance[wallet] / 100 * percent / CENT * CENT));
                    steps.add(() -> send(wallet, wallet + 1, balance[wallet]));
                }
            }
            return steps;
        }

        /** A case's transfer; nothing if there is nothing to move. */
        private boolean send(int from, int to, long amount) {
            if (amount <= 0 || balance[from] < amount) {
                return false;
            }
            emit(from, to, amount);
            return true;
        }

        // ------------------------------------------------------------ amounts and the chain

        private long usdt(long whole) {
            return whole * USDT_UNIT;
        }

        /** Whole cents between the bounds, small amounts far likelier than large ones. */
        private long usdt(long minWhole, long maxWhole) {
            long range = (maxWhole - minWhole) * 100;
            return (minWhole * 100 + r.nextLong(r.nextLong(range) + 1)) * CENT;
        }

        /** minPercent..maxPercent of a balance, in whole cents; the whole balance if that rounds to nothing. */
        private long share(long of, int minPercent, int maxPercent) {
            int percent = minPercent + r.nextInt(maxPercent - minPercent + 1);
            long amount = of / 100 * percent / CENT * CENT;
            return amount > 0 ? amount : of;
        }

        private int nextBlockSize() {
            return 20 + r.nextInt(61);
        }

        private void emit(int from, int to, long amount) {
            if (inBlock == 0) {
                blocks.add(new Block(CHAIN, block, "0x" + hash("block:" + block), time()));
            }
            transfers.add(new Transfer(CHAIN, "0x" + hash("tx:" + seq), block, inBlock, inBlock, time(),
                    text(from), text(to), USDT_CONTRACT, BigInteger.valueOf(amount)));
            if (from != ZERO) {
                balance[from] -= amount;
            }
            balance[to] += amount;
            if (isDeposit(to)) {
                scheduleSweep(to);
            }
            seq++;
            if (++inBlock == blockSize) {
                block++;
                inBlock = 0;
                blockSize = nextBlockSize();
            }
            if (transfers.size() == BATCH_TRANSFERS) {
                flush();
            }
        }

        private void flush() {
            List<AddressLabel> labels = firstBatch ? labels() : List.of();
            List<Asset> assets = firstBatch ? List.of(USDT) : List.of();
            firstBatch = false;
            sink.accept(new WriteBatch(blocks, assets, transfers, labels));
            transfers = new ArrayList<>(BATCH_TRANSFERS);
            blocks = new ArrayList<>();
            if (inBlock > 0) {
                // The block goes on in the next batch; writing it there too is idempotent.
                blocks.add(new Block(CHAIN, block, "0x" + hash("block:" + block), time()));
            }
        }

        private long time() {
            return FIRST_TIME + (block - FIRST_BLOCK) * BLOCK_SECONDS;
        }

        private String text(int id) {
            return id >= 0 && id < SERVICES ? serviceAddress[id] : address(sha256, id);
        }

        private String hash(String text) {
            return hex.formatHex(sha256.digest(("chaintrail-bench:" + config.seed() + ":" + text)
                    .getBytes(StandardCharsets.UTF_8)));
        }
    }
}
