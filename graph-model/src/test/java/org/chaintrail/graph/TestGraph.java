package org.chaintrail.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.neo4j.driver.Value;

/**
 * The real embedded Neo4j for tests: one server per test JVM (a start costs seconds, a shutdown
 * ~10 s), wiped clean for each test that asks for it. With {@code -Dchaintrail.test.neo4jUri=bolt://…}
 * the tests use that server instead, through the driver alone, as {@code --neo4j-uri} does (CI runs
 * graph-model's tests so against {@code chaintrail neo4j-server} in another process: .ci/external-neo4j).
 */
public final class TestGraph {
    /** The system property naming an external server; its graph is wiped, so never point it at real data. */
    public static final String NEO4J_URI = "chaintrail.test.neo4jUri";

    private static GraphConnection connection;
    private static Path storeDir;

    private TestGraph() {
    }

    /** The shared connection, started on first use, with an empty graph (schema kept). */
    public static synchronized GraphConnection fresh() {
        GraphConnection c = connection();
        c.store().deleteAllForTests();
        return c;
    }

    /** The external server the tests run against, if {@value #NEO4J_URI} names one. */
    public static Optional<URI> externalUri() {
        String uri = System.getProperty(NEO4J_URI, "");
        return uri.isBlank() ? Optional.empty() : Optional.of(URI.create(uri.trim()));
    }

    /** The shared connection as it is, not emptied: to read what a test has written through {@link #fresh}. */
    public static synchronized GraphConnection shared() {
        return connection();
    }

    private static GraphConnection connection() {
        if (connection == null && externalUri().isPresent()) {
            connection = GraphConnection.external(externalUri().get(), null, null);
            Runtime.getRuntime().addShutdownHook(new Thread(connection::close, "test-graph-cleanup"));
        }
        if (connection == null) {
            try {
                storeDir = Files.createTempDirectory("chaintrail-test-graph");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            connection = GraphConnection.embedded(storeDir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                connection.close();
                deleteTree(storeDir);
            }, "test-graph-cleanup"));
        }
        return connection;
    }

    /**
     * A SHA-256 over every node (labels and properties) and every relationship (type, properties and
     * both ends): equal before and after means nothing stored was added, changed or lost. For the
     * small graphs of tests; it reads the whole graph.
     */
    public static String digest(GraphConnection graph) {
        return digest(graph, Set.of());
    }

    /** {@link #digest(GraphConnection)} of the nodes without any of {@code skipped}'s labels and the relationships between them. */
    public static String digest(GraphConnection graph, Set<String> skipped) {
        Map<String, Object> params = Map.of("skipped", List.copyOf(skipped));
        List<String> lines = new ArrayList<>(GraphStore.read(graph.driver(), """
                MATCH (n) WHERE none(l IN labels(n) WHERE l IN $skipped)
                RETURN labels(n) AS labels, properties(n) AS props""", params,
                r -> node(r.get("labels"), r.get("props"))));
        lines.addAll(GraphStore.read(graph.driver(), """
                MATCH (a)-[r]->(b)
                WHERE none(l IN labels(a) + labels(b) WHERE l IN $skipped)
                RETURN type(r) AS type, properties(r) AS props, labels(a) AS aLabels, properties(a) AS a,
                       labels(b) AS bLabels, properties(b) AS b""", params,
                r -> r.get("type").asString() + new TreeMap<>(r.get("props").asMap()) + " from "
                        + node(r.get("aLabels"), r.get("a")) + " to " + node(r.get("bLabels"), r.get("b"))));
        lines.sort(Comparator.naturalOrder());
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            lines.forEach(line -> sha.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
            return lines.size() + " lines, sha256 " + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String node(Value labels, Value properties) {
        return labels.asList(Value::asString).stream().sorted().toList() + new TreeMap<>(properties.asMap()).toString();
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
    }
}
