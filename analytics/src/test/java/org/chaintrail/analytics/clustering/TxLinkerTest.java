package org.chaintrail.analytics.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.chaintrail.analytics.clustering.ScriptFamily.OTHER;
import static org.chaintrail.analytics.clustering.ScriptFamily.P2PKH;
import static org.chaintrail.analytics.clustering.ScriptFamily.P2SH;
import static org.chaintrail.analytics.clustering.ScriptFamily.P2WPKH;
import static org.chaintrail.analytics.clustering.UtxoHeuristic.CHANGE_ONE_TIME;
import static org.chaintrail.analytics.clustering.UtxoHeuristic.CHANGE_ROUND_PAYMENT;
import static org.chaintrail.analytics.clustering.UtxoHeuristic.CHANGE_SCRIPT_TYPE;
import static org.chaintrail.analytics.clustering.UtxoHeuristic.COMMON_INPUT;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Each rule on small transactions: where it links, with what evidence, and where it must stay
 * silent. Address ids below 100 count as seen before, 100 and up as new.
 */
class TxLinkerTest {
    private static final String T = "ab".repeat(32);
    private static final AddressHistory HISTORY = address -> address < 100;
    private static final TxLinker COMMON_ONLY = new TxLinker(Set.of());
    private static final TxLinker ONE_TIME = new TxLinker(EnumSet.of(CHANGE_ONE_TIME));
    private static final TxLinker SCRIPT_TYPE = new TxLinker(EnumSet.of(CHANGE_SCRIPT_TYPE));
    private static final TxLinker ROUND = new TxLinker(EnumSet.of(CHANGE_ROUND_PAYMENT));
    private static final TxLinker ALL = new TxLinker(UtxoHeuristic.all());

    private static List<Link> links(TxLinker linker, TestTx tx) {
        return linker.link(tx.build(), HISTORY).links();
    }

    @Test
    void link_fourInputsOneRepeated_eachDistinctInputLinkedToTheFirst() {
        TestTx tx = TestTx.of(T).ins(P2PKH, 5, 9, 5, 12).out(200, 70_000, P2PKH);

        assertThat(links(COMMON_ONLY, tx)).containsExactly(
                new Link(5, 9, COMMON_INPUT, "tx " + T + ": inputs 0 and 1"),
                // input 2 repeats input 0's address: nothing new to say
                new Link(5, 12, COMMON_INPUT, "tx " + T + ": inputs 0 and 3"));
    }

    @Test
    void link_manyInputsWithRepeats_oneLinkPerDistinctAddressInInputOrder() {
        TestTx tx = TestTx.of(T);
        for (int i = 0; i < 80; i++) {
            tx.in(10 + i % 25, P2WPKH); // 25 addresses, each spent from 3 or 4 times
        }
        tx.out(500, 1_000_000, P2WPKH);

        List<Link> links = links(COMMON_ONLY, tx);

        assertThat(links).hasSize(24);
        assertThat(links).extracting(Link::a).containsOnly(10);
        assertThat(links).extracting(Link::b).containsExactlyElementsOf(
                IntStream.range(11, 35).boxed().toList());
        assertThat(links.get(23).evidence()).isEqualTo("tx " + T + ": inputs 0 and 24");
    }

    @Test
    void link_firstInputWithoutAddress_anchorIsTheFirstInputWithOne() {
        TestTx tx = TestTx.of(T).in(ClusterTx.NO_ADDRESS, OTHER).in(7, P2PKH).in(8, P2PKH).out(300, 5_000, P2PKH);

        assertThat(links(COMMON_ONLY, tx)).containsExactly(new Link(7, 8, COMMON_INPUT, "tx " + T + ": inputs 1 and 2"));
    }

    @Test
    void link_coinbase_nothing() {
        TxLinker.Result r = ALL.link(TestTx.of(T).out(150, 625_000_000, P2WPKH).out(151, 0, P2WPKH).build(), HISTORY);

        assertThat(r.links()).isEmpty();
        assertThat(r.coinJoin()).isEmpty();
    }

    @Test
    void link_coinJoin_noLinkAndTheVerdict() {
        TestTx tx = TestTx.of(T).ins(P2WPKH, 1, 2, 3, 4, 5);
        for (int i = 0; i < 5; i++) {
            tx.out(100 + i, 1_000_000, P2WPKH);
        }

        TxLinker.Result r = ALL.link(tx.build(), HISTORY);

        assertThat(r.links()).isEmpty();
        assertThat(r.coinJoin()).map(CoinJoinVerdict::shape).contains("whirlpool");
    }

    @Test
    void oneTime_freshOutputBesideReusedOnes_linksTheFreshOneToTheFirstInput() {
        TestTx tx = TestTx.of(T).ins(P2PKH, 3, 4).out(50, 2_000_000, P2PKH).out(150, 731_022, P2PKH)
                .out(51, 9_000, P2PKH);

        assertThat(links(ONE_TIME, tx)).containsExactly(
                new Link(3, 4, COMMON_INPUT, "tx " + T + ": inputs 0 and 1"),
                new Link(3, 150, CHANGE_ONE_TIME, "tx " + T + ": output 1 (never seen; outputs 0, 2 reused)"));
    }

    @Test
    void oneTime_twoFreshOutputs_silentAsAmbiguous() {
        TestTx tx = TestTx.of(T).ins(P2PKH, 3).out(150, 2_000_000, P2PKH).out(151, 731_022, P2PKH);

        assertThat(links(ONE_TIME, tx)).isEmpty();
    }

    @Test
    void oneTime_selfChangeBackToAnInput_silent() {
        // Output 0 pays input 0's address: the change is known, the fresh output is the payee.
        TestTx tx = TestTx.of(T).ins(P2PKH, 3).out(3, 2_000_000, P2PKH).out(150, 731_022, P2PKH);

        assertThat(links(ONE_TIME, tx)).isEmpty();
    }

    @Test
    void oneTime_singleOutputBesideOpReturn_silent() {
        TestTx tx = TestTx.of(T).ins(P2PKH, 3).out(150, 731_022, P2PKH).out(ClusterTx.NO_ADDRESS, 0, OTHER);

        assertThat(links(ONE_TIME, tx)).isEmpty();
    }

    @Test
    void oneTime_notEnabled_onlyCommonInput() {
        TestTx tx = TestTx.of(T).ins(P2PKH, 3).out(50, 2_000_000, P2PKH).out(150, 731_022, P2PKH);

        assertThat(links(COMMON_ONLY, tx)).isEmpty();
        assertThat(links(ROUND, tx)).extracting(Link::heuristic).containsExactly(CHANGE_ROUND_PAYMENT);
    }

    @Test
    void scriptType_oneOutputOfTheInputsFamily_linksIt() {
        TestTx tx = TestTx.of(T).ins(P2WPKH, 3, 4).out(160, 1_500_000, P2PKH).out(161, 412_983, P2WPKH)
                .out(162, 22_222, P2SH);

        assertThat(links(SCRIPT_TYPE, tx)).containsExactly(
                new Link(3, 4, COMMON_INPUT, "tx " + T + ": inputs 0 and 1"),
                new Link(3, 161, CHANGE_SCRIPT_TYPE,
                        "tx " + T + ": output 1 (p2wpkh like the 2 inputs; outputs 0 p2pkh, 2 p2sh)"));
    }

    @Test
    void scriptType_twoOutputsOfTheInputsFamily_silent() {
        TestTx tx = TestTx.of(T).ins(P2WPKH, 3).out(160, 1_500_000, P2WPKH).out(161, 412_983, P2WPKH);

        assertThat(links(SCRIPT_TYPE, tx)).isEmpty();
    }

    @Test
    void scriptType_inputsOfTwoFamilies_silent() {
        TestTx tx = TestTx.of(T).in(3, P2WPKH).in(4, P2SH).out(160, 1_500_000, P2PKH).out(161, 412_983, P2WPKH);

        assertThat(links(SCRIPT_TYPE, tx)).extracting(Link::heuristic).containsExactly(COMMON_INPUT);
    }

    @Test
    void roundPayment_roundPaymentAndOddChange_linksTheOddOne() {
        TestTx tx = TestTx.of(T).ins(P2PKH, 3).out(170, 5_000_000, P2PKH).out(171, 1_234_567, P2PKH);

        assertThat(links(ROUND, tx)).containsExactly(new Link(3, 171, CHANGE_ROUND_PAYMENT,
                "tx " + T + ": output 1 (0.01234567 BTC, not round; output 0 of 0.05 BTC round)"));
    }

    @Test
    void roundPayment_neitherRound_silent() {
        TestTx tx = TestTx.of(T).ins(P2PKH, 3).out(170, 5_000_001, P2PKH).out(171, 1_234_567, P2PKH);

        assertThat(links(ROUND, tx)).isEmpty();
    }

    @Test
    void roundPayment_bothRound_silent() {
        // 0.001 BTC is the grain: 0.012 BTC counts as round as well, 0.0001 BTC does not.
        TestTx tx = TestTx.of(T).ins(P2PKH, 3).out(170, 5_000_000, P2PKH).out(171, 1_200_000, P2PKH);

        assertThat(links(ROUND, tx)).isEmpty();
        assertThat(UtxoHeuristic.round(100_000)).isTrue();
        assertThat(UtxoHeuristic.round(10_000)).isFalse();
        assertThat(UtxoHeuristic.round(0)).isFalse();
    }

    @Test
    void allRules_agreeOnTheChange_oneLinkEachWithItsOwnEvidence() {
        // Output 1: fresh, p2wpkh like the input, not round; output 0: reused, p2pkh, round.
        TestTx tx = TestTx.of(T).ins(P2WPKH, 3).out(60, 2_000_000, P2PKH).out(180, 731_022, P2WPKH);

        assertThat(links(ALL, tx)).extracting(Link::a, Link::b, Link::heuristic).containsExactly(
                tuple(3, 180, CHANGE_ONE_TIME), tuple(3, 180, CHANGE_SCRIPT_TYPE), tuple(3, 180, CHANGE_ROUND_PAYMENT));
    }

    @Test
    void allRules_disagreeOnTheChange_noChangeLinkAndAConflict() {
        // One-time says output 0 (fresh), round says output 1 (not round): at most one is right.
        TestTx tx = TestTx.of(T).ins(P2PKH, 3, 4).out(190, 2_000_000, P2PKH).out(61, 731_022, P2PKH);

        TxLinker.Result r = ALL.link(tx.build(), HISTORY);

        assertThat(r.conflict()).isTrue();
        assertThat(r.links()).extracting(Link::heuristic).containsExactly(COMMON_INPUT);
    }

    @Test
    void enabled_emptySet_commonInputAlwaysOn() {
        assertThat(COMMON_ONLY.enabled()).containsExactly(COMMON_INPUT);
        assertThat(UtxoHeuristic.ofFlag("Change-One-Time")).isEqualTo(CHANGE_ONE_TIME);
        assertThat(CHANGE_ROUND_PAYMENT.flag()).isEqualTo("change-round-payment");
    }
}
