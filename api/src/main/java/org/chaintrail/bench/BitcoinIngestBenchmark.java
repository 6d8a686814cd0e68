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
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.ingest.bitcoin.BlkChainReader;
import org.chaintrail.ingest.bitcoin.PrevoutSources;
import org.chaintrail.ingest.bitcoin.UtxoIngestReport;
import org.chaintrail.ingest.bitcoin.UtxoIngestor;
import org.chaintrail.model.Chain;
import org.chaintrail.model.UtxoBlock;

/**
 * The Bitcoin ingest benchmark: generates {@link SyntheticBlkFiles} (or reuses files of the same
 * configuration), then times three passes over them: the files read, parsed and decoded to the
 * model with no store; the real {@link UtxoIngestor} into a fresh embedded store, with where the
 * spent outputs were found and the heap's peak; and {@link NaiveUtxoIngest} (one transaction per
 * Bitcoin transaction, a {@code MERGE} per row) on a prefix, into another fresh store. The ingest
 * must store exactly what the generator wrote, or no figure is reported.
 *
 * <p>Times are wall clock around each pass, reading the files included, starting and stopping the
 * server excluded. The naive path runs on a prefix because it is slow, and into an empty store,
 * which favours it.
 */
public final class BitcoinIngestBenchmark {
    static final String MARKER = "chaintrail-ingest-bitcoin-bench.properties";
    /** The goal for parse-and-write. */
    static final double GOAL_TRANSACTIONS_PER_SECOND = 20_000;
    private static final String FILES_DONE = "complete";

    private final Settings settings;
    private final PrintStream progress;

    /**
     * What to run.
     *
     * @param files             the chain to generate
     * @param dir               the bench directory: the block files and the two stores live under it
     * @param batchTransactions transactions per write of the ingest, 1..100,000
     * @param cacheCapacity     outputs the ingest's resolver holds, 1 or more
     * @param naiveTransactions transactions of the naive run (whole blocks, so a few more), 0 to skip it
     */
    public record Settings(SyntheticBlkFiles.Config files, Path dir, int batchTransactions, int cacheCapacity,
                           long naiveTransactions) {
        public Settings {
            Objects.requireNonNull(files, "files");
            Objects.requireNonNull(dir, "dir");
            if (batchTransactions < 1 || batchTransactions > 100_000) {
                throw new IllegalArgumentException("batch must be 1..100,000 transactions, was " + batchTransactions);
            }
            if (cacheCapacity < 1) {
                throw new IllegalArgumentException("cache capacity must be 1 or more, was " + cacheCapacity);
            }
            if (naiveTransactions < 0 || naiveTransactions > files.transactions()) {
                throw new IllegalArgumentException("naive transactions must be 0.." + files.transactions() + ", was "
                        + naiveTransactions);
            }
        }
    }

    /**
     * @param settings what to run
     * @param progress where progress goes (standard error); the report is returned, not printed
     */
    public BitcoinIngestBenchmark(Settings settings, PrintStream progress) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Prepares the files, runs the three passes and returns the figures. */
    public Report run() {
        Path dir = settings.dir();
        BenchDirectory.claim(dir, MARKER, "chaintrail bench ingest-bitcoin",
                "generated block files, reused, and two stores, deleted and rebuilt by every run");
        SyntheticBlkFiles.Config config = settings.files();
        Path blocks = dir.resolve(String.format(Locale.ROOT, "blocks-v%d-%d-%d-%d-%d", SyntheticBlkFiles.VERSION,
                config.transactions(), config.minBlockTransactions(), config.maxBlockTransactions(), config.seed()));
        Generated generated = files(blocks);
        SyntheticBlkFiles.Written written = generated.written();

        progress.printf("parsing only (read, parse, decode to the model; no store) %s%n", blocks);
        Parse parse = parse(blocks);
        if (parse.blocks() != written.blocks() || parse.transactions() != written.transactions()
                || parse.inputs() != written.inputs() || parse.outputs() != written.outputs()) {
            throw new IllegalStateException("parsing found " + parse + " in files holding " + written);
        }
        progress.printf(Locale.ROOT, "  %,d blocks, %,d transactions in %.1f s%n", parse.blocks(), parse.transactions(),
                parse.seconds());

        Path store = BenchDirectory.fresh(dir.resolve("store-ingest"));
        progress.printf("ingesting with UtxoIngestor (batches of %,d transactions, cache of %,d outputs) into %s%n",
                settings.batchTransactions(), settings.cacheCapacity(), store);
        Ingest ingest;
        try (GraphConnection connection = GraphConnection.embedded(store)) {
            UtxoIngestor ingestor = new UtxoIngestor(connection.store(), Chain.BITCOIN, settings.batchTransactions(),
                    settings.cacheCapacity());
            UtxoIngestReport report;
            Duration elapsed;
            HeapWatch.Peak heap;
            try (HeapWatch watch = HeapWatch.start(); BlkChainReader source = BlkChainReader.fromGenesis(blocks)) {
                long started = System.nanoTime();
                report = ingestor.run(source, OptionalLong.empty());
                elapsed = Duration.ofNanos(System.nanoTime() - started);
                heap = watch.peak();
            }
            ingest = new Ingest(report, elapsed, connection.store().counts(), heap);
        }
        check(ingest, written);
        progress.printf(Locale.ROOT, "  %,d transactions in %.1f s%n", ingest.report().transactions(), ingest.seconds());

        Optional<NaiveUtxoIngest.Result> naive = Optional.empty();
        if (settings.naiveTransactions() > 0) {
            Path naiveStore = BenchDirectory.fresh(dir.resolve("store-naive"));
            progress.printf("naive MERGE, one transaction per Bitcoin transaction, on the first %,d transactions "
                    + "after the first block into %s%n", settings.naiveTransactions(), naiveStore);
            try (GraphConnection connection = GraphConnection.embedded(naiveStore)) {
                NaiveUtxoIngest.Result result = NaiveUtxoIngest.run(connection, blocks, settings.naiveTransactions());
                Map<String, Long> counts = connection.store().counts();
                if (counts.get("Transaction") != result.transactions() + 1 || counts.get(":IN") != result.inputs()) {
                    throw new IllegalStateException("the naive path stored " + counts + " after writing " + result);
                }
                naive = Optional.of(result);
            }
        }
        return new Report(settings, blocks, generated, parse, ingest, naive,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
                System.getProperty("java.version"));
    }

    /**
     * The block files and how they came to be.
     *
     * @param written    what they hold
     * @param generation time to generate them, empty if an earlier run did
     */
    public record Generated(SyntheticBlkFiles.Written written, Optional<Duration> generation) {
    }

    /**
     * The parse-only pass.
     *
     * @param blocks       blocks
     * @param transactions transactions
     * @param inputs       inputs (coinbases' excluded)
     * @param outputs      outputs
     * @param readParse    time in reading and parsing the blocks, chain order included
     * @param decode       time in turning them into the model (scripts classified, addresses encoded)
     * @param elapsed      wall clock of the pass
     */
    public record Parse(long blocks, long transactions, long inputs, long outputs, Duration readParse,
                        Duration decode, Duration elapsed) {
        public double seconds() {
            return elapsed.toNanos() / 1e9;
        }
    }

    /**
     * The real ingest.
     *
     * @param report  the ingestor's report
     * @param elapsed wall clock of {@code run}
     * @param counts  the store's node and relationship counts afterwards
     * @param heap    the heap's peak during the run
     */
    public record Ingest(UtxoIngestReport report, Duration elapsed, Map<String, Long> counts, HeapWatch.Peak heap) {
        public Ingest {
            counts = Map.copyOf(counts);
        }

        public double seconds() {
            return elapsed.toNanos() / 1e9;
        }
    }

    private Parse parse(Path blocks) {
        long started = System.nanoTime();
        long readParse = 0;
        long decode = 0;
        long count = 0;
        long transactions = 0;
        long inputs = 0;
        long outputs = 0;
        try (BlkChainReader reader = BlkChainReader.fromGenesis(blocks)) {
            while (true) {
                long t0 = System.nanoTime();
                Optional<BlkChainReader.Ordered> next = reader.nextBlock();
                long t1 = System.nanoTime();
                readParse += t1 - t0;
                if (next.isEmpty()) {
                    break;
                }
                UtxoBlock block = next.get().block().toUtxoBlock(next.get().height());
                decode += System.nanoTime() - t1;
                count++;
                transactions += block.transactions().size();
                for (var t : block.transactions()) {
                    inputs += t.inputs().size();
                    outputs += t.outputs().size();
                }
            }
        }
        return new Parse(count, transactions, inputs, outputs, Duration.ofNanos(readParse), Duration.ofNanos(decode),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static void check(Ingest ingest, SyntheticBlkFiles.Written w) {
        UtxoIngestReport r = ingest.report();
        Map<String, Long> c = ingest.counts();
        boolean reported = r.blocks() == w.blocks() && r.transactions() == w.transactions() && r.inputs() == w.inputs()
                && r.outputs() == w.outputs() && r.fees() == w.fees();
        boolean stored = c.get("Block") == w.blocks() && c.get("Transaction") == w.transactions()
                && c.get(":IN") == w.inputs() && c.get(":OUT") == w.outputs() && c.get("Address") == w.addresses();
        if (!reported || !stored) {
            throw new IllegalStateException("the ingest reported " + r.blocks() + " blocks, " + r.transactions()
                    + " transactions, " + r.inputs() + " inputs, " + r.outputs() + " outputs, fees " + r.fees()
                    + " and stored " + c + "; the files hold " + w);
        }
    }

    private Generated files(Path blocks) {
        Path done = blocks.resolve(FILES_DONE);
        if (Files.exists(done)) {
            Map<String, String> m = BenchDirectory.readProperties(done);
            progress.printf("reusing the block files %s%n", blocks);
            return new Generated(new SyntheticBlkFiles.Written(Long.parseLong(m.get("blocks")),
                    Long.parseLong(m.get("transactions")), Long.parseLong(m.get("inputs")),
                    Long.parseLong(m.get("outputs")), Long.parseLong(m.get("fees")), Long.parseLong(m.get("addresses")),
                    Integer.parseInt(m.get("files")), Long.parseLong(m.get("bytes")),
                    Integer.parseInt(m.get("swapped"))), Optional.empty());
        }
        BenchDirectory.deleteTree(blocks);
        progress.printf("generating a chain of %,d transactions (seed %d) as blk*.dat files into %s%n",
                settings.files().transactions(), settings.files().seed(), blocks);
        long start = System.nanoTime();
        SyntheticBlkFiles.Written w = new SyntheticBlkFiles(settings.files()).write(blocks);
        Duration generation = Duration.ofNanos(System.nanoTime() - start);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("blocks", String.valueOf(w.blocks()));
        m.put("transactions", String.valueOf(w.transactions()));
        m.put("inputs", String.valueOf(w.inputs()));
        m.put("outputs", String.valueOf(w.outputs()));
        m.put("fees", String.valueOf(w.fees()));
        m.put("addresses", String.valueOf(w.addresses()));
        m.put("files", String.valueOf(w.files()));
        m.put("bytes", String.valueOf(w.bytes()));
        m.put("swapped", String.valueOf(w.swapped()));
        BenchDirectory.writeProperties(done, m);
        progress.printf(Locale.ROOT, "  %,d blocks, %,d transactions, %,d files, %,.0f MB in %.1f s%n", w.blocks(),
                w.transactions(), w.files(), w.bytes() / 1e6, generation.toNanos() / 1e9);
        return new Generated(w, Optional.of(generation));
    }

    // ---------------------------------------------------------------- the report

    /**
     * Everything the benchmark measured.
     *
     * @param settings     what was run
     * @param filesDir     where the block files are
     * @param files        the block files
     * @param parse        the parse-only pass
     * @param ingest       the real ingest
     * @param naive        the naive run, if run
     * @param cores        available processors
     * @param maxHeapBytes the JVM's heap limit
     * @param javaVersion  the JVM's version
     */
    public record Report(Settings settings, Path filesDir, Generated files, Parse parse, Ingest ingest,
                         Optional<NaiveUtxoIngest.Result> naive, int cores, long maxHeapBytes, String javaVersion) {

        public double transactionsPerSecond() {
            return ingest.report().transactions() / ingest.seconds();
        }

        /** Ingest transactions/s over naive transactions/s. */
        public Optional<Double> speedUp() {
            return naive.map(n -> transactionsPerSecond() / n.transactionsPerSecond());
        }

        /** The report as plain text. */
        public String render() {
            StringBuilder out = new StringBuilder();
            SyntheticBlkFiles.Written w = files.written();
            UtxoIngestReport r = ingest.report();
            PrevoutSources found = r.resolved();
            line(out, "Chaintrail Bitcoin ingest benchmark: blk*.dat files into embedded Neo4j");
            line(out, "  files     %s: %,d blocks, %,d transactions, %,d inputs, %,d outputs, %,d addresses; %,d "
                            + "files, %,.0f MB (seed %d, %d blocks written after their child; %s)", filesDir,
                    w.blocks(), w.transactions(), w.inputs(), w.outputs(), w.addresses(), w.files(), w.bytes() / 1e6,
                    settings.files().seed(), w.swapped(), files.generation().map(d -> String.format(Locale.ROOT,
                            "generated in %.1f s", d.toNanos() / 1e9)).orElse("reused, generated by an earlier run"));
            line(out, "  graph     %,d Transaction, %,d Address, %,d Block nodes; %,d IN and %,d OUT relationships "
                            + "(equal to the files' counts; fees %s BTC)", ingest.counts().get("Transaction"),
                    ingest.counts().get("Address"), ingest.counts().get("Block"), ingest.counts().get(":IN"),
                    ingest.counts().get(":OUT"), java.math.BigDecimal.valueOf(r.fees(), 8).toPlainString());
            line(out, "  machine   %d cores, max heap %,d MB, Java %s", cores, maxHeapBytes >> 20, javaVersion);
            line(out, "");
            line(out, "  %-46s %8s %12s %11s %8s %9s %9s %10s", "path", "blocks", "transactions", "inputs", "seconds",
                    "blocks/s", "tx/s", "inputs/s");
            row(out, "parse only (read, parse, decode; no store)", parse.blocks(), parse.transactions(), parse.inputs(),
                    parse.seconds());
            row(out, String.format(Locale.ROOT, "ingest, UtxoIngestor (batches of %,d)", settings.batchTransactions()),
                    r.blocks(), r.transactions(), r.inputs(), ingest.seconds());
            naive.ifPresent(n -> row(out, "naive MERGE, 1 tx per transaction (a prefix)", n.blocks(), n.transactions(),
                    n.inputs(), n.seconds()));
            line(out, "");
            line(out, "parse only: %.1f s reading and parsing, %.1f s decoding to the model", seconds(parse.readParse()),
                    seconds(parse.decode()));
            long all = Math.max(1, found.cache() + found.graph() + found.source());
            line(out, "spent outputs found: %,d in the cache or the same block (%.1f %%), %,d in the graph (%.1f %%), "
                            + "%,d from the source; cache of %,d outputs", found.cache(), 100.0 * found.cache() / all,
                    found.graph(), 100.0 * found.graph() / all, found.source(), settings.cacheCapacity());
            line(out, "heap during the ingest (embedded Neo4j included): peak %,d MB used, %,d MB after a collection",
                    ingest.heap().usedBytes() >> 20, ingest.heap().afterGcBytes() >> 20);
            naive.ifPresentOrElse(n -> line(out, "speed-up: %,.1fx (ingest tx/s / naive tx/s; the naive path ran on "
                            + "blocks 1..%,d, %,d transactions, into a store holding only the first block)",
                    speedUp().get(), n.blocks(), n.transactions()), () -> line(out, "speed-up: not measured (naive run "
                    + "skipped)"));
            line(out, "goal: parse-and-write >= %,.0f transactions/s: %s (%,.0f)", GOAL_TRANSACTIONS_PER_SECOND,
                    transactionsPerSecond() >= GOAL_TRANSACTIONS_PER_SECOND ? "met" : "MISSED", transactionsPerSecond());
            return out.toString();
        }

        /** The figures as JSON. */
        public String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            SyntheticBlkFiles.Written w = files.written();
            UtxoIngestReport r = ingest.report();
            m.put("benchmark", "ingest-bitcoin");
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("dir", filesDir.toString());
            f.put("generatorVersion", SyntheticBlkFiles.VERSION);
            f.put("seed", settings.files().seed());
            f.put("blocks", w.blocks());
            f.put("transactions", w.transactions());
            f.put("inputs", w.inputs());
            f.put("outputs", w.outputs());
            f.put("addresses", w.addresses());
            f.put("fees", w.fees());
            f.put("files", w.files());
            f.put("bytes", w.bytes());
            f.put("swapped", w.swapped());
            files.generation().ifPresent(d -> f.put("generationSeconds", seconds(d)));
            m.put("files", f);
            m.put("machine", Map.of("cores", cores, "maxHeapBytes", maxHeapBytes, "java", javaVersion));
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("blocks", parse.blocks());
            p.put("transactions", parse.transactions());
            p.put("seconds", parse.seconds());
            p.put("readParseSeconds", seconds(parse.readParse()));
            p.put("decodeSeconds", seconds(parse.decode()));
            p.put("blocksPerSecond", parse.blocks() / parse.seconds());
            p.put("transactionsPerSecond", parse.transactions() / parse.seconds());
            p.put("inputsPerSecond", parse.inputs() / parse.seconds());
            m.put("parse", p);
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("batchTransactions", settings.batchTransactions());
            i.put("cacheCapacity", settings.cacheCapacity());
            i.put("blocks", r.blocks());
            i.put("transactions", r.transactions());
            i.put("inputs", r.inputs());
            i.put("outputs", r.outputs());
            i.put("seconds", ingest.seconds());
            i.put("blocksPerSecond", r.blocks() / ingest.seconds());
            i.put("transactionsPerSecond", transactionsPerSecond());
            i.put("inputsPerSecond", r.inputs() / ingest.seconds());
            i.put("resolved", Map.of("cache", r.resolved().cache(), "graph", r.resolved().graph(),
                    "source", r.resolved().source()));
            i.put("peakHeapUsedBytes", ingest.heap().usedBytes());
            i.put("peakHeapAfterGcBytes", ingest.heap().afterGcBytes());
            i.put("counts", ingest.counts());
            m.put("ingest", i);
            naive.ifPresent(n -> m.put("naive", Map.of("blocks", n.blocks(), "transactions", n.transactions(),
                    "inputs", n.inputs(), "seconds", n.seconds(), "transactionsPerSecond", n.transactionsPerSecond())));
            speedUp().ifPresent(s -> m.put("speedUp", s));
            m.put("goalTransactionsPerSecond", GOAL_TRANSACTIONS_PER_SECOND);
            try {
                return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static double seconds(Duration d) {
            return d.toNanos() / 1e9;
        }

        private static void row(StringBuilder out, String path, long blocks, long transactions, long inputs,
                                double seconds) {
            line(out, "  %-46s %,8d %,12d %,11d %8.1f %,9.1f %,9.0f %,10.0f", path, blocks, transactions, inputs,
                    seconds, blocks / seconds, transactions / seconds, inputs / seconds);
        }

        private static void line(StringBuilder out, String format, Object... args) {
            out.append(String.format(Locale.ROOT, format, args)).append('\n');
        }
    }
}
