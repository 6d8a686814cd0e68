package org.chaintrail.ingest.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.graph.ChildJvm;
import org.chaintrail.model.Chain;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of an ethereum-etl import at random points, each time run again over what the
 * dead one stored (an import has no checkpoint: its writes are idempotent, so running it again is
 * the resume): the graph must end equal to one clean import's, by {@link TestGraph#digest}.
 *
 * <p>The demo case's export (fixtures/scam-centre/ethereum-etl: 72 blocks, 164 transfers), written
 * one transfer per transaction into this JVM's Neo4j over Bolt. The kill points are transfer counts
 * drawn from a printed seed ({@code -Dchaintrail.kill.seed=N} tries another); each kill follows the
 * point by a drawn 0–40 ms.
 */
class EtlKillAndResumeTest {
    private static final int KILLS = 4;
    private static final Path EXPORT =
            Path.of(System.getProperty("chaintrail.root", ".."), "fixtures", "scam-centre", "ethereum-etl");

    @Test
    void importKilledFourTimesThenRunAgain_graphEqualsACleanImport() throws Exception {
        long seed = Long.getLong("chaintrail.kill.seed", 20261124L);
        GraphConnection graph = TestGraph.fresh();
        ImportReport report = new EthereumEtlImporter(graph.store(), Chain.ETHEREUM).importDirectory(EXPORT);
        long transfers = report.nativeTransfers() + report.tokenTransfers();
        assertThat(transfers).isEqualTo(164);
        String clean = TestGraph.digest(graph);
        TestGraph.fresh();
        String bolt = graph.embeddedBoltUri().orElseThrow().toString();

        Random random = new Random(seed);
        TreeSet<Long> points = new TreeSet<>();
        while (points.size() < KILLS) {
            points.add(1 + (long) random.nextInt((int) transfers - 20));
        }
        System.out.println("EtlKillAndResumeTest: seed " + seed + ", kill points (transfers stored) " + points
                + " of " + transfers);
        List<Long> killedAt = new ArrayList<>();
        for (long point : points) {
            ChildJvm child = ChildJvm.start(EtlImportProcess.class, bolt, EXPORT.toString());
            boolean reached = child.await(line -> line.startsWith("stored ")
                    && Long.parseLong(line.substring("stored ".length())) >= point, point + " transfers stored");
            Thread.sleep(random.nextInt(40));
            if (reached && child.process().isAlive()) {
                child.process().destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
                killedAt.add(graph.store().counts().get("Transfer"));
            }
            assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        System.out.println("EtlKillAndResumeTest: transfers stored at each kill " + killedAt);
        ChildJvm last = ChildJvm.start(EtlImportProcess.class, bolt, EXPORT.toString());
        assertThat(last.process().waitFor(120, TimeUnit.SECONDS)).as("the last import finishes").isTrue();
        assertThat(last.process().exitValue()).as(last.output()).isZero();

        assertThat(killedAt).as("imports killed mid-run (seed %d)", seed).hasSize(KILLS);
        assertThat(last.output()).contains("digest " + clean);
        assertThat(TestGraph.digest(graph)).isEqualTo(clean);
    }
}
