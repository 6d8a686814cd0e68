package org.chaintrail.ingest.bitcoin;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.model.Chain;

/**
 * A blk-file ingest in a process of its own, for tests that kill it with SIGKILL at a random
 * moment. Arguments: store directory, blocks directory. One transaction per batch, so that many
 * commits land between kills; it resumes after the stored checkpoint as the CLI does.
 */
public final class BlkIngestProcess {
    private BlkIngestProcess() {
    }

    public static void main(String[] args) {
        Path store = Path.of(args[0]);
        Path blocks = Path.of(args[1]);
        try (GraphConnection connection = GraphConnection.embedded(store)) {
            System.out.println("ready");
            System.out.flush();
            UtxoIngestor ingestor = new UtxoIngestor(connection.store(), Chain.BITCOIN, 1, 1_000);
            try (UtxoBlockSource source = ingestor.checkpoint()
                    .map(c -> BlkChainReader.resumeAfter(blocks, c.hash(), c.number()))
                    .orElseGet(() -> BlkChainReader.fromGenesis(blocks))) {
                UtxoIngestReport report = ingestor.run(source, OptionalLong.empty());
                System.out.println("done " + connection.store().checkpoint(Chain.BITCOIN).orElseThrow().number()
                        + " after " + report.blocks() + " blocks");
            }
        }
    }
}
