package org.chaintrail.ingest.evm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.chaintrail.graph.ChildJvm;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Transfer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of an ingest process at random moments, then a resume: the graph must equal a
 * clean run's, transfer for transfer, with no gap and no duplicate.
 */
class KillAndResumeTest {
    private static final int KILLS = 3;

    @Test
    void aKilledIngestResumesWithNoGapAndNoDuplicate(@TempDir Path dir) throws Exception {
        try (AnvilNode node = AnvilNode.start()) {
            TestChainDriver driver = new TestChainDriver(node);
            List<String> accounts = node.accounts();
            String token = driver.deploy(accounts.get(0), TestChainDriver.bytecode("TestToken"));
            Random random = new Random(20261123);
            for (int i = 0; i < 120; i++) {
                String from = accounts.get(i % 3);
                String to = accounts.get(3 + random.nextInt(7));
                if (i % 2 == 0) {
                    driver.sendEth(from, to, BigInteger.valueOf(1_000_000_000L + i));
                } else {
                    driver.tokenTransfer(token, accounts.get(0), to, BigInteger.valueOf(1_000 + i));
                }
            }
            long head = node.blockNumber();
            List<String> parties = new ArrayList<>(accounts);
            parties.add(token);
            parties.add(Chain.ETHEREUM.zeroAddress());

            GraphStore clean = TestGraph.fresh().store();
            new EvmIngestor(clean, EvmIngestConfig.of(URI.create(node.url()), Chain.ETHEREUM)
                    .withRange(OptionalLong.of(0), OptionalLong.of(head))).run();
            Map<String, Transfer> expected = transfers(clean, parties, token);
            Map<String, Long> expectedCounts = clean.counts();
            assertThat(expected).hasSize(121);

            Path store = dir.resolve("store");
            int killed = 0;
            for (int round = 0; round < KILLS; round++) {
                ChildJvm child = ChildJvm.start(IngestProcess.class, store.toString(), node.url(), Long.toString(head));
                child.await("ready");
                Thread.sleep(300 + random.nextInt(2_500));
                if (child.process().isAlive()) {
                    child.process().destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
                    killed++;
                }
                assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            ChildJvm last = ChildJvm.start(IngestProcess.class, store.toString(), node.url(), Long.toString(head));
            assertThat(last.process().waitFor(120, TimeUnit.SECONDS)).as("the resumed ingest finishes").isTrue();
            assertThat(last.process().exitValue()).as(last.output()).isZero();
            assertThat(last.output()).contains("done " + head);

            assertThat(killed).as("processes killed mid-run").isPositive();
            try (GraphConnection resumed = GraphConnection.embedded(store)) {
                assertThat(transfers(resumed.store(), parties, token)).isEqualTo(expected);
                assertThat(resumed.store().counts()).isEqualTo(expectedCounts);
                assertThat(resumed.store().checkpoint(Chain.ETHEREUM)).isEqualTo(clean.checkpoint(Chain.ETHEREUM));
            }
        }
    }

    private static Map<String, Transfer> transfers(GraphStore store, List<String> parties, String token) {
        Map<String, Transfer> all = new TreeMap<>();
        for (String asset : List.of(Asset.NATIVE, token)) {
            store.transfersFrom(Chain.ETHEREUM, asset, parties).forEach(t -> all.put(t.id(), t));
            store.transfersTo(Chain.ETHEREUM, asset, parties).forEach(t -> all.put(t.id(), t));
        }
        return all;
    }
}
