package org.chaintrail.graph;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.locker.FileLockException;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Neo4j Community running inside this JVM with its Bolt connector on loopback. Nothing talks to
 * it except through Bolt, so the same code serves an external server or cluster; started alone in
 * a JVM of its own ({@code chaintrail neo4j-server}) it is that external server.
 */
public final class EmbeddedNeo4j implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedNeo4j.class);

    private final Path storeDir;
    private final DatabaseManagementService dbms;
    private final URI boltUri;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedNeo4j(Path storeDir, DatabaseManagementService dbms, URI boltUri) {
        this.storeDir = storeDir;
        this.dbms = dbms;
        this.boltUri = boltUri;
    }

    /**
     * Starts the server on a store directory, creating it if needed.
     *
     * @param storeDir where the database files live
     * @param boltPort the loopback port, or 0 for a free one
     * @throws IllegalArgumentException if the port is out of range
     * @throws IllegalStateException    if another process holds the store
     * @throws StoreDirectory.StoreUnusableException if the directory cannot be created or written,
     *                                               or its disk is (nearly) full
     */
    public static EmbeddedNeo4j start(Path storeDir, int boltPort) {
        Objects.requireNonNull(storeDir, "storeDir");
        if (boltPort < 0 || boltPort > 65535) {
            throw new IllegalArgumentException("bolt port must be 0..65535, was " + boltPort);
        }
        StoreDirectory.check(storeDir);
        long started = System.nanoTime();
        DatabaseManagementService dbms;
        try {
            dbms = build(storeDir, boltPort);
        } catch (RuntimeException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof FileLockException) {
                    throw new IllegalStateException("the store " + storeDir.toAbsolutePath() + " is in use by another "
                            + "process; stop it (Ctrl-C) or choose another --store", e);
                }
            }
            throw e;
        }
        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        HostnamePort bolt = db.getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        URI uri = URI.create("bolt://127.0.0.1:" + bolt.getPort());
        LOG.info("embedded Neo4j on {} with store {} started in {} ms", uri, storeDir,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        EmbeddedNeo4j server = new EmbeddedNeo4j(storeDir, dbms, uri);
        // Ctrl-C must not leave a store that needs recovery on the next start.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "neo4j-shutdown"));
        return server;
    }

    private static DatabaseManagementService build(Path storeDir, int boltPort) {
        return new DatabaseManagementServiceBuilder(storeDir.toAbsolutePath())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                // What the server names itself in the routing table a neo4j:// driver asks for; the
                // default host, localhost, may resolve to ::1, where nothing listens. (With port 0,
                // the port is chosen at bind and cannot be advertised: use bolt:// then.)
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // A server that stops answering (frozen, or its machine gone) must fail a request in
                // seconds, not hang it until TCP gives up: during every request the server sends a
                // keep-alive at least every 5 s, and its Bolt hint connection.recv_timeout_seconds
                // tells the driver to drop a connection after two of them are missed.
                .setConfig(BoltConnector.connection_keep_alive, Duration.ofSeconds(5))
                .setConfig(BoltConnector.connection_keep_alive_probes, 2)
                .setConfig(BoltConnector.connection_keep_alive_streaming_scheduling_interval, Duration.ofSeconds(1))
                // Loopback only, one user: the operating system's file permissions guard the store.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // Transaction logs otherwise dwarf the store (shared/STACK.md); keep one day for recovery.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 days")
                .build();
    }

    /** Where the server listens: {@code bolt://127.0.0.1:PORT}. */
    public URI boltUri() {
        return boltUri;
    }

    Path storeDir() {
        return storeDir;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            dbms.shutdown();
        }
    }
}
