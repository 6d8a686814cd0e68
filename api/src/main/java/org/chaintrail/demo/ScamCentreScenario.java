package org.chaintrail.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic pig-butchering case in the public ethereum-etl export format plus a GraphSense
 * TagPack: the demo's data and the fixture the trace figures are checked against.
 *
 * <p>The story, in USDT on Ethereum: victims buy USDT at Kestrel Exchange and pay three scam
 * wallets; the scam wallets consolidate into one; the consolidation wallet splits the proceeds
 * into a layering wallet that also holds clean money from a business (so haircut dilutes the
 * taint) and a peel chain that peels pieces into two deposit addresses at Harbor Exchange. The
 * layering wallet pays a mixer, an OTC desk and a Kestrel deposit address. Deposit addresses
 * sweep to their exchange's hot wallet. Unrelated users trade around it all. Amounts on the
 * layering path are fixed so that the expected taint can be worked out by hand; victims'
 * payments and the peels are drawn from a seeded generator.
 *
 * <p>Addresses are the first 20 bytes of SHA-256 of the role name, so they are fictional and
 * stable; the token is the real USDT contract with its real 6 decimals.
 */
public final class ScamCentreScenario {
    public static final long DEFAULT_SEED = 20_261_123L;
    /** Unrelated exchange users around the case. */
    private static final int USERS = 24;
    public static final String USDT = "0xdac17f958d2ee523a2206206994597c13d831ec7";
    public static final String ZERO = "0x0000000000000000000000000000000000000000";
    static final BigInteger MICRO = BigInteger.TEN.pow(6);
    private static final BigInteger WEI = BigInteger.TEN.pow(18);
    private static final long FIRST_BLOCK = 21_000_000L;
    private static final long FIRST_TIME = 1_730_000_000L; // 2024-10-27
    private static final String TRANSFER_SELECTOR = "0xa9059cbb";

    /** The clean money a business pays into the layering wallet before any proceeds arrive. */
    public static final BigInteger CLEAN_INTO_LAYERING = usdt(10_000);
    /** What the layering wallet pays out before the proceeds arrive (it carries no taint). */
    public static final BigInteger EARLY_PAYMENT = usdt(500);
    /** Proceeds the consolidation wallet sends to the layering wallet; the rest goes to the peel chain. */
    public static final BigInteger PROCEEDS_TO_LAYERING = usdt(38_000);
    public static final BigInteger TO_MIXER = usdt(20_000);
    public static final BigInteger TO_OTC = usdt(15_000);
    public static final BigInteger TO_KESTREL_DEPOSIT = usdt(12_500);

    private final long seed;

    public ScamCentreScenario(long seed) {
        this.seed = seed;
    }

    /** The roles' addresses. */
    public static String address(String role) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("chaintrail-demo:" + role)
                    .getBytes(StandardCharsets.UTF_8));
            return "0x" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static BigInteger usdt(long whole) {
        return BigInteger.valueOf(whole).multiply(MICRO);
    }

    /**
     * What the generator chose: the inputs a test needs to work out the expected trace.
     *
     * @param scamWallets       the seeds, in role order
     * @param victimPayments    every payment from a victim to a scam wallet, in order
     * @param peels             the peel chain's payments to deposit addresses: role name → amounts
     * @param peelChainRemainder what the last peel wallet sends to its deposit address
     * @param files             the files written, relative names → content
     */
    public record Generated(List<String> scamWallets, List<Payment> victimPayments, Map<String, List<BigInteger>> peels,
                            BigInteger peelChainRemainder, Map<String, String> files) {
    }

    /**
     * @param victim   the payer
     * @param wallet   the scam wallet paid
     * @param amount   base units of USDT
     */
    public record Payment(String victim, String wallet, BigInteger amount) {
    }

    /** Writes the scenario's files under {@code dir} and returns what was chosen. */
    public Generated writeTo(Path dir) {
        Generated g = generate();
        try {
            for (Map.Entry<String, String> f : g.files().entrySet()) {
                Path target = dir.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scenario to " + dir, e);
        }
        return g;
    }

    /** Builds the scenario in memory. The same seed gives the same bytes. */
    public Generated generate() {
        SplittableRandom random = new SplittableRandom(seed);
        ChainBuilder chain = new ChainBuilder();
        String kestrel = address("kestrel-hot-wallet");
        String harbor = address("harbor-hot-wallet");
        String harbor2 = address("harbor-hot-wallet-2");
        String treasury = address("usdt-treasury");
        List<String> scams = List.of(address("scam-wallet-1"), address("scam-wallet-2"), address("scam-wallet-3"));
        String consolidation = address("consolidation");
        String layering = address("layering");
        String business = address("clean-business");
        String supplier = address("early-supplier");
        String peelStart = address("peel-1");
        String kestrelDeposit = address("kestrel-deposit-layering");
        String harborDeposit1 = address("harbor-deposit-peel-a");
        String harborDeposit2 = address("harbor-deposit-peel-b");

        // Exchanges hold USDT from the issuer; the scam wallets get gas from Kestrel.
        chain.token(treasury, ZERO, kestrel, usdt(50_000_000));
        chain.token(treasury, ZERO, harbor, usdt(50_000_000));
        chain.nextBlock();
        for (String s : scams) {
            chain.ether(kestrel, s, WEI.divide(BigInteger.valueOf(20)));
        }
        chain.ether(kestrel, consolidation, WEI.divide(BigInteger.TEN));
        chain.nextBlock();

        List<Runnable> noise = noise(random, chain, kestrel, harbor);
        int noiseAt = 0;

        // Clean money in the layering wallet, and a payment out of it, before any proceeds exist.
        chain.token(harbor, harbor, business, usdt(25_000));
        chain.token(business, business, layering, CLEAN_INTO_LAYERING);
        chain.nextBlock();
        chain.token(layering, layering, supplier, EARLY_PAYMENT);
        chain.nextBlock();

        // Victims buy USDT at Kestrel and pay the scam wallets, some in two instalments.
        List<Payment> payments = new ArrayList<>();
        for (int v = 1; v <= 10; v++) {
            String victim = address("victim-" + v);
            String wallet = scams.get((v - 1) % scams.size());
            BigInteger amount = cents(random, 5_000, 40_000);
            chain.ether(kestrel, victim, WEI.divide(BigInteger.valueOf(50)));
            chain.token(kestrel, kestrel, victim, amount.add(usdt(100)));
            chain.nextBlock();
            noiseAt = runNoise(noise, noiseAt, 2);
            if (random.nextBoolean()) {
                BigInteger first = cents(random, 1_000, amount.divide(MICRO).longValueExact() - 1_000);
                chain.token(victim, victim, wallet, first);
                payments.add(new Payment(victim, wallet, first));
                chain.nextBlock();
                chain.token(victim, victim, wallet, amount.subtract(first));
                payments.add(new Payment(victim, wallet, amount.subtract(first)));
            } else {
                chain.token(victim, victim, wallet, amount);
                payments.add(new Payment(victim, wallet, amount));
            }
            chain.nextBlock();
        }

        // Consolidation: every scam wallet empties into one.
        BigInteger proceeds = BigInteger.ZERO;
        for (String s : scams) {
            BigInteger held = payments.stream().filter(p -> p.wallet().equals(s)).map(Payment::amount)
                    .reduce(BigInteger.ZERO, BigInteger::add);
            chain.token(s, s, consolidation, held);
            proceeds = proceeds.add(held);
        }
        chain.nextBlock();
        noiseAt = runNoise(noise, noiseAt, 3);

        // A failed transaction moves nothing, whatever its value says.
        chain.failedEther(consolidation, supplier, WEI);
        chain.token(consolidation, consolidation, layering, PROCEEDS_TO_LAYERING);
        BigInteger toPeel = proceeds.subtract(PROCEEDS_TO_LAYERING);
        chain.token(consolidation, consolidation, peelStart, toPeel);
        chain.nextBlock();

        // Layering: the wallet now holds 9,500 clean and 38,000 tainted, and pays out all of it.
        chain.token(layering, layering, address("fogmix"), TO_MIXER);
        chain.nextBlock();
        chain.token(layering, layering, address("mekong-otc"), TO_OTC);
        chain.nextBlock();
        chain.token(layering, layering, kestrelDeposit, TO_KESTREL_DEPOSIT);
        chain.nextBlock();
        chain.token(kestrelDeposit, kestrelDeposit, kestrel, TO_KESTREL_DEPOSIT);
        chain.nextBlock();
        noiseAt = runNoise(noise, noiseAt, 3);

        // Peel chain: each wallet peels a piece into a Harbor deposit address and passes the rest on.
        Map<String, List<BigInteger>> peels = new LinkedHashMap<>();
        String[] peelTargets = {harborDeposit1, harborDeposit2, harborDeposit1};
        String[] peelNames = {"harbor-deposit-peel-a", "harbor-deposit-peel-b", "harbor-deposit-peel-a"};
        String current = peelStart;
        BigInteger remaining = toPeel;
        for (int i = 0; i < peelTargets.length; i++) {
            BigInteger peel = remaining.multiply(BigInteger.valueOf(3 + random.nextInt(10)))
                    .divide(BigInteger.valueOf(100)).divide(BigInteger.valueOf(10_000)).multiply(BigInteger.valueOf(10_000));
            String next = address("peel-" + (i + 2));
            chain.token(current, current, peelTargets[i], peel);
            chain.nextBlock();
            chain.token(current, current, next, remaining.subtract(peel));
            chain.nextBlock();
            chain.token(peelTargets[i], peelTargets[i], harbor, peel);
            chain.nextBlock();
            peels.computeIfAbsent(peelNames[i], k -> new ArrayList<>()).add(peel);
            remaining = remaining.subtract(peel);
            current = next;
            noiseAt = runNoise(noise, noiseAt, 2);
        }
        chain.token(current, current, harborDeposit2, remaining);
        chain.nextBlock();
        chain.token(harborDeposit2, harborDeposit2, harbor2, remaining);
        chain.nextBlock();
        runNoise(noise, noiseAt, noise.size());

        Map<String, String> files = new LinkedHashMap<>();
        files.put("ethereum-etl/blocks.csv", chain.blocksCsv());
        files.put("ethereum-etl/transactions.csv", chain.transactionsCsv());
        files.put("ethereum-etl/receipts.csv", chain.receiptsCsv());
        files.put("ethereum-etl/token_transfers.csv", chain.tokenTransfersCsv());
        files.put("ethereum-etl/tokens.csv", "address,symbol,name,decimals,total_supply,block_number\n"
                + USDT + ",USDT,Tether USD,6,100000000000000," + FIRST_BLOCK + "\n");
        files.put("tagpacks/demo-services.yaml", tagPack());
        return new Generated(scams, payments, peels, remaining, files);
    }

    /** Unrelated users: withdrawals, payments between friends, deposits that exchanges sweep. */
    private List<Runnable> noise(SplittableRandom random, ChainBuilder chain, String kestrel, String harbor) {
        List<Runnable> steps = new ArrayList<>();
        for (int u = 1; u <= USERS; u++) {
            String user = address("user-" + u);
            String friend = address("user-" + (u % USERS + 1));
            boolean atKestrel = u % 2 == 0;
            String hot = atKestrel ? kestrel : harbor;
            String deposit = userDeposit(u);
            BigInteger bought = cents(random, 200, 9_000);
            BigInteger gift = cents(random, 10, 100);
            BigInteger cashOut = cents(random, 50, bought.divide(MICRO).longValueExact() / 2);
            steps.add(() -> chain.token(hot, hot, user, bought));
            steps.add(() -> chain.token(user, user, friend, gift));
            steps.add(() -> {
                chain.token(user, user, deposit, cashOut);
                chain.nextBlock();
                chain.token(deposit, deposit, hot, cashOut);
            });
        }
        // One address that pays into both exchanges is nobody's deposit address.
        String trader = address("user-two-exchanges");
        steps.add(() -> chain.token(kestrel, kestrel, trader, usdt(3_000)));
        steps.add(() -> {
            chain.token(trader, trader, kestrel, usdt(1_000));
            chain.token(trader, trader, harbor, usdt(1_000));
        });
        return steps;
    }

    /** The deposit address of unrelated user {@code u}: at Kestrel for even users, at Harbor for odd ones. */
    private static String userDeposit(int u) {
        return address((u % 2 == 0 ? "kestrel" : "harbor") + "-deposit-user-" + u);
    }

    /**
     * What an exchange screens in the demo: every deposit address (the case's three and the 24 users')
     * and the three scam wallets. The same for every seed: addresses follow from roles alone.
     */
    public static List<String> screenedAddresses() {
        List<String> result = new ArrayList<>(List.of(address("kestrel-deposit-layering"),
                address("harbor-deposit-peel-a"), address("harbor-deposit-peel-b")));
        for (int u = 1; u <= USERS; u++) {
            result.add(userDeposit(u));
        }
        for (int s = 1; s <= 3; s++) {
            result.add(address("scam-wallet-" + s));
        }
        return result;
    }

    private static int runNoise(List<Runnable> noise, int from, int count) {
        int end = Math.min(noise.size(), from + count);
        for (int i = from; i < end; i++) {
            noise.get(i).run();
        }
        return end;
    }

    /** A whole number of cents between the bounds, in base units. */
    private static BigInteger cents(SplittableRandom random, long minWhole, long maxWhole) {
        long centsValue = random.nextLong(minWhole * 100, maxWhole * 100 + 1);
        return BigInteger.valueOf(centsValue).multiply(BigInteger.valueOf(10_000));
    }

    private static String tagPack() {
        StringBuilder y = new StringBuilder("""
                title: Chaintrail demo services
                creator: Chaintrail demo scenario
                description: Fictional exchanges, a mixer and an OTC desk of the demo scam-centre case.
                lastmod: 2026-11-23
                currency: ETH
                confidence: forensic
                source: chaintrail demo scenario
                tags:
                """);
        tag(y, "kestrel-hot-wallet", "Kestrel Exchange", "exchange", "kestrel_exchange");
        tag(y, "harbor-hot-wallet", "Harbor Exchange", "exchange", "harbor_exchange");
        tag(y, "harbor-hot-wallet-2", "Harbor Exchange hot wallet 2", "exchange", "harbor_exchange");
        tag(y, "fogmix", "FogMix", "mixing_service", "fogmix");
        tag(y, "mekong-otc", "Mekong OTC Desk", "otc_desk", "mekong_otc");
        return y.toString();
    }

    private static void tag(StringBuilder y, String role, String label, String category, String actor) {
        y.append("- address: '").append(address(role)).append("'\n")
                .append("  label: ").append(label).append('\n')
                .append("  category: ").append(category).append('\n')
                .append("  actor: ").append(actor).append('\n');
    }

    /** Lays out transactions in blocks and renders them as ethereum-etl CSV. */
    private static final class ChainBuilder {
        private final StringBuilder blocks = new StringBuilder(
                "number,hash,parent_hash,miner,timestamp,transaction_count,gas_limit,gas_used,base_fee_per_gas\n");
        private final StringBuilder transactions = new StringBuilder("hash,nonce,block_hash,block_number,"
                + "transaction_index,from_address,to_address,value,gas,gas_price,input,block_timestamp,"
                + "max_fee_per_gas,max_priority_fee_per_gas,transaction_type\n");
        private final StringBuilder receipts = new StringBuilder("transaction_hash,transaction_index,block_hash,"
                + "block_number,cumulative_gas_used,gas_used,contract_address,root,status,effective_gas_price\n");
        private final StringBuilder tokenTransfers = new StringBuilder(
                "token_address,from_address,to_address,value,transaction_hash,log_index,block_number\n");
        private final Map<String, Integer> nonces = new LinkedHashMap<>();
        private long block = FIRST_BLOCK;
        private int txIndex;
        private int logIndex;
        private long txCounter;
        private long gasUsed;

        void ether(String from, String to, BigInteger wei) {
            transaction(from, to, wei, "0x", 1, 21_000);
        }

        void failedEther(String from, String to, BigInteger wei) {
            transaction(from, to, wei, "0x", 0, 21_000);
        }

        /** A USDT transfer by {@code sender} (who signs the transaction) from {@code from} to {@code to}. */
        void token(String sender, String from, String to, BigInteger amount) {
            String input = TRANSFER_SELECTOR + "0".repeat(24) + to.substring(2)
                    + String.format("%064x", amount);
            String hash = transaction(sender, USDT, BigInteger.ZERO, input, 1, 54_000);
            tokenTransfers.append(USDT).append(',').append(from).append(',').append(to).append(',').append(amount)
                    .append(',').append(hash).append(',').append(logIndex++).append(',').append(block).append('\n');
        }

        private String transaction(String from, String to, BigInteger value, String input, int status, long gas) {
            String hash = hash("tx:" + txCounter++);
            int nonce = nonces.merge(from, 1, Integer::sum) - 1;
            gasUsed += gas;
            transactions.append(hash).append(',').append(nonce).append(',').append(blockHash(block)).append(',')
                    .append(block).append(',').append(txIndex).append(',').append(from).append(',').append(to)
                    .append(',').append(value).append(',').append(gas).append(",20000000000,").append(input)
                    .append(',').append(time(block)).append(",30000000000,1000000000,2\n");
            receipts.append(hash).append(',').append(txIndex).append(',').append(blockHash(block)).append(',')
                    .append(block).append(',').append(gasUsed).append(',').append(gas).append(",,,").append(status)
                    .append(",20000000000\n");
            txIndex++;
            return hash;
        }

        void nextBlock() {
            blocks.append(block).append(',').append(blockHash(block)).append(',').append(blockHash(block - 1))
                    .append(',').append(address("block-builder")).append(',').append(time(block)).append(',')
                    .append(txIndex).append(",30000000,").append(gasUsed).append(",10000000000\n");
            block++;
            txIndex = 0;
            logIndex = 0;
            gasUsed = 0;
        }

        private static long time(long number) {
            return FIRST_TIME + (number - FIRST_BLOCK) * 12;
        }

        private static String blockHash(long number) {
            return hash("block:" + number);
        }

        private static String hash(String text) {
            try {
                return "0x" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(("chaintrail-demo:" + text).getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JRE", e);
            }
        }

        String blocksCsv() {
            if (txIndex > 0) {
                nextBlock();
            }
            return blocks.toString();
        }

        String transactionsCsv() {
            return transactions.toString();
        }

        String receiptsCsv() {
            return receipts.toString();
        }

        String tokenTransfersCsv() {
            return tokenTransfers.toString();
        }
    }
}
