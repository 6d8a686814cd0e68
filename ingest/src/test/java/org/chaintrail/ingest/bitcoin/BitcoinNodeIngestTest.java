package org.chaintrail.ingest.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.ingest.rpc.Backoff;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.model.UtxoTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node that reorganises: the regtest scenario's main branch (to 109) is ingested, then the node
 * switches to the competing branch from 108 (to 110, with a double spend of an output the main
 * branch spent). The graph must end equal to an ingest of the new branch alone.
 */
class BitcoinNodeIngestTest {
    private static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 8, 3);
    private static RegtestScenario scenario;
    private static RegtestChain branch;

    private ScriptedBitcoinNode node;
    private BitcoinCoreClient client;
    private GraphStore store;

    @BeforeAll
    static void build() {
        scenario = new RegtestScenario();
        branch = scenario.reorg();
    }

    @BeforeEach
    void start() {
        node = ScriptedBitcoinNode.start(scenario.main.blocks());
        client = new BitcoinCoreClient(node.uri(), Duration.ofSeconds(5), FAST, 100);
        store = TestGraph.fresh().store();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private BitcoinNodeIngest ingest(boolean follow, int maxReorgDepth) {
        return new BitcoinNodeIngest(store, client, new UtxoIngestor(store, Chain.BITCOIN, 20, 1_000),
                new BitcoinNodeIngest.Options(OptionalLong.of(0), OptionalLong.empty(), 0, follow,
                        Duration.ofMillis(50), maxReorgDepth));
    }

    private static Checkpoint tip(RegtestChain chain) {
        Block tip = chain.block(chain.height());
        return new Checkpoint(Chain.BITCOIN, chain.height(), tip.getHashAsString());
    }

    /** Every transaction of a branch as the graph holds it, by txid. */
    private Map<String, Optional<UtxoTransaction>> stored(RegtestChain chain) {
        Map<String, Optional<UtxoTransaction>> all = new TreeMap<>();
        for (Block b : chain.blocks()) {
            for (Transaction t : b.getTransactions()) {
                all.put(t.getTxId().toString(), store.utxo().transaction(Chain.BITCOIN, t.getTxId().toString()));
            }
        }
        return all;
    }

    @Test
    void run_nodeSwitchedToALongerBranch_rollsBackToTheForkAndEndsEqualToTheBranchAlone() {
        node.serve(branch.blocks());
        ingest(false, 100).run();
        Map<String, Long> branchCounts = store.counts();
        Map<String, Optional<UtxoTransaction>> branchTransactions = stored(branch);
        store.deleteAllForTests();
        node.serve(scenario.main.blocks());
        ingest(false, 100).run();
        assertThat(store.checkpoint(Chain.BITCOIN)).contains(tip(scenario.main));
        assertThat(store.utxo().transaction(Chain.BITCOIN, scenario.sixInputs.getTxId().toString())).isPresent();

        node.serve(branch.blocks());
        UtxoIngestReport report = ingest(false, 100).run();

        assertThat(report.rolledBack()).isEqualTo(2); // 108 and 109 of the main branch
        assertThat(report.blocks()).isEqualTo(3); // 108 to 110 of the new one
        assertThat(store.checkpoint(Chain.BITCOIN)).contains(tip(branch));
        assertThat(store.utxo().transaction(Chain.BITCOIN, scenario.sixInputs.getTxId().toString())).isEmpty();
        assertThat(store.utxo().transaction(Chain.BITCOIN, scenario.doubleSpend().getTxId().toString())).isPresent();
        assertThat(store.counts()).isEqualTo(branchCounts);
        assertThat(stored(branch)).isEqualTo(branchTransactions);
    }

    @Test
    void run_following_picksUpNewBlocksAndAReorgWhileRunning() throws Exception {
        BitcoinNodeIngest following = ingest(true, 100);
        CompletableFuture<UtxoIngestReport> running = CompletableFuture.supplyAsync(following::run);
        try {
            await(tip(scenario.main));
            node.serve(branch.blocks());
            await(tip(branch));
        } finally {
            following.stop();
        }
        UtxoIngestReport report = running.get(60, TimeUnit.SECONDS);

        assertThat(report.rolledBack()).isEqualTo(2);
        assertThat(report.stopped()).isTrue();
        assertThat(store.utxo().transaction(Chain.BITCOIN, scenario.sixInputs.getTxId().toString())).isEmpty();
    }

    @Test
    void run_storedChainDiffersDeeperThanTheLimit_refusesAndKeepsTheGraph() {
        ingest(false, 100).run();
        Map<String, Long> before = store.counts();
        node.serve(branch.blocks());

        assertThatThrownBy(() -> ingest(false, 1).run())
                .isInstanceOf(IngestException.class).hasMessageContaining("more than 1 blocks below block 109");
        assertThat(store.counts()).isEqualTo(before);
        assertThat(store.checkpoint(Chain.BITCOIN)).contains(tip(scenario.main));
    }

    private void await(Checkpoint expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (store.checkpoint(Chain.BITCOIN).equals(Optional.of(expected))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the ingest never reached " + expected + "; it is at "
                + store.checkpoint(Chain.BITCOIN));
    }
}
