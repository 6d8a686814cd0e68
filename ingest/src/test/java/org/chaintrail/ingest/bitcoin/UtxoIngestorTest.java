package org.chaintrail.ingest.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.ingest.SharedData;
import org.chaintrail.model.AddressSummary;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.ScriptType;
import org.chaintrail.model.UtxoInput;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real mainnet blocks 0–438 (shared/data item B1) from blk files into the real embedded Neo4j:
 * every input resolved, resumable, idempotent; and two later real blocks (B3) whose inputs spend
 * outputs the graph has never seen, which must stop the ingest rather than store guesses.
 */
class UtxoIngestorTest {
    private static final Chain BTC = Chain.BITCOIN;
    private static final String SATOSHI_TO_HAL = "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16";
    /** The coinbase of block 9, whose 50 BTC the transaction above spends. */
    private static final String BLOCK_9_COINBASE = "0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9";
    private static final String SATOSHI = "12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S";
    private static final String HAL = "1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3";
    private static final String BLOCK_438 = "0000000025c6b644f8add734be7e666fa4afa43ca0204d623a0c0b1fd2104c7a";

    @TempDir
    Path temp;

    private GraphStore store;
    private Path blocks;

    @BeforeEach
    void setUp() throws IOException {
        store = TestGraph.fresh().store();
        blocks = Files.createDirectories(temp.resolve("blocks"));
        Files.copy(SharedData.path("bitcoin/bitcoinj/first-100k-blocks.dat"), blocks.resolve("blk00000.dat"));
    }

    private UtxoIngestReport ingest(UtxoBlockSource source, OptionalLong to) {
        try (source) {
            return new UtxoIngestor(store, BTC, 50, 1_000).run(source, to);
        }
    }

    @Test
    void run_blocks0To438_everyTransactionStoredWithExactValuesAndFees() {
        UtxoIngestReport report = ingest(BlkChainReader.fromGenesis(blocks), OptionalLong.empty());

        assertThat(report.blocks()).isEqualTo(439);
        assertThat(report.transactions()).isEqualTo(446);
        assertThat(report.inputs()).isEqualTo(7);
        assertThat(report.fees()).isZero();
        assertThat(store.counts()).containsEntry("Block", 439L).containsEntry("Transaction", 446L)
                .containsEntry(":IN", 7L).containsEntry("Transfer", 0L);
        assertThat(store.checkpoint(BTC)).contains(new Checkpoint(BTC, 438, BLOCK_438));
        UtxoTransaction tx = store.utxo().transaction(BTC, SATOSHI_TO_HAL).orElseThrow();
        assertThat(tx.inputs()).containsExactly(new UtxoInput(0, new OutPoint(BLOCK_9_COINBASE, 0),
                Optional.of(new UtxoOutput(0, 5_000_000_000L, ScriptType.PUBKEY, SATOSHI))));
        assertThat(tx.outputs()).containsExactly(new UtxoOutput(0, 1_000_000_000L, ScriptType.PUBKEY, HAL),
                new UtxoOutput(1, 4_000_000_000L, ScriptType.PUBKEY, SATOSHI));
        assertThat(tx.fee()).hasValue(0);
        AddressSummary hal = store.addressSummary(BTC, HAL).orElseThrow();
        assertThat(hal.totals().get(0).received()).hasToString("1000000000");
    }

    @Test
    void run_commitListener_toldOfEachBatchOnceTheGraphHoldsIt() {
        List<Long> told = new ArrayList<>();
        List<Optional<Checkpoint>> stored = new ArrayList<>();
        UtxoIngestor ingestor = new UtxoIngestor(store, BTC, 50, 1_000, checkpoint -> {
            told.add(checkpoint.number());
            stored.add(store.checkpoint(BTC));
        });

        try (BlkChainReader source = BlkChainReader.fromGenesis(blocks)) {
            ingestor.run(source, OptionalLong.of(100));
        }

        // Blocks 0–100 hold one coinbase each: batches of 50 transactions end at blocks 49 and 99, then 100.
        assertThat(told).containsExactly(49L, 99L, 100L);
        assertThat(stored).extracting(c -> c.orElseThrow().number()).containsExactly(49L, 99L, 100L);
    }

    @Test
    void run_stoppedAt200ThenResumedAfterCheckpoint_sameGraphAsOneRun() {
        ingest(BlkChainReader.fromGenesis(blocks), OptionalLong.empty());
        Map<String, Long> oneRun = store.counts();
        store.deleteAllForTests();

        UtxoIngestReport first = ingest(BlkChainReader.fromGenesis(blocks), OptionalLong.of(200));
        Checkpoint at = store.checkpoint(BTC).orElseThrow();
        UtxoIngestReport second = ingest(BlkChainReader.resumeAfter(blocks, at.hash(), at.number()),
                OptionalLong.empty());

        assertThat(at.number()).isEqualTo(200);
        assertThat(first.blocks() + second.blocks()).isEqualTo(439);
        assertThat(first.transactions() + second.transactions()).isEqualTo(446);
        // Later spends of early outputs came from the graph, not from memory.
        assertThat(second.resolved().graph()).isPositive();
        assertThat(store.counts()).isEqualTo(oneRun);
    }

    @Test
    void run_sourceStartingAgainFromGenesis_skipsTheStoredBlocksAndContinues() {
        ingest(BlkChainReader.fromGenesis(blocks), OptionalLong.of(100));

        UtxoIngestReport again = ingest(BlkChainReader.fromGenesis(blocks), OptionalLong.empty());

        assertThat(again.blocks()).isEqualTo(338); // 101 to 438
        assertThat(store.counts()).containsEntry("Block", 439L).containsEntry("Transaction", 446L);
        assertThat(store.checkpoint(BTC)).contains(new Checkpoint(BTC, 438, BLOCK_438));
    }

    @Test
    void run_sourceThatSkipsPastTheCheckpoint_refusedNamingBothBlocks() throws IOException {
        ingest(BlkChainReader.fromGenesis(blocks), OptionalLong.of(100));

        assertThatThrownBy(() -> ingest(laterBlock(), OptionalLong.empty()))
                .isInstanceOf(DiscontinuityException.class)
                .hasMessageContaining("block 227835 ").hasMessageContaining("does not follow block 100");
        assertThat(store.checkpoint(BTC).orElseThrow().number()).isEqualTo(100);
    }

    /** Real block 227835 (B3) alone in a blk file, read as the block at its height. */
    private BlkChainReader laterBlock() throws IOException {
        Path later = Files.createDirectories(temp.resolve("later"));
        // Framing by hand: magic, little-endian length, block bytes.
        byte[] block = Files.readAllBytes(SharedData.path("bitcoin/bitcoinj/block227835.dat"));
        byte[] framed = new byte[8 + block.length];
        framed[0] = (byte) 0xf9;
        framed[1] = (byte) 0xbe;
        framed[2] = (byte) 0xb4;
        framed[3] = (byte) 0xd9;
        for (int i = 0; i < 4; i++) {
            framed[4 + i] = (byte) (block.length >>> (8 * i));
        }
        System.arraycopy(block, 0, framed, 8, block.length);
        Files.write(later.resolve("blk00000.dat"), framed);
        RawBlock raw = new RawBlockParser().parse(block);
        return new BlkChainReader(new BlkFileReader(later), raw.header().prevHash(), 227_835, 10);
    }

    @Test
    void run_laterBlocksWhoseInputsSpendUnknownOutputs_stopsNamingTheInputAndStoresNothing() throws IOException {
        BlkChainReader later = laterBlock();

        assertThatThrownBy(() -> ingest(later, OptionalLong.empty()))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("block 227835").hasMessageContaining("neither the graph nor the source knows");
        assertThat(store.counts()).containsEntry("Transaction", 0L).containsEntry("Block", 0L);
        assertThat(store.checkpoint(BTC)).isEmpty();
    }

    @Test
    void run_sameFilesAgainAfterTheEnd_nothingNewAndGraphUnchanged() {
        ingest(BlkChainReader.fromGenesis(blocks), OptionalLong.empty());
        Map<String, Long> counts = store.counts();
        Checkpoint at = store.checkpoint(BTC).orElseThrow();

        UtxoIngestReport again = ingest(BlkChainReader.resumeAfter(blocks, at.hash(), at.number()),
                OptionalLong.empty());

        assertThat(again.blocks()).isZero();
        assertThat(store.counts()).isEqualTo(counts);
        assertThat(List.of(again.lastBlock())).containsExactly(OptionalLong.empty());
    }
}
