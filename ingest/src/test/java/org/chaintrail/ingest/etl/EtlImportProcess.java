package org.chaintrail.ingest.etl;

import java.net.URI;
import java.nio.file.Path;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.model.Chain;

/**
 * An ethereum-etl import in a process of its own, for tests that kill it with SIGKILL mid-import.
 * Arguments: the {@code bolt://} URI of a Neo4j server that outlives it, the export directory. One
 * transfer per transaction, so that many commits land between kills; a thread prints
 * {@code stored N} as the stored transfers grow, so that a test can aim its kill at a point of the
 * import. When done it prints the graph's {@link TestGraph#digest}.
 */
public final class EtlImportProcess {
    private EtlImportProcess() {
    }

    public static void main(String[] args) {
        try (GraphConnection connection = GraphConnection.external(URI.create(args[0]), null, null)) {
            GraphStore store = connection.store();
            Thread progress = new Thread(() -> {
                long last = -1;
                while (!Thread.currentThread().isInterrupted()) {
                    long stored = store.counts().get("Transfer");
                    if (stored != last) {
                        System.out.println("stored " + stored);
                        System.out.flush();
                        last = stored;
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "progress");
            progress.setDaemon(true);
            progress.start();
            new EthereumEtlImporter(store, Chain.ETHEREUM, 1).importDirectory(Path.of(args[1]));
            progress.interrupt();
            System.out.println("digest " + TestGraph.digest(connection));
        }
    }
}
