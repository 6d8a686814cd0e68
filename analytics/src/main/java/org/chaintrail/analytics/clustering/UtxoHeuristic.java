package org.chaintrail.analytics.clustering;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules that say two Bitcoin addresses belong to one entity. Common-input ownership is always
 * applied; the change rules are opt-in, as each makes mistakes an investigator should choose to
 * accept. None applies to a coinbase or to a transaction {@link CoinJoinDetector} calls a
 * CoinJoin.
 *
 * <p>Every change rule first needs: two or more outputs with an address, and no output paying an
 * address that is also an input ("self-change": the change is then known already and the rule
 * says nothing new). A rule that finds no change output, or more than one, links nothing: an
 * ambiguous guess is not evidence. The change output is linked to the first input's address,
 * which common-input ownership has linked to the other inputs already.
 *
 * <p>Papers: S. Meiklejohn, M. Pomarole, G. Jordan, K. Levchenko, D. McCoy, G. M. Voelker and
 * S. Savage, "A Fistful of Bitcoins: Characterizing Payments Among Men with No Names", IMC 2013
 * (heuristics 1 and 2); H. Kalodner, M. Möser, K. Lee, S. Goldfeder, M. Plattner, A. Chator and
 * A. Narayanan, "BlockSci: Design and applications of a blockchain analysis platform", USENIX
 * Security 2020 (section 5: change-address heuristics and how often they disagree).
 */
public enum UtxoHeuristic {
    /**
     * All inputs of a transaction belong to one entity, as one must hold every key to sign them
     * (Nakamoto 2008, section 10; Meiklejohn et al. 2013, heuristic 1). Each distinct input address
     * is linked to the first input's address: n distinct addresses give n-1 links.
     *
     * <p>False positives: CoinJoins and PayJoins, where several people sign one transaction. Known
     * CoinJoin shapes are skipped ({@link CoinJoinDetector}); a PayJoin (BIP78) looks like an
     * ordinary payment and is merged, wrongly. Custodial services merge all their customers'
     * deposits into the service's entity, which is what an investigator wants.
     */
    COMMON_INPUT("common-input"),
    /**
     * One-time change (Meiklejohn et al. 2013, heuristic 2): exactly one output pays an address
     * never seen before this transaction, every other output with an address pays an address seen
     * before; the never-seen one is the change, as wallets make a fresh address for change while
     * payees often reuse theirs.
     *
     * <p>False positives: a payee with a fresh address when the payer's change goes to an address
     * it used before (wallets that reuse a change address, or a first payment to a new customer of
     * a service that reuses its own addresses). The rule looks only backwards in chain order: the
     * paper's later refinement, that the address must not be reused afterwards, is not applied, so
     * this is the rule in its more error-prone form. Meiklejohn et al. found it needed manual
     * tuning to avoid merging large services; enable it knowing that.
     */
    CHANGE_ONE_TIME("change-one-time"),
    /**
     * Same script type (Kalodner et al. 2020; BlockSci's {@code address_type} change heuristic): every input with an
     * address is of one {@link ScriptFamily} other than {@link ScriptFamily#OTHER}, and exactly one
     * output is of that family while the others are not; that output is the change, as a wallet
     * usually receives change on the kind of address it spends from.
     *
     * <p>False positives: a payee that happens to use the payer's kind while the payer's wallet
     * sends change to another kind (wallets migrating to segwit or taproot do this). Where most
     * addresses are of one kind, the rule mostly finds two outputs of the family and stays silent.
     */
    CHANGE_SCRIPT_TYPE("change-script-type"),
    /**
     * Non-round change beside a round payment (Kalodner et al. 2020; BlockSci's
     * {@code power_of_ten_value} change heuristic, with one fixed power): every output with an
     * address but one has a round value, that one does not, and it is the change, as people pay round amounts and the
     * change is whatever is left. A value is round when it is a positive multiple of
     * {@value #ROUND_SATOSHI} satoshi (0.001 BTC): amounts chosen in BTC by a person are rounded to
     * that or coarser, while change carries the inputs' arbitrary digits less the fee.
     *
     * <p>False positives: a payment priced in fiat (not round in BTC) beside change that happens to
     * be round, for example after spending round inputs with a round fee. Mostly the rule stays
     * silent: with fiat-priced payments both outputs are not round.
     */
    CHANGE_ROUND_PAYMENT("change-round-payment");

    /** A value is round when it is a positive multiple of this: 0.001 BTC. */
    public static final long ROUND_SATOSHI = 100_000L;

    private final String flag;

    UtxoHeuristic(String flag) {
        this.flag = flag;
    }

    /** The name in CLI flags and in evidence: {@code change-one-time}. */
    public String flag() {
        return flag;
    }

    /** Whether this rule is a change rule, applied only when asked for. */
    public boolean optIn() {
        return this != COMMON_INPUT;
    }

    /** Whether a value in satoshi is round in the sense of {@link #CHANGE_ROUND_PAYMENT}. */
    public static boolean round(long satoshi) {
        return satoshi > 0 && satoshi % ROUND_SATOSHI == 0;
    }

    /**
     * Finds a rule by its flag, in any case.
     *
     * @throws IllegalArgumentException naming the flag and the known ones
     */
    public static UtxoHeuristic ofFlag(String flag) {
        for (UtxoHeuristic h : values()) {
            if (h.flag.equals(flag == null ? null : flag.trim().toLowerCase(Locale.ROOT))) {
                return h;
            }
        }
        throw new IllegalArgumentException("unknown heuristic '" + flag + "', expected one of "
                + Arrays.stream(values()).map(UtxoHeuristic::flag).collect(Collectors.joining(", ")));
    }

    /** The rules always applied: common-input ownership alone. */
    public static Set<UtxoHeuristic> defaults() {
        return EnumSet.of(COMMON_INPUT);
    }

    /** Every rule, the change rules included. */
    public static Set<UtxoHeuristic> all() {
        return EnumSet.allOf(UtxoHeuristic.class);
    }
}
