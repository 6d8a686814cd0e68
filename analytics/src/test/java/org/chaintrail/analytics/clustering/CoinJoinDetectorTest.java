package org.chaintrail.analytics.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chaintrail.analytics.clustering.ScriptFamily.P2PKH;
import static org.chaintrail.analytics.clustering.ScriptFamily.P2SH;
import static org.chaintrail.analytics.clustering.ScriptFamily.P2TR;
import static org.chaintrail.analytics.clustering.ScriptFamily.P2WPKH;
import static org.chaintrail.analytics.clustering.TestTx.BTC;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each CoinJoin shape on a hand-built transaction of the size and amounts its software makes, and
 * the everyday shapes that must not be taken for one.
 */
class CoinJoinDetectorTest {

    @Test
    void detect_whirlpoolFiveByFiveInTheFiftyMilliPool_whirlpool() {
        // The shape of mainnet 323df21f…dec2: two new entrants (pool amount plus their share of the
        // miner fee) and three remixers, five outputs of exactly 0.05 BTC.
        TestTx tx = TestTx.of("323df21f0b0756f98336437aa3d2fb87e02b59f1946b714a7b09df04d429dec2").at(700_000, 12)
                .ins(P2WPKH, 11, 12, 13, 14, 15);
        for (int i = 0; i < 5; i++) {
            tx.out(100 + i, 5_000_000, P2WPKH);
        }

        assertThat(CoinJoinDetector.detect(tx.build())).contains(new CoinJoinVerdict("whirlpool",
                "5 inputs, 5 outputs of 0.05 BTC: Whirlpool pool"));
    }

    @Test
    void detect_whirlpoolSurgeCycleOfEightInTheSmallestPool_whirlpool() {
        TestTx tx = TestTx.of(2).ins(P2WPKH, 1, 2, 3, 4, 5, 6, 7, 8);
        for (int i = 0; i < 8; i++) {
            tx.out(20 + i, 100_000, P2WPKH);
        }

        assertThat(CoinJoinDetector.detect(tx.build()).map(CoinJoinVerdict::reason))
                .contains("8 inputs, 8 outputs of 0.001 BTC: Whirlpool pool");
    }

    @Test
    void detect_wasabiOneRound_wasabi() {
        // 60 inputs; 45 outputs at the round's base denomination (0.09987 BTC), 6 at twice it (the
        // second mixing level), the coordinator's fee and 40 participants' change.
        TestTx tx = TestTx.of(3).at(620_000, 40);
        for (int i = 0; i < 60; i++) {
            tx.in(1_000 + i, P2WPKH);
        }
        int next = 5_000;
        for (int i = 0; i < 45; i++) {
            tx.out(next++, 9_987_000, P2WPKH);
        }
        for (int i = 0; i < 6; i++) {
            tx.out(next++, 19_974_000, P2WPKH);
        }
        tx.out(next++, 1_372_112, P2WPKH);
        for (int i = 0; i < 40; i++) {
            tx.out(next++, 301_773 + 17_011L * i, P2WPKH);
        }

        assertThat(CoinJoinDetector.detect(tx.build())).contains(new CoinJoinVerdict("wasabi",
                "60 inputs, 45 of 92 outputs of 0.09987 BTC (about 0.1 BTC): Wasabi 1 (ZeroLink) round"));
    }

    @Test
    void detect_wasabiTwoRound_wasabi2() {
        // 120 segwit inputs; outputs sorted descending, nearly all on standard denominations, with
        // repeats, and a few change outputs of odd value.
        long[] denominations = {2 * BTC, BTC / 2, 43_046_721, 33_554_432, 20_000_000, 10_000_000, 5_000_000,
            4_782_969, 2_000_000, 1_000_000, 531_441, 200_000, 100_000, 59_049, 50_000, 20_000, 10_000};
        TestTx tx = TestTx.of(4).at(850_000, 3);
        for (int i = 0; i < 120; i++) {
            tx.in(10_000 + i, i % 3 == 0 ? P2TR : P2WPKH);
        }
        int next = 20_000;
        int outputs = 0;
        for (long d : denominations) {
            for (int k = 0; k < 8; k++) {
                tx.out(next++, d, k % 2 == 0 ? P2WPKH : P2TR);
                outputs++;
            }
            if (d == 1_000_000) {
                tx.out(next++, 987_654, P2WPKH); // change between the denominations, still in order
                tx.out(next++, 612_345, P2WPKH);
                outputs += 2;
            }
        }

        Optional<CoinJoinVerdict> verdict = CoinJoinDetector.detect(tx.build());

        assertThat(outputs).isEqualTo(138);
        assertThat(verdict).contains(new CoinJoinVerdict("wasabi2", "120 inputs, 138 outputs in descending order, "
                + "136 of them on WabiSabi standard denominations: Wasabi 2 round"));
    }

    @Test
    void detect_joinMarketTakerAndThreeMakers_joinMarket() {
        // Four participants: the taker sweeps (no change), each maker gets its equal output and a
        // change output; the makers bring two inputs each, the taker one.
        ClusterTx tx = TestTx.of(5).at(500_000, 77)
                .ins(P2SH, 1, 2, 3, 4, 5, 6, 7)
                .out(40, 1_735_000, P2SH).out(41, 4_012_345, P2SH).out(42, 1_735_000, P2SH)
                .out(43, 233_190, P2SH).out(44, 1_735_000, P2SH).out(45, 1_735_000, P2SH)
                .out(46, 99_871, P2SH).build();

        assertThat(CoinJoinDetector.detect(tx)).contains(new CoinJoinVerdict("joinmarket", "7 inputs, 4 of 7 "
                + "outputs of 0.01735 BTC to different addresses, at most 2 outputs a participant: JoinMarket shape"));
    }

    @Test
    void detect_plainPaymentWithChange_none() {
        ClusterTx tx = TestTx.of(6).ins(P2WPKH, 1).out(2, 1_500_000, P2WPKH).out(3, 8_412_377, P2WPKH).build();

        assertThat(CoinJoinDetector.detect(tx)).isEmpty();
    }

    @Test
    void detect_batchedExchangePayoutOfDifferentAmounts_none() {
        // An exchange's withdrawal batch: 3 inputs, 40 customer outputs of different amounts, change.
        TestTx tx = TestTx.of(7).ins(P2SH, 1, 2, 3);
        for (int i = 0; i < 40; i++) {
            tx.out(100 + i, 250_000 + 13_337L * i * i, i % 2 == 0 ? P2WPKH : P2PKH);
        }
        tx.out(4, 731_118_212, P2SH);

        assertThat(CoinJoinDetector.detect(tx.build())).isEmpty();
    }

    @Test
    void detect_consolidationOfManyInputsToOneOutput_none() {
        TestTx tx = TestTx.of(8);
        for (int i = 0; i < 150; i++) {
            tx.in(1_000 + i, P2WPKH);
        }
        tx.out(9, 31 * BTC, P2WPKH);

        assertThat(CoinJoinDetector.detect(tx.build())).isEmpty();
    }

    @Test
    void detect_oneInputSplitIntoTenOutputsOfAWasabiSizedAmount_none() {
        // Ten equal 0.1 BTC outputs, but one input: one payer, no CoinJoin.
        TestTx tx = TestTx.of(9).ins(P2WPKH, 1);
        for (int i = 0; i < 10; i++) {
            tx.out(10 + i, 10_000_000, P2WPKH);
        }
        tx.out(30, 3_123_456, P2WPKH);

        assertThat(CoinJoinDetector.detect(tx.build())).isEmpty();
    }

    @Test
    void detect_threeEqualOutputsToOneAddress_none() {
        // Equal outputs that all pay one address are one payee, not three participants.
        ClusterTx tx = TestTx.of(10).ins(P2PKH, 1, 2, 3).out(7, 2_000_000, P2PKH).out(7, 2_000_000, P2PKH)
                .out(7, 2_000_000, P2PKH).out(8, 1_234_567, P2PKH).build();

        assertThat(CoinJoinDetector.detect(tx)).isEmpty();
    }

    @Test
    void detect_dustOutputsOfEqualValue_none() {
        ClusterTx tx = TestTx.of(11).ins(P2PKH, 1, 2, 3).out(7, 546, P2PKH).out(8, 546, P2PKH)
                .out(9, 546, P2PKH).out(10, 1_234_567, P2PKH).build();

        assertThat(CoinJoinDetector.detect(tx)).isEmpty();
    }

    @Test
    void detect_segwitBatchWithOutputsAscending_notWasabi2() {
        // 25 segwit inputs and round payouts, but sorted ascending (BIP69), as wallets do, and the
        // most common value appears only twice: no CoinJoin.
        TestTx tx = TestTx.of(12);
        for (int i = 0; i < 25; i++) {
            tx.in(100 + i, P2WPKH);
        }
        long[] values = {10_000, 20_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000};
        for (int i = 0; i < values.length; i++) {
            tx.out(200 + i, values[i], P2WPKH);
        }

        assertThat(CoinJoinDetector.detect(tx.build())).isEmpty();
    }

    @Test
    void standardDenomination_wabiSabiSeries_onlyThoseAtLeastFiveThousand() {
        assertThat(CoinJoinDetector.standardDenomination(8_192)).isTrue(); // 2^13
        assertThat(CoinJoinDetector.standardDenomination(6_561)).isTrue(); // 3^8
        assertThat(CoinJoinDetector.standardDenomination(13_122)).isTrue(); // 2 * 3^8
        assertThat(CoinJoinDetector.standardDenomination(50_000)).isTrue(); // 5 * 10^4
        assertThat(CoinJoinDetector.standardDenomination(4_096)).isFalse(); // below the minimum output
        assertThat(CoinJoinDetector.standardDenomination(30_000)).isFalse();
    }
}
