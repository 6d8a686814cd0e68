package org.chaintrail.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.chaintrail.analytics.clustering.ClusterTx;
import org.chaintrail.analytics.clustering.CoinJoinDetector;
import org.chaintrail.analytics.clustering.CoinJoinVerdict;
import org.chaintrail.analytics.clustering.UtxoClusterer;
import org.chaintrail.analytics.clustering.UtxoHeuristic;
import org.chaintrail.ingest.bitcoin.RawBlock;
import org.junit.jupiter.api.Test;

/**
 * The clustering on real mainnet blocks (shared/data/bitcoin/bitcoinj, MANIFEST B1–B5, from
 * bitcoinj's test resources), read with the project's {@code RawBlockParser}. Counts marked
 * frozen were computed once by this code and are kept as a regression; the others follow from
 * the data.
 */
class MainnetClusteringTest {
    private static final String SATOSHI = "12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S";

    private static List<ClusterTx> block(MainnetBlocks blocks, String file, long height) {
        byte[] bytes = MainnetBlocks.read(file);
        return blocks.convert(blocks.parse(bytes, 0, bytes.length), height);
    }

    private static UtxoClusterer cluster(List<ClusterTx> txs, Set<UtxoHeuristic> rules) {
        UtxoClusterer c = new UtxoClusterer(rules);
        txs.forEach(c::accept);
        return c;
    }

    @Test
    void firstBlocks_everySpendSingleInputAndSatoshisChangeToHimself_noMergeByAnyRule() {
        // B1: blocks 0–438 in blk framing (magic, length, block). The 7 spends each have one
        // input; Satoshi's 10 BTC to Hal (block 170) sends its 40 BTC change back to the input's
        // own key: self-change, on which every change rule must stay silent.
        byte[] file = MainnetBlocks.read("first-100k-blocks.dat");
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        MainnetBlocks blocks = new MainnetBlocks();
        List<ClusterTx> txs = new ArrayList<>();
        long height = 0;
        while (in.remaining() >= 8 && in.getInt(in.position()) != 0) {
            in.getInt(); // magic
            int length = in.getInt();
            RawBlock raw = blocks.parse(file, in.position(), length);
            txs.addAll(blocks.convert(raw, height++));
            in.position(in.position() + length);
        }
        UtxoClusterer all = cluster(txs, UtxoHeuristic.all());
        ClusterTx toHal = txs.stream().filter(t -> t.txid().startsWith("f4184fc5")).findFirst().orElseThrow();

        assertThat(height).isEqualTo(439);
        assertThat(txs).hasSize(446);
        assertThat(all.statistics().coinbases()).isEqualTo(439);
        assertThat(all.statistics().totalMerges()).isZero();
        assertThat(all.statistics().links().values()).containsOnly(0L);
        assertThat(toHal.block()).isEqualTo(170);
        assertThat(blocks.address(toHal.inputs()[0])).isEqualTo(SATOSHI);
        assertThat(toHal.outputValues()).containsExactly(1_000_000_000L, 4_000_000_000L);
        assertThat(blocks.address(toHal.outputs()[1])).isEqualTo(SATOSHI);
        // All 7 inputs spend outputs of these blocks, so each is named by its spent output.
        assertThat(blocks.fromOutputs).isEqualTo(7);
    }

    @Test
    void block169482_commonInput_theBiggestSpendIsOneEntity() {
        MainnetBlocks blocks = new MainnetBlocks();
        List<ClusterTx> txs = block(blocks, "block169482.dat", 169_482);
        UtxoClusterer c = cluster(txs, UtxoHeuristic.defaults());
        ClusterTx biggest = txs.stream().max((a, b) -> a.inputs().length - b.inputs().length).orElseThrow();
        int[] known = Arrays.stream(biggest.inputs()).filter(a -> a != ClusterTx.NO_ADDRESS).distinct().toArray();

        assertThat(txs).hasSize(14);
        assertThat(txs.stream().filter(t -> t.inputs().length > 1).count()).isEqualTo(6);
        assertThat(biggest.inputs()).hasSize(27);
        assertThat(Arrays.stream(known).map(c::representative).distinct().toArray())
                .containsExactly(Arrays.stream(known).min().orElseThrow());
        assertThat(c.entitySize(known[0])).isEqualTo(known.length);
        // Frozen: 59 inputs, 58 named by their scriptSig, one bare-key spend unknown.
        assertThat(blocks.fromScriptSigs).isEqualTo(58);
        assertThat(blocks.unknown).isEqualTo(1);
        assertThat(c.statistics()).extracting(UtxoClusterer.Statistics::addresses, UtxoClusterer.Statistics::entities)
                .containsExactly(259, 242);
        assertThat(c.statistics().merges()).containsExactly(Map.entry(UtxoHeuristic.COMMON_INPUT, 17L));
    }

    @Test
    void blocks227835And227836_scriptSigAddressesAgreeWithSpentOutputsAndResumingEqualsOneRun() {
        MainnetBlocks blocks = new MainnetBlocks();
        List<ClusterTx> first = block(blocks, "block227835.dat", 227_835);
        List<ClusterTx> second = block(blocks, "block227836.dat", 227_836);
        List<ClusterTx> both = new ArrayList<>(first);
        both.addAll(second);

        // 15 spends inside 227835, 16 of 227836's inputs spend 227835's outputs, 4 stay inside
        // 227836: for each the address read from the scriptSig is the spent output's.
        assertThat(blocks.fromOutputs).isEqualTo(35);
        assertThat(blocks.checked).isEqualTo(35);
        assertThat(blocks.agreed).isEqualTo(35);

        UtxoClusterer oneRun = cluster(both, UtxoHeuristic.all());
        UtxoClusterer before = cluster(first, UtxoHeuristic.all());
        UtxoClusterer resumed = UtxoClusterer.resume(UtxoHeuristic.all(), before.addresses());
        for (int a = 0; a < before.addresses(); a++) {
            resumed.restore(a, before.representative(a));
        }
        UtxoClusterer.Mark mark = resumed.mark();
        second.forEach(resumed::accept);

        assertThat(IntStream.range(0, oneRun.addresses()).map(resumed::representative).toArray())
                .containsExactly(IntStream.range(0, oneRun.addresses()).map(oneRun::representative).toArray());
        int[] changed = resumed.changedSince(mark);
        assertThat(changed).isNotEmpty();
        for (int a : changed) {
            boolean wasAlone = a >= before.addresses() || before.entitySize(a) == 1;
            assertThat(wasAlone ? -1 : before.representative(a)).isNotEqualTo(
                    resumed.entitySize(a) == 1 ? -1 : resumed.representative(a));
        }
        // Every transaction that is not a CoinJoin has its known inputs in one entity.
        for (ClusterTx tx : both) {
            if (CoinJoinDetector.detect(tx).isEmpty()) {
                assertThat(Arrays.stream(tx.inputs()).filter(a -> a >= 0).map(oneRun::representative).distinct()
                        .count()).as(tx.txid()).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void blocksOf2015And2017_fourJoinMarketShapesAllIn2015() {
        List<ClusterTx> flagged = new ArrayList<>();
        List<CoinJoinVerdict> verdicts = new ArrayList<>();
        int transactions = 0;
        for (String[] f : new String[][] {{"block363703.dat", "363703"}, {"block370661.dat", "370661"},
                {"block383616.dat", "383616"}, {"block481815.dat", "481815"}, {"block481829.dat", "481829"}}) {
            for (ClusterTx tx : block(new MainnetBlocks(), f[0], Long.parseLong(f[1]))) {
                transactions++;
                CoinJoinDetector.detect(tx).ifPresent(v -> {
                    flagged.add(tx);
                    verdicts.add(v);
                });
            }
        }

        assertThat(transactions).isEqualTo(587 + 708 + 1_731 + 2_097 + 2_020);
        assertThat(flagged).extracting(ClusterTx::txid, ClusterTx::block).containsExactly(
                // 3 equal outputs and a fourth 40 satoshi short, 6 outputs: JoinMarket's 2015 look.
                tuple("48fc9600760fd8d75fb45ef5d59f891fcac11d2e8367ff099e5c09dd3254ce39", 370_661L),
                // 104 inputs, 3 of 5 outputs equal: a JoinMarket round with a large sweep, likely.
                tuple("e98c7e96e52c9f947434cdb7649f4c5b26af199811646036f5dcdf58f5869040", 370_661L),
                // 100 inputs into twenty 20 BTC outputs and one more: most likely a service
                // splitting its funds, not a CoinJoin. The rule errs here on the safe side: the
                // inputs are left unmerged.
                tuple("1784254fe7aed78ec118cf31493a039cbd0d9e6fbbc9a27fa23d3701a7a13458", 383_616L),
                tuple("ab952d5b56dcab692ddf6cda48e12ca3ac6b542d16fa9a76932c465462df2ca0", 383_616L));
        assertThat(verdicts).extracting(CoinJoinVerdict::shape).containsOnly(CoinJoinVerdict.JOINMARKET);
        assertThat(verdicts.get(2).reason()).isEqualTo("100 inputs, 20 of 21 outputs of 20 BTC to different "
                + "addresses, at most 2 outputs a participant: JoinMarket shape");
    }

    @Test
    void blocksOf2015And2017_commonInputEntitiesFrozen() {
        // Each block alone: its outputs' addresses and the inputs named by their scriptSigs.
        Map<String, int[]> expected = Map.of(
                "block363703.dat", new int[] {363_703, 2_667, 1_460},
                "block370661.dat", new int[] {370_661, 2_667, 1_911},
                "block383616.dat", new int[] {383_616, 5_780, 4_647},
                "block481815.dat", new int[] {481_815, 7_532, 5_496},
                "block481829.dat", new int[] {481_829, 9_262, 6_484});
        expected.forEach((file, e) -> {
            MainnetBlocks blocks = new MainnetBlocks();
            UtxoClusterer c = cluster(block(blocks, file, e[0]), UtxoHeuristic.defaults());
            assertThat(new int[] {c.addresses(), c.entities()}).as(file).containsExactly(e[1], e[2]);
            assertThat(blocks.agreed).as(file).isEqualTo(blocks.checked);
            assertThat(blocks.unknown).as(file).isZero();
        });
    }
}
