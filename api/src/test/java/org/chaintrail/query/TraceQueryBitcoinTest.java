package org.chaintrail.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.bitcoin.BlkChainReader;
import org.chaintrail.ingest.bitcoin.UtxoIngestor;
import org.chaintrail.model.Chain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trace --chain bitcoin} on real mainnet blocks 0–438 (shared/data item B1,
 * bitcoin/bitcoinj/first-100k-blocks.dat, read as a blk file): the query picks the UTXO tracer.
 */
class TraceQueryBitcoinTest {
    /** Satoshi's key of the block 9 coinbase, whose 50 BTC paid Hal Finney 10 BTC in block 170. */
    private static final String SATOSHI = "12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S";
    private static final String HAL = "1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3";
    private static final String SATOSHI_TO_HAL = "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16";

    @TempDir
    static Path temp;
    private static GraphStore store;

    @BeforeAll
    static void ingest() throws IOException {
        store = TestGraph.fresh().store();
        Path blocks = Files.createDirectories(temp.resolve("blocks"));
        Path data = Path.of(System.getProperty("chaintrail.sharedData", "../shared/data"))
                .resolve("bitcoin/bitcoinj/first-100k-blocks.dat");
        Files.copy(data, blocks.resolve("blk00000.dat"));
        try (BlkChainReader source = BlkChainReader.fromGenesis(blocks)) {
            new UtxoIngestor(store, Chain.BITCOIN).run(source, OptionalLong.of(438));
        }
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
