package org.chaintrail.ingest.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.chaintrail.graph.ChildJvm;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.SharedData;
import org.chaintrail.model.Chain;
import org.chaintrail.model.UtxoTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a raw-block ingest at random moments, then a resume: the graph must equal a
 * clean run's, transaction for transaction, with no gap and no duplicate. Real mainnet blocks
 * 0–438 (shared/data item B1), one transaction per commit.
 */
class BlkKillAndResumeTest {
    private static final int KILLS = 3;

    @Test
    void aKilledBlkIngestResumesWithNoGapAndNoDuplicate(@TempDir Path dir) throws Exception {
        Path blocks = Files.createDirectories(dir.resolve("blocks"));
        Files.copy(SharedData.path("bitcoin/bitcoinj/first-100k-blocks.dat"), blocks.resolve("blk00000.dat"));
        List<String> txids = new ArrayList<>();
        try (BlkChainReader reader = BlkChainReader.fromGenesis(blocks)) {
            for (var b = reader.next(); b.isPresent(); b = reader.next()) {
                b.get().transactions().forEach(t -> txids.add(t.txid()));
            }
        }
        assertThat(txids).hasSize(446);

        GraphStore clean = TestGraph.fresh().store();
        try (BlkChainReader source = BlkChainReader.fromGenesis(blocks)) {
            new UtxoIngestor(clean, Chain.BITCOIN).run(source, OptionalLong.empty());
        }
        Map<String, Optional<UtxoTransaction>> expected = transactions(clean, txids);
        Map<String, Long> expectedCounts = clean.counts();

        Path store = dir.resolve("store");
        Random random = new Random(20261123);
        int killed = 0;
        for (int round = 0; round < KILLS; round++) {
            ChildJvm child = ChildJvm.start(BlkIngestProcess.class, store.toString(), blocks.toString());
            child.await("ready");
            Thread.sleep(200 + random.nextInt(2_000));
            if (child.process().isAlive()) {
                child.process().destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
                killed++;
            }
            assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        ChildJvm last = ChildJvm.start(BlkIngestProcess.class, store.toString(), blocks.toString());
        assertThat(last.process().waitFor(120, TimeUnit.SECONDS)).as("the resumed ingest finishes").isTrue();
        assertThat(last.process().exitValue()).as(last.output()).isZero();
        assertThat(last.output()).contains("done 438");

        assertThat(killed).as("processes killed mid-run").isPositive();
        try (GraphConnection resumed = GraphConnection.embedded(store)) {
            assertThat(transactions(resumed.store(), txids)).isEqualTo(expected);
            assertThat(resumed.store().counts()).isEqualTo(expectedCounts);
            assertThat(resumed.store().checkpoint(Chain.BITCOIN)).isEqualTo(clean.checkpoint(Chain.BITCOIN));
        }
    }

    private static Map<String, Optional<UtxoTransaction>> transactions(GraphStore store, List<String> txids) {
        Map<String, Optional<UtxoTransaction>> all = new TreeMap<>();
        txids.forEach(txid -> all.put(txid, store.utxo().transaction(Chain.BITCOIN, txid)));
        assertThat(all.values()).allMatch(Optional::isPresent);
        return all;
    }
}
