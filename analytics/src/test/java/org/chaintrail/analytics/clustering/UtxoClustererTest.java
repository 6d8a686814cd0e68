package org.chaintrail.analytics.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chaintrail.analytics.clustering.ScriptFamily.P2PKH;
import static org.chaintrail.analytics.clustering.ScriptFamily.P2WPKH;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UtxoClustererTest {

    /**
     * A random chain of wallets paying each other, dense ids given in order of first appearance:
     * inputs spend a wallet's known addresses, payments go to a new or known address of another
     * wallet, change to a new or known address of the payer (an input's, sometimes), and now and
     * then five wallets make a Whirlpool mix.
     */
    private static List<ClusterTx> randomChain(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        int wallets = 60;
        List<List<Integer>> owned = new ArrayList<>();
        for (int w = 0; w < wallets; w++) {
            owned.add(new ArrayList<>());
        }
        int[] next = {0};
        List<ClusterTx> chain = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            TestTx tx = TestTx.of(t + 1).at(t / 10, t % 10);
            int payer = random.nextInt(wallets);
            List<Integer> mine = owned.get(payer);
            if (mine.isEmpty() || t % 10 == 0) {
                tx.out(fresh(next, owned, payer), 625_000_000, P2WPKH); // a coinbase
            } else if (t % 37 == 0) {
                for (int i = 0; i < 5; i++) {
                    List<Integer> a = owned.get((payer + i) % wallets);
                    tx.in(a.isEmpty() ? mine.get(0) : a.get(random.nextInt(a.size())), P2WPKH);
                }
                for (int i = 0; i < 5; i++) {
                    tx.out(fresh(next, owned, (payer + i) % wallets), 1_000_000, P2WPKH);
                }
            } else {
                int inputs = 1 + random.nextInt(3);
                for (int i = 0; i < inputs; i++) {
                    tx.in(mine.get(random.nextInt(mine.size())), random.nextInt(4) == 0 ? P2PKH : P2WPKH);
                }
                int payee = random.nextInt(wallets);
                List<Integer> theirs = owned.get(payee);
                int to = theirs.isEmpty() || random.nextInt(10) < 7 ? fresh(next, owned, payee)
                        : theirs.get(random.nextInt(theirs.size()));
                long pay = random.nextBoolean() ? 100_000L * (1 + random.nextInt(500)) : 1 + random.nextInt(50_000_000);
                tx.out(to, pay, random.nextBoolean() ? P2PKH : P2WPKH);
                int kind = random.nextInt(20);
                if (kind < 12) {
                    tx.out(fresh(next, owned, payer), 1 + random.nextInt(90_000_000), P2WPKH);
                } else if (kind < 17) {
                    tx.out(mine.get(random.nextInt(mine.size())), 1 + random.nextInt(90_000_000), P2WPKH);
                }
            }
            chain.add(tx.build());
        }
        return chain;
    }

    private static int fresh(int[] next, List<List<Integer>> owned, int wallet) {
        owned.get(wallet).add(next[0]);
        return next[0]++;
    }

    /** The entity as a store would hold it: none when alone, else its name. */
    private static int entity(UtxoClusterer c, int a) {
        return c.entitySize(a) == 1 ? -1 : c.representative(a);
    }

    @Test
    void resume_randomChainSplitAtAPoint_sameEntitiesAsOneRunAndOnlyTheChangedListed() {
        for (long seed = 1; seed <= 8; seed++) {
            List<ClusterTx> chain = randomChain(seed, 4_000);
            int split = 1_000 + (int) (seed * 311);
            UtxoClusterer oneRun = new UtxoClusterer(UtxoHeuristic.all());
            chain.forEach(oneRun::accept);

            UtxoClusterer before = new UtxoClusterer(UtxoHeuristic.all());
            chain.subList(0, split).forEach(before::accept);
            // Store the first part as the graph would: a representative per address.
            UtxoClusterer resumed = UtxoClusterer.resume(UtxoHeuristic.all(), before.addresses());
            for (int a = before.addresses() - 1; a >= 0; a--) {
                resumed.restore(a, before.representative(a));
            }
            UtxoClusterer.Mark mark = resumed.mark();
            chain.subList(split, chain.size()).forEach(resumed::accept);

            assertThat(resumed.addresses()).isEqualTo(oneRun.addresses());
            assertThat(resumed.entities()).as("seed %d", seed).isEqualTo(oneRun.entities());
            int[] expectedChanged = IntStream.range(0, oneRun.addresses()).filter(a -> {
                int then = a < before.addresses() ? entity(before, a) : -1;
                return entity(oneRun, a) != then;
            }).toArray();
            for (int a = 0; a < oneRun.addresses(); a++) {
                assertThat(resumed.representative(a)).as("seed %d address %d", seed, a)
                        .isEqualTo(oneRun.representative(a));
            }
            assertThat(resumed.changedSince(mark)).as("seed %d", seed).containsExactly(expectedChanged);
            assertThat(expectedChanged.length).isGreaterThan(0);
            assertThat(resumed.statistics().restored()).isEqualTo(before.addresses());
            assertThat(oneRun.statistics().totalMerges()).isEqualTo(oneRun.addresses() - oneRun.entities());
        }
    }

    @Test
    void accept_smallChain_statisticsCountEachKind() {
        UtxoClusterer c = new UtxoClusterer(UtxoHeuristic.all());
        c.accept(TestTx.of(1).at(1, 0).out(0, 625_000_000, P2WPKH).build()); // coinbase
        c.accept(TestTx.of(2).at(2, 0).out(1, 625_000_000, P2WPKH).build());
        // 0 and 1 spent together: one merge. Both outputs are fresh, so one-time is silent; script
        // type (p2wpkh like the inputs) and round (0.5 BTC beside 11.99987654) both name output 3.
        c.accept(TestTx.of(3).at(2, 1).ins(P2WPKH, 0, 1).out(2, 50_000_000, P2PKH).out(3, 1_199_987_654, P2WPKH)
                .build());
        TestTx mix = TestTx.of(4).at(3, 1).ins(P2WPKH, 2, 3, 0, 1, 4);
        for (int i = 0; i < 5; i++) {
            mix.out(10 + i, 5_000_000, P2WPKH);
        }
        c.accept(TestTx.of(5).at(3, 0).out(4, 625_000_000, P2WPKH).build());
        assertThat(c.accept(mix.build())).map(CoinJoinVerdict::shape).contains("whirlpool");

        UtxoClusterer.Statistics s = c.statistics();

        assertThat(s.transactions()).isEqualTo(5);
        assertThat(s.coinbases()).isEqualTo(3);
        assertThat(s.coinJoins()).isEqualTo(Map.of("whirlpool", 1L));
        assertThat(s.links()).containsEntry(UtxoHeuristic.COMMON_INPUT, 1L)
                .containsEntry(UtxoHeuristic.CHANGE_ONE_TIME, 0L)
                .containsEntry(UtxoHeuristic.CHANGE_SCRIPT_TYPE, 1L)
                .containsEntry(UtxoHeuristic.CHANGE_ROUND_PAYMENT, 1L);
        // Round agreed with script type: its link merged nothing new.
        assertThat(s.merges()).containsEntry(UtxoHeuristic.COMMON_INPUT, 1L)
                .containsEntry(UtxoHeuristic.CHANGE_SCRIPT_TYPE, 1L)
                .containsEntry(UtxoHeuristic.CHANGE_ROUND_PAYMENT, 0L);
        assertThat(s.addresses()).isEqualTo(15);
        assertThat(s.entities()).isEqualTo(13);
        assertThat(c.representative(3)).isZero();
        assertThat(c.entitySize(1)).isEqualTo(3);
        // The mix's inputs 2 and 4 stay apart from the payer's entity.
        assertThat(c.representative(2)).isEqualTo(2);
        assertThat(c.representative(4)).isEqualTo(4);
    }

    @Test
    void accept_outOfChainOrder_throwsNamingBothPositions() {
        UtxoClusterer c = new UtxoClusterer(UtxoHeuristic.defaults());
        c.accept(TestTx.of(1).at(5, 3).out(0, 1, P2PKH).build());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.accept(TestTx.of(2).at(5, 2).out(1, 1, P2PKH).build()));

        assertThat(e.getMessage()).contains("block 5 position 2 came after block 5 position 3");
    }

    @Test
    void restore_representativeLargerThanAddress_throws() {
        UtxoClusterer c = UtxoClusterer.resume(UtxoHeuristic.defaults(), 10);

        assertThrows(IllegalArgumentException.class, () -> c.restore(3, 7));
        assertThat(c.addresses()).isEqualTo(10);
        assertThat(c.entities()).isEqualTo(10);
    }

    @Test
    void resume_seenBelowBound_oneTimeRuleTreatsThoseAsReused() {
        UtxoClusterer c = UtxoClusterer.resume(EnumSet.of(UtxoHeuristic.CHANGE_ONE_TIME), 100);
        // 99 was seen in the stored part: reused; 100 is new: the change.
        c.accept(TestTx.of(1).ins(P2PKH, 5).out(99, 1_000_000, P2PKH).out(100, 2_345_678, P2PKH).build());

        assertThat(c.representative(100)).isEqualTo(5);
        assertThat(c.representative(99)).isEqualTo(99);
    }
}
