package org.chaintrail.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.chaintrail.analytics.entities.EntityResolver;
import org.chaintrail.bench.TraceBenchmark.Load;
import org.chaintrail.graph.GraphConnection;

/**
 * The benchmark's embedded store: generated once, with its entities, and reused by later runs of
 * the same configuration. A marker file beside the database records the configuration and
 * whether loading finished. An interrupted load resumes: batches are written whole and in order,
 * so the transfers already stored say how many batches to skip.
 */
final class BenchStore {
    static final String MARKER = "chaintrail-bench.properties";

    private BenchStore() {
    }

    /**
     * @param connection     the open graph
     * @param plan           the cases and their seeds
     * @param load           how it was loaded
     * @param diskBytesAtStart the store's size on disk before the server started (0 for a new store): the
     *                       only moment the files are complete, since a running server writes lazily
     */
    record Prepared(GraphConnection connection, SyntheticChain.Plan plan, Load load, long diskBytesAtStart) {
    }

    /**
     * Opens the store at {@code dir}, generating the economy into it unless it already holds it.
     *
     * @throws IllegalArgumentException if the directory holds something else: another configuration,
     *                                  or files that are not a bench store
     */
    static Prepared open(Path dir, SyntheticChain.Config config, PrintStream progress) {
        Path marker = dir.resolve(MARKER);
        Map<String, String> expected = describe(config);
        Map<String, String> found = Files.exists(marker) ? read(marker) : Map.of();
        if (found.isEmpty() && !isEmpty(dir)) {
            throw new IllegalArgumentException("--store " + dir + " is not empty and is not a bench store; "
                    + "choose an empty or new directory");
        }
        if (!found.isEmpty() && !expected.entrySet().stream().allMatch(e -> e.getValue().equals(found.get(e.getKey())))) {
            throw new IllegalArgumentException("--store " + dir + " holds a bench graph of another configuration ("
                    + summary(found) + "); use another --store, or delete the directory to generate " + summary(expected));
        }
        SyntheticChain chain = new SyntheticChain(config);
        long diskBytes = Files.isDirectory(dir) ? sizeOnDisk(dir) : 0;
        GraphConnection connection = GraphConnection.embedded(dir);
        try {
            long stored = connection.store().counts().get("Transfer");
            if ("complete".equals(found.get("state"))) {
                if (stored != config.transfers()) {
                    throw new IllegalStateException("--store " + dir + " should hold " + config.transfers()
                            + " transfers and holds " + stored + "; delete it to generate it again");
                }
                return new Prepared(connection, chain.plan(), new Load(true,
                        Duration.ofMillis(Long.parseLong(found.getOrDefault("writingMillis", "0"))),
                        Duration.ofMillis(Long.parseLong(found.getOrDefault("entitiesMillis", "0"))), 0), diskBytes);
            }
            Map<String, String> state = new LinkedHashMap<>(expected);
            state.put("state", "loading");
            write(marker, state);
            Load load = load(chain, connection, stored, progress);
            state.put("state", "complete");
            state.put("writingMillis", String.valueOf(load.writing().toMillis()));
            state.put("entitiesMillis", String.valueOf(load.entities().toMillis()));
            write(marker, state);
            return new Prepared(connection, chain.plan(), load, diskBytes);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static Load load(SyntheticChain chain, GraphConnection connection, long stored, PrintStream progress) {
        var store = connection.store();
        long total = chain.plan().config().transfers();
        long skipBatches = stored / SyntheticChain.BATCH_TRANSFERS;
        LoadProgress shown = new LoadProgress(progress, total);
        if (skipBatches > 0) {
            progress.printf("resuming an interrupted load: %,d transfers are stored already%n", stored);
            shown.skipped(skipBatches * SyntheticChain.BATCH_TRANSFERS);
        }
        long started = System.nanoTime();
        long[] batch = {0, 0};
        chain.generate(b -> {
            if (batch[0]++ >= skipBatches) {
                store.write(b);
            }
            batch[1] += b.transfers().size();
            shown.update(batch[1]);
        });
        Duration writing = Duration.ofNanos(System.nanoTime() - started);
        progress.println("resolving entities (labels and the deposit-address heuristic)...");
        long resolving = System.nanoTime();
        var report = new EntityResolver(store, SyntheticChain.CHAIN).resolve();
        Duration entities = Duration.ofNanos(System.nanoTime() - resolving);
        progress.println("  " + report.describe() + " in " + entities.toSeconds() + " s");
        long now = store.counts().get("Transfer");
        if (now != total) {
            throw new IllegalStateException("the store holds " + now + " transfers after loading, expected " + total);
        }
        return new Load(false, writing, entities, skipBatches * SyntheticChain.BATCH_TRANSFERS);
    }

    private static Map<String, String> describe(SyntheticChain.Config config) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("generator", String.valueOf(SyntheticChain.VERSION));
        m.put("addresses", String.valueOf(config.addresses()));
        m.put("transfers", String.valueOf(config.transfers()));
        m.put("cases", String.valueOf(config.cases()));
        m.put("seed", String.valueOf(config.seed()));
        return m;
    }

    private static String summary(Map<String, String> m) {
        return m.get("addresses") + " addresses, " + m.get("transfers") + " transfers, " + m.get("cases")
                + " cases, seed " + m.get("seed") + ", generator " + m.get("generator");
    }

    private static boolean isEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static Map<String, String> read(Path marker) {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker, e);
        }
        return m;
    }

    private static void write(Path marker, Map<String, String> m) {
        StringBuilder text = new StringBuilder("# A chaintrail bench store: the graph SyntheticChain generates for this "
                + "configuration.\n# Delete the whole directory to generate it again.\n");
        m.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + marker, e);
        }
    }

    /** Bytes of all files under the directory: the store's size on disk. */
    static long sizeOnDisk(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // a file Neo4j rotated away while we walked
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + dir, e);
        }
    }
}
