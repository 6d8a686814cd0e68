package org.chaintrail.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The real embedded Neo4j for tests: one server per test JVM (a start costs seconds, a shutdown
 * ~10 s), wiped clean for each test that asks for it.
 */
public final class TestGraph {
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

    private static GraphConnection connection() {
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

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
    }
}
