package org.chaintrail.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.ingest.etl.EthereumEtlImporter;
import org.chaintrail.ingest.etl.ImportReport;
import org.chaintrail.model.Chain;

/**
 * The ingest benchmark: generates a {@link SyntheticEtlExport} (or reuses one of the same
 * configuration), imports it into a fresh embedded store with the real {@link EthereumEtlImporter},
 * optionally imports it again (every transfer already stored: the idempotent path), then runs
 * {@link NaiveMergeIngest} (one transaction per transfer with {@code MERGE}) on a prefix of the
 * same export into another fresh store, and reports blocks/s, transfers/s and the ratio.
 *
 * <p>Times are wall-clock around the whole import, reading and parsing the files included, and
 * exclude starting and stopping the server. The naive path runs on a prefix because it is slow; it
 * starts from an empty store, which favours it (small indexes, everything cached).
 */
public final class IngestBenchmark {
    static final String MARKER = "chaintrail-ingest-bench.properties";
    private static final String EXPORT_DONE = "complete";

    private final Settings settings;
    private final PrintStream progress;

    /**
     * What to run.
     *
     * @param export         the export to generate
     * @param dir            the bench directory: the export and the two stores live under it
     * @param batchSize      transfers per import transaction, 1..100,000
     * @param naiveTransfers transfers of the naive run (whole blocks, so a few more), 0 to skip it
     * @param reimport       whether to import the export a second time
     */
    public record Settings(SyntheticEtlExport.Config export, Path dir, int batchSize, long naiveTransfers,
                           boolean reimport) {
        public Settings {
            Objects.requireNonNull(export, "export");
            Objects.requireNonNull(dir, "dir");
            if (batchSize < 1 || batchSize > 100_000) {
                throw new IllegalArgumentException("batch size must be 1..100,000, was " + batchSize);
            }
            if (naiveTransfers < 0 || naiveTransfers > export.transfers()) {
                throw new IllegalArgumentException("naive transfers must be 0.." + export.transfers() + ", was "
                        + naiveTransfers);
            }
        }
    }

    /**
     * @param settings what to run
     * @param progress where progress goes (standard error); the report is returned, not printed
     */
    public IngestBenchmark(Settings settings, PrintStream progress) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Prepares the export, runs both ingests and returns the figures. */
    public Report run() {
        Path dir = settings.dir();
        BenchDirectory.claim(dir, MARKER, "chaintrail bench ingest",
                "a generated export and two stores, deleted and rebuilt by every run");
        SyntheticEtlExport.Config config = settings.export();
        Path export = dir.resolve(String.format(Locale.ROOT, "export-v%d-%d-%d", SyntheticEtlExport.VERSION,
                config.transfers(), config.seed()));
        Export prepared = export(export);

        Path fastStore = BenchDirectory.fresh(dir.resolve("store-import"));
        progress.printf("importing %,d transfers with EthereumEtlImporter (batches of %,d) into %s%n",
                prepared.written().transfers(), settings.batchSize(), fastStore);
        Run imported;
        Optional<Run> again = Optional.empty();
        try (GraphConnection connection = GraphConnection.embedded(fastStore)) {
            EthereumEtlImporter importer = new EthereumEtlImporter(connection.store(), Chain.ETHEREUM,
                    settings.batchSize());
            imported = importRun(connection, importer, export);
            check(imported, prepared.written());
            if (settings.reimport()) {
                progress.println("importing the same export again (every transfer is stored already)");
                Run second = importRun(connection, importer, export);
                if (!second.counts().equals(imported.counts())) {
                    throw new IllegalStateException("re-import changed the graph: " + imported.counts() + " became "
                            + second.counts());
                }
                again = Optional.of(second);
            }
        }

        Optional<NaiveMergeIngest.Result> naive = Optional.empty();
        if (settings.naiveTransfers() > 0) {
            Path naiveStore = BenchDirectory.fresh(dir.resolve("store-naive"));
            progress.printf("naive MERGE, one transaction per transfer, on the first %,d transfers into %s%n",
                    settings.naiveTransfers(), naiveStore);
            try (GraphConnection connection = GraphConnection.embedded(naiveStore)) {
                naive = Optional.of(NaiveMergeIngest.run(connection, export, settings.naiveTransfers()));
            }
        }
        return new Report(settings, export, prepared, imported, again, naive,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
                System.getProperty("java.version"));
    }

    /**
     * The export and how it came to be.
     *
     * @param written    what it holds
     * @param generation time to generate it, empty if an earlier run did
     */
    public record Export(SyntheticEtlExport.Written written, Optional<Duration> generation) {
    }

    /**
     * One import.
     *
     * @param report  the importer's report
     * @param elapsed wall-clock time of {@code importDirectory}
     * @param counts  the store's node and relationship counts afterwards
     */
    public record Run(ImportReport report, Duration elapsed, Map<String, Long> counts) {
        public Run {
            counts = Map.copyOf(counts);
        }

        public long transfers() {
            return report.nativeTransfers() + report.tokenTransfers();
        }

        public double seconds() {
            return elapsed.toNanos() / 1e9;
        }
    }

    private Run importRun(GraphConnection connection, EthereumEtlImporter importer, Path export) {
        long start = System.nanoTime();
        ImportReport report = importer.importDirectory(export);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Run run = new Run(report, elapsed, connection.store().counts());
        progress.printf(Locale.ROOT, "  %s in %.1f s%n", report.describe(), run.seconds());
        return run;
    }

    private static void check(Run run, SyntheticEtlExport.Written written) {
        long stored = run.counts().get("Transfer");
        if (run.transfers() != written.transfers() || stored != written.transfers()
                || run.counts().get(":IN") != stored || run.counts().get(":OUT") != stored
                || run.counts().get("Block") != written.blocks()) {
            throw new IllegalStateException("the import stored " + run.counts() + " from an export of "
                    + written.transfers() + " transfers in " + written.blocks() + " blocks");
        }
    }

    private Export export(Path export) {
        Path done = export.resolve(EXPORT_DONE);
        if (Files.exists(done)) {
            Map<String, String> m = BenchDirectory.readProperties(done);
            SyntheticEtlExport.Written written = new SyntheticEtlExport.Written(Long.parseLong(m.get("blocks")),
                    Long.parseLong(m.get("transactions")), Long.parseLong(m.get("nativeTransfers")),
                    Long.parseLong(m.get("tokenTransfers")), Long.parseLong(m.get("bytes")));
            progress.printf("reusing the export %s%n", export);
            return new Export(written, Optional.empty());
        }
        BenchDirectory.deleteTree(export);
        progress.printf("generating an ethereum-etl export of %,d transfers (seed %d) into %s%n",
                settings.export().transfers(), settings.export().seed(), export);
        long start = System.nanoTime();
        SyntheticEtlExport.Written written = new SyntheticEtlExport(settings.export()).write(export);
        Duration generation = Duration.ofNanos(System.nanoTime() - start);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("blocks", String.valueOf(written.blocks()));
        m.put("transactions", String.valueOf(written.transactions()));
        m.put("nativeTransfers", String.valueOf(written.nativeTransfers()));
        m.put("tokenTransfers", String.valueOf(written.tokenTransfers()));
        m.put("bytes", String.valueOf(written.bytes()));
        BenchDirectory.writeProperties(done, m);
        progress.printf(Locale.ROOT, "  %,d blocks, %,d transactions, %,.0f MB in %.1f s%n", written.blocks(),
                written.transactions(), written.bytes() / 1e6, generation.toNanos() / 1e9);
        return new Export(written, Optional.of(generation));
    }

    // ---------------------------------------------------------------- the report

    /**
     * Everything the benchmark measured.
     *
     * @param settings     what was run
     * @param exportDir    where the export is
     * @param export       the export
     * @param imported     the first import, into an empty store
     * @param reimported   the second import of the same export, if run
     * @param naive        the naive run, if run
     * @param cores        available processors
     * @param maxHeapBytes the JVM's heap limit
     * @param javaVersion  the JVM's version
     */
    public record Report(Settings settings, Path exportDir, Export export, Run imported, Optional<Run> reimported,
                         Optional<NaiveMergeIngest.Result> naive, int cores, long maxHeapBytes, String javaVersion) {

        public double blocksPerSecond() {
            return imported.report().blocks() / imported.seconds();
        }

        public double transfersPerSecond() {
            return imported.transfers() / imported.seconds();
        }

        /** Import transfers/s over naive transfers/s. */
        public Optional<Double> speedUp() {
            return naive.map(n -> transfersPerSecond() / n.transfersPerSecond());
        }

        /** The report as plain text. */
        public String render() {
            StringBuilder out = new StringBuilder();
            SyntheticEtlExport.Written w = export.written();
            line(out, "Chaintrail ingest benchmark: ethereum-etl files into embedded Neo4j");
            line(out, "  export    %s: %,d blocks, %,d transactions, %,d native + %,d USDT transfers, %,.0f MB of CSV "
                            + "(seed %d; %s)", exportDir, w.blocks(), w.transactions(), w.nativeTransfers(),
                    w.tokenTransfers(), w.bytes() / 1e6, settings.export().seed(), export.generation()
                            .map(d -> String.format(Locale.ROOT, "generated in %.1f s", d.toNanos() / 1e9))
                            .orElse("reused, generated by an earlier run"));
            line(out, "  graph     %,d Address, %,d Transfer, %,d Block nodes; %,d IN and %,d OUT relationships",
                    imported.counts().get("Address"), imported.counts().get("Transfer"), imported.counts().get("Block"),
                    imported.counts().get(":IN"), imported.counts().get(":OUT"));
            line(out, "  machine   %d cores, max heap %,d MB, Java %s", cores, maxHeapBytes / (1 << 20), javaVersion);
            line(out, "");
            line(out, "  %-44s %9s %11s %9s %10s %12s", "path", "blocks", "transfers", "seconds", "blocks/s",
                    "transfers/s");
            row(out, "import, batches of " + String.format(Locale.ROOT, "%,d", settings.batchSize()),
                    imported.report().blocks(), imported.transfers(), imported.seconds());
            reimported.ifPresent(r -> row(out, "re-import, all stored already (no change)", r.report().blocks(),
                    r.transfers(), r.seconds()));
            naive.ifPresent(n -> row(out, "naive MERGE, 1 tx per transfer (a prefix)", n.blocks(), n.transfers(),
                    n.elapsed().toNanos() / 1e9));
            line(out, "");
            naive.ifPresentOrElse(n -> line(out, "speed-up: %,.1fx (import transfers/s / naive transfers/s; the naive "
                            + "path ran on the first %,d blocks, %,d transfers, into an empty store)", speedUp().get(),
                    n.blocks(), n.transfers()), () -> line(out, "speed-up: not measured (naive run skipped)"));
            line(out, "goal: import >= 50,000 transfers/s: %s (%,.0f); >= 20x the naive path: %s",
                    transfersPerSecond() >= 50_000 ? "met" : "MISSED", transfersPerSecond(),
                    speedUp().map(s -> (s >= 20 ? "met" : "MISSED") + String.format(Locale.ROOT, " (%,.1fx)", s))
                            .orElse("not measured"));
            return out.toString();
        }

        /** The figures as JSON. */
        public String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            SyntheticEtlExport.Written w = export.written();
            m.put("benchmark", "ingest");
            m.put("export", Map.of("dir", exportDir.toString(), "seed", settings.export().seed(), "blocks", w.blocks(),
                    "transactions", w.transactions(), "nativeTransfers", w.nativeTransfers(),
                    "tokenTransfers", w.tokenTransfers(), "bytes", w.bytes()));
            m.put("machine", Map.of("cores", cores, "maxHeapBytes", maxHeapBytes, "java", javaVersion));
            m.put("import", runJson(imported, settings.batchSize()));
            reimported.ifPresent(r -> m.put("reimport", runJson(r, settings.batchSize())));
            naive.ifPresent(n -> m.put("naive", Map.of("blocks", n.blocks(), "transfers", n.transfers(),
                    "seconds", n.elapsed().toNanos() / 1e9, "blocksPerSecond", n.blocksPerSecond(),
                    "transfersPerSecond", n.transfersPerSecond())));
            speedUp().ifPresent(s -> m.put("speedUp", s));
            try {
                return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Map<String, Object> runJson(Run r, int batchSize) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("batchSize", batchSize);
            m.put("blocks", r.report().blocks());
            m.put("transfers", r.transfers());
            m.put("seconds", r.seconds());
            m.put("blocksPerSecond", r.report().blocks() / r.seconds());
            m.put("transfersPerSecond", r.transfers() / r.seconds());
            m.put("counts", r.counts());
            return m;
        }

        private static void row(StringBuilder out, String path, long blocks, long transfers, double seconds) {
            line(out, "  %-44s %,9d %,11d %9.1f %,10.0f %,12.0f", path, blocks, transfers, seconds, blocks / seconds,
                    transfers / seconds);
        }

        private static void line(StringBuilder out, String format, Object... args) {
            out.append(String.format(Locale.ROOT, format, args)).append('\n');
        }
    }
}
