package org.chaintrail.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.chaintrail.analytics.clustering.ClusterTx;
import org.chaintrail.analytics.clustering.CoinJoinDetector;
import org.chaintrail.analytics.clustering.CoinJoinVerdict;
import org.junit.jupiter.api.Test;

/** The clustering benchmark's input: deterministic, dense ids in order, near mainnet's shape. */
class SyntheticUtxoStreamTest {
    private static final SyntheticUtxoStream.Config SMALL = new SyntheticUtxoStream.Config(200_000, 7L);

    /** A digest of every field of every transaction, so that two streams compare in one value. */
    private static String digest(SyntheticUtxoStream.Config config) throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        new SyntheticUtxoStream(config).generate(tx -> sha.update(tx.toString().getBytes()));
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void generate_sameSeedTwice_sameStreamAndTotals() throws NoSuchAlgorithmException {
        String first = digest(SMALL);

        assertThat(digest(SMALL)).isEqualTo(first);
        assertThat(digest(new SyntheticUtxoStream.Config(200_000, 8L))).isNotEqualTo(first);
        // Frozen: a change to the generator that moves these must bump SyntheticUtxoStream.VERSION.
        assertThat(new SyntheticUtxoStream(SMALL).generate(tx -> { }))
                .isEqualTo(new SyntheticUtxoStream.Totals(200_000, 86, 459_887, 502_229, 408_656, 15_326, 394));
    }

    @Test
    void generate_smallChain_denseIdsInOrderOfFirstAppearanceAndChainOrder() {
        int[] next = {0};
        long[] last = {-1, -1};
        long[] coinbases = {0};
        new SyntheticUtxoStream(SMALL).generate(tx -> {
            for (int a : tx.inputs()) {
                assertThat(a).as("%s spends an address seen before", tx.txid()).isLessThan(next[0]);
            }
            for (int a : tx.outputs()) {
                assertThat(a).isBetween(0, next[0]);
                if (a == next[0]) {
                    next[0]++;
                }
            }
            assertThat(tx.block() > last[0] || tx.block() == last[0] && tx.txIndex() > last[1]).isTrue();
            assertThat(tx.coinbase()).isEqualTo(tx.txIndex() == 0);
            coinbases[0] += tx.coinbase() ? 1 : 0;
            last[0] = tx.block();
            last[1] = tx.txIndex();
        });
        assertThat(next[0]).isEqualTo(408_656);
        assertThat(coinbases[0]).isEqualTo(86);
    }

    @Test
    void generate_smallChain_everyCoinJoinGeneratedIsDetectedAndNothingElse() {
        Map<String, Integer> shapes = new HashMap<>();
        SyntheticUtxoStream.Totals totals = new SyntheticUtxoStream(SMALL).generate(tx ->
                CoinJoinDetector.detect(tx).map(CoinJoinVerdict::shape).ifPresent(s -> shapes.merge(s, 1, Integer::sum)));

        assertThat(shapes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(394);
        assertThat(totals.coinJoins()).isEqualTo(394);
        assertThat(shapes).containsOnlyKeys("whirlpool", "joinmarket", "wasabi", "wasabi2");
    }

    @Test
    void generate_smallChain_averagesNearMainnet() {
        long[] singleInput = {0};
        long[] withAddress = {0};
        long[] outputs = {0};
        SyntheticUtxoStream.Totals t = new SyntheticUtxoStream(SMALL).generate(tx -> {
            singleInput[0] += tx.inputs().length == 1 ? 1 : 0;
            for (int a : tx.outputs()) {
                outputs[0]++;
                withAddress[0] += a == ClusterTx.NO_ADDRESS ? 0 : 1;
            }
        });
        double inputs = (double) t.inputs() / t.transactions();
        double outs = (double) t.outputs() / t.transactions();

        assertThat(inputs).isBetween(2.2, 2.4);
        assertThat(outs).isBetween(2.4, 2.6);
        assertThat((double) singleInput[0] / t.transactions()).isBetween(0.4, 0.6);
        // Most outputs pay a fresh address: addresses are over 80 % of outputs.
        assertThat((double) t.addresses() / outputs[0]).isBetween(0.8, 0.9);
        assertThat(withAddress[0]).isEqualTo(outputs[0]); // every generated output has an address
    }
}
