package org.chaintrail.ingest.evm;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.ingest.rpc.Backoff;
import org.chaintrail.model.Chain;

/**
 * An ingest in a process of its own, for tests that kill it with SIGKILL at a random moment.
 * Arguments: store directory, node URL, last block. Tiny batches make many commits to land between.
 */
public final class IngestProcess {
    private IngestProcess() {
    }

    public static void main(String[] args) {
        Path store = Path.of(args[0]);
        URI rpc = URI.create(args[1]);
        long to = Long.parseLong(args[2]);
        try (GraphConnection connection = GraphConnection.embedded(store)) {
            System.out.println("ready");
            System.out.flush();
            EvmIngestConfig config = EvmIngestConfig.of(rpc, Chain.ETHEREUM)
                    .withRange(OptionalLong.of(0), OptionalLong.of(to))
                    .withThroughput(2, 2, 3)
                    .withRetries(Duration.ofSeconds(10), Backoff.DEFAULT);
            EvmIngestReport report = new EvmIngestor(connection.store(), config).run();
            System.out.println("done " + report.lastBlock());
        }
    }
}
