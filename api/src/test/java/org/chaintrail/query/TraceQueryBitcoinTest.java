package org.chaintrail.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.chaintrail.query.FirstBitcoinBlocks.HAL;
import static org.chaintrail.query.FirstBitcoinBlocks.SATOSHI;
import static org.chaintrail.query.FirstBitcoinBlocks.SATOSHI_TO_HAL;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trace --chain bitcoin} on real mainnet blocks 0–438 (shared/data item B1,
 * bitcoin/bitcoinj/first-100k-blocks.dat, read as a blk file): the query picks the UTXO tracer.
 */
class TraceQueryBitcoinTest {
    @TempDir
    static Path temp;
    private static GraphStore store;

    @BeforeAll
    static void ingest() throws IOException {
        store = TestGraph.fresh().store();
        FirstBitcoinBlocks.ingest(store, temp);
    }

    @Test
    void run_bitcoinForwardFromSatoshi_followsOutputsToHal() {
        TraceResult r = new TraceQuery("bitcoin", List.of(SATOSHI), null, "forward", "haircut", 10).run(store);

        assertThat(r.parameters().asset()).isEqualTo(new TraceResult.AssetRef("BTC", null, 8));
        assertThat(r.flows()).hasSize(12);
        assertThat(r.flows().get(0)).isEqualTo(new TraceResult.Flow(SATOSHI_TO_HAL, 170, "2009-01-12T03:30:25Z",
                SATOSHI, HAL, "BTC", "10", "10", 1));
        // Satoshi's 50 BTC, less the 18 of change still unspent at block 438, sit with five wallets.
        assertThat(r.summary().seedFlow()).isEqualTo("32");
        assertThat(r.summary().taintStillHeld()).isEqualTo("32");
        assertThat(r.holders()).extracting(TraceResult.Holder::address, TraceResult.Holder::taintedAmount,
                TraceResult.Holder::hop).containsExactly(
                        tuple("1ByLSV2gLRcuqUmfdYcpPQH8Npm8cccsFg", "10", 1),
                        tuple("1DUDsfc23Dv9sPMEk5RsrtfzCw5ofi5sVW", "10", 1),
                        tuple(HAL, "10", 1),
                        tuple("15NUwyBYrZcnUgTagsm1A7M2yL2GntpuaZ", "1", 2),
                        tuple("1BDvQZjaAJH4ecZ8aL3fYgTi7rnn3o2thE", "1", 2));
    }

    @Test
    void toRequest_bitcoinWithToken_refusedNamingAsset() {
        assertThatThrownBy(() -> new TraceQuery("bitcoin", List.of(SATOSHI), "USDT", "forward", "haircut", 10)
                .toRequest(store))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("asset"))
                .hasMessageContaining("only its native coin BTC");
    }
}
