package org.chaintrail.analytics.clustering;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import java.util.TreeSet;
import org.chaintrail.model.BitcoinAddress;

/**
 * Recognises the published shapes of CoinJoin transactions, whose inputs belong to many people, so
 * that common-input ownership skips them.
 *
 * <p>The shapes are tried in this order; the first that matches names the verdict:
 * <ol>
 * <li><b>Whirlpool</b> (Samourai, ZeroLink): as many inputs as outputs, 5 to 8 (5 until 2023,
 * then "surge cycles" of up to 8), every output of one value, that value exactly a pool
 * denomination (0.001, 0.01, 0.05 or 0.5 BTC: the fee is paid from the inputs' surplus), every
 * output to a different address. Dumplings (nopara73) checks 5-in/5-out and the pools.</li>
 * <li><b>Wasabi 2</b> (WabiSabi): at least {@value #WASABI2_MIN_INPUTS} inputs; every input and
 * output a P2WPKH or P2TR; at least 5 different input and 5 different output addresses; outputs in
 * non-increasing order of value, as the coordinator sorts them; and more than 80 % of the outputs
 * on Wasabi's standard denominations (2^k, 3^k, 2·3^k, 10^k, 2·10^k and 5·10^k satoshi, at least
 * 5,000). Dumplings and BlockSci's port ask for 50 inputs and also for inputs in descending value;
 * the input values are not in {@link ClusterTx}, so that check is left out, and the input count is
 * lowered to 20, the minimum of the coordinators that followed zkSNACKs after June 2024.</li>
 * <li><b>Wasabi 1</b> (ZeroLink, 2018–2024): at least {@value #WASABI_MIN_EQUAL} outputs of one
 * value within 0.1 ± 0.02 BTC (the base denomination, adjusted by the coordinator) and at least as
 * many inputs as such outputs (Dumplings' rule after block 610,000). The coordinator's fee output
 * and the participants' change outputs sit beside them.</li>
 * <li><b>JoinMarket</b>: n ≥ 3 outputs of one value (the most frequent; ties go to the larger
 * value), paying n different addresses, with n ≤ the number of different input addresses and at
 * most 2n outputs in all (each participant one equal output and at most one change), the value
 * more than 2,730 satoshi (dust of spam and token protocols is no CoinJoin). This is the rule of
 * M. Möser and R. Böhme, "Join Me on a Market for Anonymity" (WPES 2016), as BlockSci's
 * {@code isCoinjoin} implements it (Kalodner et al. 2020), which also catches equal-output
 * CoinJoins of other software.</li>
 * </ol>
 *
 * <p>The thresholds lean towards calling a transaction a CoinJoin: wrongly skipping one loses a
 * merge, while wrongly merging a CoinJoin joins strangers into one entity, the worse error for
 * evidence. Known misses: Wasabi 2 rounds of fewer than 20 inputs, CoinJoins with unequal outputs
 * (PayJoin, some WabiSabi rounds of other coordinators), and JoinMarket rounds where a participant
 * brought two change outputs. Known false positives: a transaction that pays three or more people
 * the same amount from as many different addresses, with few other outputs; on mainnet block
 * 383,616, a service's split of 100 inputs into twenty 20 BTC outputs and one more (1784254f…)
 * passes the JoinMarket rule, where BlockSci's stricter form (exactly ⌈outputs / 2⌉ equal outputs)
 * would not.
 *
 * <p>Cost: O(1) for transactions with fewer than 3 inputs or outputs (most of them); otherwise
 * O(k log k) in the number of inputs and outputs.
 */
public final class CoinJoinDetector {
    /** Whirlpool's pools, in satoshi. */
    static final long[] WHIRLPOOL_POOLS = {100_000L, 1_000_000L, 5_000_000L, 50_000_000L};
    static final int WHIRLPOOL_MIN_PARTICIPANTS = 5;
    static final int WHIRLPOOL_MAX_PARTICIPANTS = 8;
    static final int WASABI2_MIN_INPUTS = 20;
    static final int WASABI2_MIN_DISTINCT = 5;
    static final long WASABI2_MIN_DENOMINATION = 5_000L;
    static final int WASABI_MIN_EQUAL = 10;
    static final long WASABI_DENOMINATION = 10_000_000L;
    static final long WASABI_TOLERANCE = 2_000_000L;
    static final int JOINMARKET_MIN_EQUAL = 3;
    static final long JOINMARKET_MAX_DUST = 2_730L;
    /** Wasabi 2's standard denominations, ascending. */
    private static final long[] STANDARD_DENOMINATIONS = standardDenominations();

    private CoinJoinDetector() {
    }

    /**
     * Whether the transaction has a known CoinJoin shape, and which.
     *
     * @return the verdict, or empty for a transaction of no known CoinJoin shape (coinbases
     *         included)
     */
    public static Optional<CoinJoinVerdict> detect(ClusterTx tx) {
        int inputs = tx.inputs().length;
        int outputs = tx.outputs().length;
        if (inputs < JOINMARKET_MIN_EQUAL || outputs < JOINMARKET_MIN_EQUAL) {
            return Optional.empty();
        }
        Mode mode = Mode.of(tx.outputValues());
        if (whirlpool(tx, mode)) {
            return verdict(CoinJoinVerdict.WHIRLPOOL, inputs + " inputs, " + outputs + " outputs of "
                    + btc(mode.value) + " BTC: Whirlpool pool");
        }
        if (wasabi2(tx)) {
            return verdict(CoinJoinVerdict.WASABI2, inputs + " inputs, " + outputs + " outputs in descending order, "
                    + standardCount(tx.outputValues()) + " of them on WabiSabi standard denominations: Wasabi 2 round");
        }
        if (mode.count >= WASABI_MIN_EQUAL && inputs >= mode.count
                && Math.abs(mode.value - WASABI_DENOMINATION) <= WASABI_TOLERANCE) {
            return verdict(CoinJoinVerdict.WASABI, inputs + " inputs, " + mode.count + " of " + outputs
                    + " outputs of " + btc(mode.value) + " BTC (about 0.1 BTC): Wasabi 1 (ZeroLink) round");
        }
        if (joinMarket(tx, mode)) {
            return verdict(CoinJoinVerdict.JOINMARKET, inputs + " inputs, " + mode.count + " of " + outputs
                    + " outputs of " + btc(mode.value) + " BTC to different addresses, at most 2 outputs a "
                    + "participant: JoinMarket shape");
        }
        return Optional.empty();
    }

    private static boolean whirlpool(ClusterTx tx, Mode mode) {
        int n = tx.outputs().length;
        return n >= WHIRLPOOL_MIN_PARTICIPANTS && n <= WHIRLPOOL_MAX_PARTICIPANTS && tx.inputs().length == n
                && mode.count == n && Arrays.binarySearch(WHIRLPOOL_POOLS, mode.value) >= 0
                && distinctAddresses(tx.outputs()) == n;
    }

    private static boolean wasabi2(ClusterTx tx) {
        if (tx.inputs().length < WASABI2_MIN_INPUTS) {
            return false;
        }
        for (ScriptFamily f : tx.inputFamilies()) {
            if (f != ScriptFamily.P2WPKH && f != ScriptFamily.P2TR) {
                return false;
            }
        }
        for (ScriptFamily f : tx.outputFamilies()) {
            if (f != ScriptFamily.P2WPKH && f != ScriptFamily.P2TR) {
                return false;
            }
        }
        long[] values = tx.outputValues();
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[i - 1]) {
                return false;
            }
        }
        return standardCount(values) * 5L > values.length * 4L
                && distinctAddresses(tx.inputs()) >= WASABI2_MIN_DISTINCT
                && distinctAddresses(tx.outputs()) >= WASABI2_MIN_DISTINCT;
    }

    private static boolean joinMarket(ClusterTx tx, Mode mode) {
        if (mode.count < JOINMARKET_MIN_EQUAL || mode.value <= JOINMARKET_MAX_DUST
                || tx.outputs().length > 2 * mode.count || distinctAddresses(tx.inputs()) < mode.count) {
            return false;
        }
        int[] equal = new int[mode.count];
        int k = 0;
        for (int i = 0; i < tx.outputs().length; i++) {
            if (tx.outputValues()[i] == mode.value) {
                equal[k++] = tx.outputs()[i];
            }
        }
        return distinctAddresses(equal) == mode.count;
    }

    /** Whether a value is one of Wasabi 2's standard denominations. */
    static boolean standardDenomination(long satoshi) {
        return Arrays.binarySearch(STANDARD_DENOMINATIONS, satoshi) >= 0;
    }

    private static int standardCount(long[] values) {
        int n = 0;
        for (long v : values) {
            if (standardDenomination(v)) {
                n++;
            }
        }
        return n;
    }

    /** Different address ids; each {@link ClusterTx#NO_ADDRESS} counts as an address of its own. */
    static int distinctAddresses(int[] ids) {
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] == ClusterTx.NO_ADDRESS || i == 0 || sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }

    private static long[] standardDenominations() {
        TreeSet<Long> values = new TreeSet<>();
        long max = BitcoinAddress.MAX_SATOSHI;
        for (long p = 1; p <= max; p *= 2) {
            values.add(p);
        }
        for (long p = 1; p <= max; p *= 3) {
            values.add(p);
            values.add(2 * p);
        }
        for (long p = 1; p <= max; p *= 10) {
            values.add(p);
            values.add(2 * p);
            values.add(5 * p);
        }
        return values.stream().mapToLong(Long::longValue).filter(v -> v >= WASABI2_MIN_DENOMINATION).toArray();
    }

    private static Optional<CoinJoinVerdict> verdict(String shape, String reason) {
        return Optional.of(new CoinJoinVerdict(shape, reason));
    }

    /** Satoshi as BTC without trailing zeros: 5000000 → 0.05. */
    static String btc(long satoshi) {
        return BigDecimal.valueOf(satoshi, 8).stripTrailingZeros().toPlainString();
    }

    /** The most frequent output value and how often it occurs; ties go to the larger value. */
    private record Mode(long value, int count) {
        static Mode of(long[] values) {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            long best = sorted[0];
            int bestCount = 0;
            int run = 0;
            for (int i = 0; i < sorted.length; i++) {
                run = i > 0 && sorted[i] == sorted[i - 1] ? run + 1 : 1;
                if (run >= bestCount) {
                    best = sorted[i];
                    bestCount = run;
                }
            }
            return new Mode(best, bestCount);
        }
    }
}
