package org.chaintrail.ingest.evm;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.rpc.Backoff;
import org.chaintrail.model.Chain;

/**
 * An ingest in a process of its own, for tests that kill it with SIGKILL at a random moment.
 * Arguments: the graph (a store directory for an embedded Neo4j that dies with the process, or the
 * {@code bolt://} URI of a server that outlives it), node URL, last block. Tiny batches make many
 * commits to land between; after each commit it prints {@code committed N} (N the checkpoint's
 * block) and pauses a little, so that a test can aim its kill at a point of the chain rather than
 * at a moment. When done it prints the graph's {@link TestGraph#digest}.
 */
public final class IngestProcess {
    private static final Duration PAUSE_AFTER_COMMIT = Duration.ofMillis(15);

    private IngestProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        URI rpc = URI.create(args[1]);
        long to = Long.parseLong(args[2]);
        try (GraphConnection connection = args[0].startsWith("bolt://")
                ? GraphConnection.external(URI.create(args[0]), null, null) : GraphConnection.embedded(Path.of(args[0]))) {
            System.out.println("ready");
            System.out.flush();
            EvmIngestConfig config = EvmIngestConfig.of(rpc, Chain.ETHEREUM)
                    .withRange(OptionalLong.of(0), OptionalLong.of(to))
                    .withThroughput(2, 2, 3)
                    .withRetries(Duration.ofSeconds(10), Backoff.DEFAULT);
            GraphStore graph = connection.store();
            EvmIngestReport report = new EvmIngestor(graph, config, batch -> {
                graph.write(batch);
                batch.checkpoint().ifPresent(c -> {
                    System.out.println("committed " + c.number());
                    System.out.flush();
                });
                try {
                    Thread.sleep(PAUSE_AFTER_COMMIT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).run();
            System.out.println("done " + report.lastBlock());
            System.out.println("digest " + TestGraph.digest(connection));
        }
    }
}
