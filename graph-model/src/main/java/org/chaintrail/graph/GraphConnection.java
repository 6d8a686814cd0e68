package org.chaintrail.graph;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.exceptions.RetryableException;

/**
 * The one driver of a process and, by default, the embedded server it talks to. Opening a
 * connection applies the schema; closing it shuts both down cleanly.
 */
public final class GraphConnection implements AutoCloseable {
    private final Driver driver;
    private final Optional<EmbeddedNeo4j> embedded;
    private final GraphStore store;
    private final String description;
    private boolean closed;

    private GraphConnection(Driver driver, Optional<EmbeddedNeo4j> embedded, String description, Runnable roomToWrite) {
        this.driver = driver;
        this.embedded = embedded;
        this.description = description;
        driver.verifyConnectivity();
        GraphSchema.apply(driver);
        this.store = new GraphStore(driver, roomToWrite);
    }

    /**
     * Starts the embedded Neo4j on a store directory (a free loopback port) and connects over Bolt.
     *
     * @param storeDir the database directory, created if missing
     * @throws StoreDirectory.StoreUnusableException before Neo4j starts, if the directory cannot be
     *                                               created or written or its disk is nearly full
     */
    public static GraphConnection embedded(Path storeDir) {
        EmbeddedNeo4j server = EmbeddedNeo4j.start(storeDir, 0);
        try {
            Driver driver = driver(server.boltUri(), AuthTokens.none());
            return new GraphConnection(driver, Optional.of(server), "embedded Neo4j, store " + storeDir.toAbsolutePath(),
                    () -> StoreDirectory.checkRoomToWrite(storeDir));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Connects to an external Neo4j server or cluster; no embedded server is started.
     *
     * @param uri      {@code bolt://…} or {@code neo4j://…}
     * @param user     user name, or null for no authentication
     * @param password password
     */
    public static GraphConnection external(URI uri, String user, String password) {
        Objects.requireNonNull(uri, "uri");
        String scheme = String.valueOf(uri.getScheme());
        if (!scheme.matches("bolt|neo4j|bolt\\+s|neo4j\\+s|bolt\\+ssc|neo4j\\+ssc")) {
            throw new IllegalArgumentException("Neo4j URI must be bolt://… or neo4j://…, was " + uri);
        }
        AuthToken auth = user == null || user.isBlank() ? AuthTokens.none() : AuthTokens.basic(user, password);
        return new GraphConnection(driver(uri, auth), Optional.empty(), "Neo4j at " + uri, () -> { });
    }

    /**
     * The process's driver: read-only work goes through {@code executeRead}, which a {@code neo4j://}
     * URI routes to a cluster's secondaries, and every session follows the process's own writes.
     */
    private static Driver driver(URI uri, AuthToken auth) {
        return new CausalDriver(GraphDatabase.driver(uri, auth, driverConfig()));
    }

    /**
     * Bounded waits, so that a database that is down is an error within seconds, never a hang: a
     * connect gives up after 5 s, waiting for a pooled connection after 10 s, and a transaction
     * that failed for a passing reason (a restart, a cluster electing a leader) is retried for 5 s.
     * Only then does the caller see the failure ({@link #unavailable(Throwable)} says which).
     */
    private static Config driverConfig() {
        return Config.builder().withLogging(Logging.slf4j())
                .withConnectionTimeout(5, TimeUnit.SECONDS)
                .withConnectionAcquisitionTimeout(10, TimeUnit.SECONDS)
                .withMaxTransactionRetryTime(5, TimeUnit.SECONDS)
                .build();
    }

    /**
     * Whether a failure means the database could not be reached or could not serve for now (down,
     * restarting, a cluster without a leader), so the same request may succeed later; a bad query
     * or bad data is not such a failure.
     *
     * @param failure what a graph operation threw
     */
    public static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetryableException) {
                return true;
            }
        }
        return false;
    }

    public GraphStore store() {
        return store;
    }

    /** The driver, for the few graph-model classes that run their own queries beside {@link GraphStore}. */
    Driver driver() {
        return driver;
    }

    /** The Bolt URI of the embedded server, when this connection started one. */
    public Optional<URI> embeddedBoltUri() {
        return embedded.map(EmbeddedNeo4j::boltUri);
    }

    /** Where the graph lives, for messages to the user. */
    public String description() {
        return description;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            driver.close();
        } finally {
            embedded.ifPresent(EmbeddedNeo4j::close);
        }
    }
}
