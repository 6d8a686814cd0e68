package org.chaintrail.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.chaintrail.graph.EmbeddedNeo4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "neo4j-server", mixinStandardHelpOptions = true,
        description = {"Run the embedded Neo4j alone, as a server in this process, until Ctrl-C: other processes "
                + "reach it with --neo4j-uri. Bolt on 127.0.0.1 only, without authentication (the store's file "
                + "permissions guard it); for another machine, run a Neo4j 5 server or cluster instead."},
        footer = {"", "Example:", "  ./chaintrail neo4j-server --store data/graph --bolt-port 7687",
                "  ./chaintrail serve --neo4j-uri bolt://127.0.0.1:7687"})
final class Neo4jServerCommand implements Callable<Integer> {
    /** The line a script or test waits for; the Bolt URI follows it. */
    static final String READY = "Neo4j serving ";

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "data/graph",
            description = "Store directory, created if missing (default: ${DEFAULT-VALUE}).")
    Path store;

    @Option(names = "--bolt-port", paramLabel = "PORT", defaultValue = "7687",
            description = "Loopback port for Bolt, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int boltPort;

    @Override
    public Integer call() throws InterruptedException {
        // The server's own shutdown hook stops it cleanly on Ctrl-C or SIGTERM.
        EmbeddedNeo4j server = EmbeddedNeo4j.start(store, boltPort);
        System.out.println(READY + server.boltUri() + " with store " + store.toAbsolutePath() + "; Ctrl-C to stop");
        new CountDownLatch(1).await();
        return 0;
    }
}
