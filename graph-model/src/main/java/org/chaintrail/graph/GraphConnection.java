package org.chaintrail.graph;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;

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

    private GraphConnection(Driver driver, Optional<EmbeddedNeo4j> embedded, String description) {
        this.driver = driver;
        this.embedded = embedded;
        this.description = description;
        driver.verifyConnectivity();
        GraphSchema.apply(driver);
        this.store = new GraphStore(driver);
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
            Driver driver = GraphDatabase.driver(server.boltUri(), AuthTokens.none(), driverConfig());
            return new GraphConnection(driver, Optional.of(server), "embedded Neo4j, store " + storeDir.toAbsolutePath());
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
        return new GraphConnection(GraphDatabase.driver(uri, auth, driverConfig()), Optional.empty(), "Neo4j at " + uri);
    }

    private static Config driverConfig() {
        return Config.builder().withLogging(Logging.slf4j()).build();
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
