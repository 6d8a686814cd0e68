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
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.chaintrail.graph.ChildJvm;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Transfer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of an ingest process at random points of one ingest, each round resuming where
 * the last one's graph stands: the graph must then equal a clean run's, node for node and property
 * for property ({@link TestGraph#digest}), with no gap, no duplicate and no partial block.
 *
 * <p>Ten kills of an ingest writing to a Neo4j server that outlives it (this JVM's, over Bolt: the
 * server rolls back the transaction the dead client left open), and two of an ingest whose embedded
 * Neo4j dies with it mid-commit (the store recovers on the next start). A JVM with Neo4j in it takes
 * seconds to start on this machine, which is why the ten are of the first kind.
 *
 * <p>The kill points are blocks drawn from a seed (printed; {@code -Dchaintrail.kill.seed=N} tries
 * another): a round waits until the child has committed a batch at or past its point, then kills it
 * after a drawn delay of 0–40 ms, so the kill lands anywhere in the fetch-write cycle.
 */
class KillAndResumeTest {
    private static final long SEED = Long.getLong("chaintrail.kill.seed", 20261123L);
    private static AnvilNode node;
    private static long head;
    private static List<String> parties;
    private static String token;
    private static Map<String, Transfer> expected;
    private static Map<String, Long> expectedCounts;
    private static String expectedDigest;

    @BeforeAll
    static void chainAndCleanRun() {
        node = AnvilNode.start();
        TestChainDriver driver = new TestChainDriver(node);
        List<String> accounts = node.accounts();
        token = driver.deploy(accounts.get(0), TestChainDriver.bytecode("TestToken"));
        Random chain = new Random(20261123);
        for (int i = 0; i < 120; i++) {
            String from = accounts.get(i % 3);
            String to = accounts.get(3 + chain.nextInt(7));
            if (i % 2 == 0) {
                driver.sendEth(from, to, BigInteger.valueOf(1_000_000_000L + i));
            } else {
                driver.tokenTransfer(token, accounts.get(0), to, BigInteger.valueOf(1_000 + i));
            }
        }
        head = node.blockNumber();
        parties = new ArrayList<>(accounts);
        parties.add(token);
        parties.add(Chain.ETHEREUM.zeroAddress());

        GraphConnection clean = TestGraph.fresh();
        new EvmIngestor(clean.store(), EvmIngestConfig.of(URI.create(node.url()), Chain.ETHEREUM)
                .withRange(OptionalLong.of(0), OptionalLong.of(head))).run();
        expected = transfers(clean.store());
        expectedCounts = clean.store().counts();
        expectedDigest = TestGraph.digest(clean);
        assertThat(expected).hasSize(121);
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void killedTenTimesWritingToAServer_resumedGraphEqualsACleanRun() throws Exception {
        GraphConnection graph = TestGraph.fresh();
        String bolt = graph.embeddedBoltUri().orElseThrow().toString();

        List<String> killedAt = killAndResume(bolt, 10, SEED);

        assertThat(killedAt).as("processes killed mid-run (seed %d)", SEED).hasSize(10);
        assertThat(transfers(graph.store())).isEqualTo(expected);
        assertThat(graph.store().counts()).isEqualTo(expectedCounts);
        assertThat(TestGraph.digest(graph)).as("the whole graph (seed %d)", SEED).isEqualTo(expectedDigest);
    }

    @Test
    void killedTwiceWithItsEmbeddedStore_storeRecoversAndEqualsACleanRun(@TempDir Path dir) throws Exception {
        // The digest check is the resumed child's own: it has the store open.
        List<String> killedAt = killAndResume(dir.resolve("store").toString(), 2, SEED + 1);

        assertThat(killedAt).as("processes killed mid-run (seed %d)", SEED + 1).hasSize(2);
    }

    /**
     * Kills {@code kills} ingests into {@code graph} at drawn points, then lets one finish and
     * checks the digest it prints. The points are drawn from {@code seed}.
     *
     * @return the last block each killed process had committed
     */
    private static List<String> killAndResume(String graph, int kills, long seed) throws Exception {
        Random random = new Random(seed);
        TreeSet<Long> drawn = new TreeSet<>();
        while (drawn.size() < kills) {
            drawn.add(2 + (long) random.nextInt((int) head - 12));
        }
        System.out.println("KillAndResumeTest: seed " + seed + ", kill points (blocks) " + drawn + " of 0–" + head);
        List<String> killedAt = new ArrayList<>();
        for (long point : drawn) {
            ChildJvm child = ChildJvm.start(IngestProcess.class, graph, node.url(), Long.toString(head));
            boolean reached = child.await(line -> line.startsWith("committed ")
                    && Long.parseLong(line.substring("committed ".length())) >= point, "a commit at " + point);
            Thread.sleep(random.nextInt(40));
            if (reached && child.process().isAlive()) {
                child.process().destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
                List<String> commits = child.output().lines().filter(l -> l.startsWith("committed ")).toList();
                killedAt.add(commits.get(commits.size() - 1).substring("committed ".length()));
            }
            assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        System.out.println("KillAndResumeTest: killed after the commits of blocks " + killedAt);
        ChildJvm last = ChildJvm.start(IngestProcess.class, graph, node.url(), Long.toString(head));
        assertThat(last.process().waitFor(120, TimeUnit.SECONDS)).as("the resumed ingest finishes").isTrue();
        assertThat(last.process().exitValue()).as(last.output()).isZero();
        assertThat(last.output()).contains("done " + head).contains("digest " + expectedDigest);
        return killedAt;
    }

    private static Map<String, Transfer> transfers(GraphStore store) {
        Map<String, Transfer> all = new TreeMap<>();
        for (String asset : List.of(Asset.NATIVE, token)) {
            store.transfersFrom(Chain.ETHEREUM, asset, parties).forEach(t -> all.put(t.id(), t));
            store.transfersTo(Chain.ETHEREUM, asset, parties).forEach(t -> all.put(t.id(), t));
        }
        return all;
    }
}
