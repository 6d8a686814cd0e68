package org.chaintrail.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.chaintrail.analytics.entities.EntityResolver;
import org.chaintrail.analytics.exposure.Exposure;
import org.chaintrail.analytics.exposure.ExposureAnalyzer;
import org.chaintrail.analytics.tracing.Direction;
import org.chaintrail.analytics.tracing.HaircutTaint;
import org.chaintrail.analytics.tracing.TaintTracer;
import org.chaintrail.analytics.tracing.TraceRequest;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.bench.SuiteReport.Clustering;
import org.chaintrail.bench.SuiteReport.ExposureFigures;
import org.chaintrail.bench.SuiteReport.Ingest;
import org.chaintrail.bench.SuiteReport.Loaded;
import org.chaintrail.bench.SuiteReport.Plain;
import org.chaintrail.bench.SuiteReport.Screen;
import org.chaintrail.bench.SuiteReport.SizeFigures;
import org.chaintrail.bench.SuiteReport.TraceFigures;
import org.chaintrail.bench.TraceBenchmark.Timing;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.NaiveMergeWriter;
import org.chaintrail.graph.PlainCypherTrace;
import org.chaintrail.graph.TransferGraph;
import org.chaintrail.model.Attribution;
import org.chaintrail.model.Block;
import org.chaintrail.model.Transfer;
import org.chaintrail.query.ExposureQuery;
import org.chaintrail.query.QueryLimits;
import org.chaintrail.query.ScreenQuery;

/**
 * The benchmark suite of issue 9: per size, on one {@link SyntheticChain} economy in one process,
 * every cost the issue names beside its baseline. In order, per size:
 * <ol>
 * <li>import: the generated batches through {@link GraphStore#write}, the write path every importer
 *     ends in, into a fresh embedded store; the time is the time spent in {@code write}, so
 *     generating the data is not counted. The first transfers are kept for the naive baseline.</li>
 * <li>clustering: {@link EntityResolver} (labels and the deposit-address heuristic), timed, with
 *     the heap watched ({@link HeapWatch}).</li>
 * <li>the in-memory bound: the same economy generated again into {@link InMemoryTransfers}, with
 *     the attributions the store now holds.</li>
 * <li>forward and backward haircut traces from the cases' scam wallets: {@link TaintTracer} over
 *     the store and over the arrays (whose results must be equal), then {@link PlainCypherTrace}
 *     (whose terminals are compared with the tracer's endpoints).</li>
 * <li>exposure of the cases' wallets one at a time ({@link ExposureAnalyzer}), over the store and
 *     over the arrays, then screening ({@link ScreenQuery}: batches through {@code analyzeAll} in one
 *     read transaction, as {@code POST /api/v1/screen} does).</li>
 * <li>the store's size on disk, once the server has stopped and written everything.</li>
 * <li>the naive baseline: the kept transfers, one transaction per transfer with {@code MERGE}
 *     ({@link NaiveMergeWriter}), into another fresh store, which is deleted afterwards.</li>
 * </ol>
 * Latencies are wall-clock around the whole call after warm-up runs ({@link Timing}: the median
 * and the nearest-rank p99).
 */
public final class SuiteBenchmark {
    static final String MARKER = "chaintrail-suite-bench.properties";
    /** Transfers per address of the generated economy (the trace benchmark's 5,000,000 over 1,000,000). */
    static final int TRANSFERS_PER_ADDRESS = 5;
    static final int CASES = 3;
    /** The hop limit of exposure and screening: the API's default. */
    static final int EXPOSURE_HOPS = ExposureQuery.DEFAULT_MAX_HOPS;

    private final Settings settings;
    private final PrintStream progress;

    /**
     * What to run.
     *
     * @param sizes           transfers of each economy, ascending, each 10,000..1,000,000,000
     * @param seed            the generator's seed
     * @param dir             where the stores go (one per size, rebuilt by every run)
     * @param runs            timed runs of each latency, 1..1000
     * @param warmup          untimed runs first, 0..100
     * @param depth           the trace's hop limit
     * @param naiveTransfers  transfers the naive baseline writes (a prefix), 1..
     * @param plainBudget     the time budget of one plain Cypher run
     * @param screenAddresses addresses screened for the throughput, spread over the economy
     * @param screenBatch     addresses per screening call, 1..{@value QueryLimits#MAX_ADDRESSES}
     */
    public record Settings(List<Long> sizes, long seed, Path dir, int runs, int warmup, int depth, long naiveTransfers,
                           Duration plainBudget, int screenAddresses, int screenBatch) {
        public Settings {
            sizes = List.copyOf(sizes);
            Objects.requireNonNull(dir, "dir");
            if (sizes.isEmpty()) {
                throw new IllegalArgumentException("at least one size is needed");
            }
            for (int i = 0; i < sizes.size(); i++) {
                long s = sizes.get(i);
                if (s < 10_000 || s > 1_000_000_000L) {
                    throw new IllegalArgumentException("each size must be 10000..1000000000 transfers, was " + s);
                }
                if (i > 0 && s <= sizes.get(i - 1)) {
                    throw new IllegalArgumentException("sizes must be ascending and distinct, were " + sizes);
                }
            }
            TraceBenchmark.checkTiming(runs, warmup, depth, plainBudget);
            if (naiveTransfers < 1 || naiveTransfers > sizes.get(0)) {
                throw new IllegalArgumentException("naive transfers must be 1.." + sizes.get(0) + " (the smallest size), was "
                        + naiveTransfers);
            }
            if (screenAddresses < 1 || screenAddresses > 1_000_000) {
                throw new IllegalArgumentException("screened addresses must be 1..1000000, was " + screenAddresses);
            }
            if (screenBatch < 1 || screenBatch > QueryLimits.MAX_ADDRESSES) {
                throw new IllegalArgumentException("screen batch must be 1.." + QueryLimits.MAX_ADDRESSES + ", was "
                        + screenBatch);
            }
        }

        /** The economy of one size: {@value #TRANSFERS_PER_ADDRESS} transfers an address, {@value #CASES} cases. */
        public SyntheticChain.Config chain(long transfers) {
            int addresses = (int) Math.min(50_000_000, Math.max(2_000, transfers / TRANSFERS_PER_ADDRESS));
            return new SyntheticChain.Config(addresses, transfers, CASES, seed);
        }
    }

    /**
     * @param settings what to run
     * @param progress where progress goes (standard error); the report is returned, not printed
     */
    public SuiteBenchmark(Settings settings, PrintStream progress) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Runs every size in turn and returns the figures. */
    public SuiteReport run() {
        BenchDirectory.claim(settings.dir(), MARKER, "chaintrail bench suite",
                "one store per size, deleted and rebuilt by every run");
        List<SizeFigures> sizes = new ArrayList<>();
        for (long transfers : settings.sizes()) {
            sizes.add(size(settings.chain(transfers)));
        }
        return new SuiteReport(settings, SuiteReport.Machine.current(), sizes);
    }

    private SizeFigures size(SyntheticChain.Config config) {
        progress.printf(Locale.ROOT, "== %,d transfers, %,d addresses, %d cases (seed %d)%n", config.transfers(),
                config.addresses(), config.cases(), config.seed());
        SyntheticChain chain = new SyntheticChain(config);
        SyntheticChain.Plan plan = chain.plan();
        Path storeDir = BenchDirectory.fresh(settings.dir().resolve("store-" + config.transfers()));
        Ingest ingest;
        Clustering clustering;
        Loaded loaded;
        TraceFigures forward;
        TraceFigures backward;
        ExposureFigures exposure;
        Screen screen;
        Prefix prefix = new Prefix(settings.naiveTransfers());
        try (GraphConnection connection = GraphConnection.embedded(storeDir)) {
            GraphStore store = connection.store();
            ingest = ingest(chain, store, prefix);
            clustering = cluster(store);
            long started = System.nanoTime();
            InMemoryTransfers memory = inMemory(chain, store);
            loaded = new Loaded(memory.transfers(), Duration.ofNanos(System.nanoTime() - started));
            progress.printf(Locale.ROOT, "in-memory bound: %,d transfers in %.1f s%n", memory.transfers(),
                    loaded.elapsed().toNanos() / 1e9);
            PlainCypherTrace plain = new PlainCypherTrace(connection);
            forward = trace(store, memory, plain, plan.seeds(), Direction.FORWARD);
            backward = trace(store, memory, plain, plan.seeds(), Direction.BACKWARD);
            exposure = exposure(store, memory, plan);
            screen = screen(store, config);
        }
        long storeBytes = BenchStore.sizeOnDisk(storeDir);
        progress.printf(Locale.ROOT, "store on disk: %,.0f MB%n", storeBytes / 1e6);
        Ingest naive = naive(prefix);
        return new SizeFigures(config, ingest, naive, clustering, loaded, forward, backward, exposure, screen,
                storeBytes);
    }

    // ---------------------------------------------------------------- import and the naive baseline

    /** The first transfers of the economy and their blocks, for the naive baseline. */
    private static final class Prefix {
        final long limit;
        final List<Transfer> transfers = new ArrayList<>();
        final Map<Long, Block> blocks = new LinkedHashMap<>();

        Prefix(long limit) {
            this.limit = limit;
        }

        void keep(List<Block> batchBlocks, List<Transfer> batch) {
            if (transfers.size() >= limit) {
                return;
            }
            batchBlocks.forEach(b -> blocks.putIfAbsent(b.number(), b));
            for (Transfer t : batch) {
                if (transfers.size() < limit) {
                    transfers.add(t);
                }
            }
        }
    }

    private Ingest ingest(SyntheticChain chain, GraphStore store, Prefix prefix) {
        progress.printf("import: GraphStore.write, batches of %,d%n", SyntheticChain.BATCH_TRANSFERS);
        LoadProgress shown = new LoadProgress(progress, chain.plan().config().transfers());
        long[] writing = {0, 0};
        chain.generate(batch -> {
            prefix.keep(batch.blocks(), batch.transfers());
            long start = System.nanoTime();
            store.write(batch);
            writing[0] += System.nanoTime() - start;
            writing[1] += batch.transfers().size();
            shown.update(writing[1]);
        });
        long stored = store.counts().get("Transfer");
        if (stored != writing[1]) {
            throw new IllegalStateException("the store holds " + stored + " transfers after writing " + writing[1]);
        }
        Ingest ingest = new Ingest(writing[1], Duration.ofNanos(writing[0]));
        progress.printf(Locale.ROOT, "  %,.0f transfers/s%n", ingest.transfersPerSecond());
        return ingest;
    }

    private Ingest naive(Prefix prefix) {
        Path naiveDir = BenchDirectory.fresh(settings.dir().resolve("store-naive"));
        progress.printf("naive MERGE, one transaction per transfer: the first %,d transfers into %s%n",
                prefix.transfers.size(), naiveDir);
        Duration elapsed;
        try (GraphConnection connection = GraphConnection.embedded(naiveDir)) {
            NaiveMergeWriter writer = new NaiveMergeWriter(connection);
            Set<Long> written = new LinkedHashSet<>();
            long start = System.nanoTime();
            for (Transfer t : prefix.transfers) {
                if (written.add(t.blockNumber())) {
                    writer.write(prefix.blocks.get(t.blockNumber()));
                }
                writer.write(t);
            }
            elapsed = Duration.ofNanos(System.nanoTime() - start);
            long stored = connection.store().counts().get("Transfer");
            if (stored != prefix.transfers.size()) {
                throw new IllegalStateException("the naive store holds " + stored + " transfers after writing "
                        + prefix.transfers.size());
            }
        }
        BenchDirectory.deleteTree(naiveDir);
        Ingest naive = new Ingest(prefix.transfers.size(), elapsed);
        progress.printf(Locale.ROOT, "  %,.0f transfers/s%n", naive.transfersPerSecond());
        return naive;
    }

    // ---------------------------------------------------------------- clustering and the in-memory graph

    private Clustering cluster(GraphStore store) {
        progress.println("clustering: entity resolution (labels and the deposit-address heuristic)");
        long before = usedAfterGc();
        long start;
        EntityResolver.Report report;
        HeapWatch.Peak peak;
        try (HeapWatch watch = HeapWatch.start()) {
            start = System.nanoTime();
            report = new EntityResolver(store, SyntheticChain.CHAIN).resolve();
            peak = watch.peak();
        }
        Clustering clustering = new Clustering(Duration.ofNanos(System.nanoTime() - start), before, peak,
                report.entities(), report.depositAddresses());
        progress.printf(Locale.ROOT, "  %s in %.1f s%n", report.describe(), clustering.elapsed().toNanos() / 1e9);
        return clustering;
    }

    private static long usedAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private InMemoryTransfers inMemory(SyntheticChain chain, GraphStore store) {
        InMemoryTransfers.Builder builder = new InMemoryTransfers.Builder(SyntheticChain.CHAIN,
                SyntheticChain.USDT_CONTRACT, (int) chain.plan().config().transfers());
        chain.generate(batch -> batch.transfers().forEach(builder::add));
        Map<String, Attribution> attributed = new LinkedHashMap<>();
        List<String> addresses = builder.addresses();
        for (int i = 0; i < addresses.size(); i += 10_000) {
            store.attributions(SyntheticChain.CHAIN, addresses.subList(i, Math.min(addresses.size(), i + 10_000)))
                    .forEach((address, a) -> {
                        if (!a.equals(Attribution.NONE)) {
                            attributed.put(address, a);
                        }
                    });
        }
        return builder.build(attributed);
    }

    // ---------------------------------------------------------------- traces

    private TraceFigures trace(GraphStore store, InMemoryTransfers memory, PlainCypherTrace plain, List<String> seeds,
                               Direction direction) {
        String way = direction.name().toLowerCase(Locale.ROOT);
        progress.printf("%s haircut trace, depth %d: %d warm-up and %d timed runs each over the store and in memory%n",
                way, settings.depth(), settings.warmup(), settings.runs());
        Supplier<TraceResult> overStore = () -> trace(store, seeds, direction);
        Supplier<TraceResult> overMemory = () -> trace(memory, seeds, direction);
        Timed<TraceResult> tracer = timed(overStore);
        Timed<TraceResult> bound = timed(overMemory);
        progress.println("  store:     " + tracer.timing().describe());
        progress.println("  in memory: " + bound.timing().describe());
        Plain plainFigures = plain(plain, seeds, direction == Direction.FORWARD ? PlainCypherTrace.Way.FORWARD
                : PlainCypherTrace.Way.BACKWARD);
        TraceResult result = tracer.last();
        return new TraceFigures(tracer.timing(), bound.timing(), plainFigures,
                result.endpoints().stream().map(TraceResult.Endpoint::address).sorted().toList(),
                result.flows().size(), result.equals(bound.last()));
    }

    private TraceResult trace(TransferGraph graph, List<String> seeds, Direction direction) {
        return new TaintTracer(graph, new TraceRequest(SyntheticChain.CHAIN, seeds, SyntheticChain.USDT, direction,
                HaircutTaint.INSTANCE, settings.depth())).trace();
    }

    /** Run times and the last run's answer. */
    private record Timed<T>(Timing timing, T last) {
    }

    private <T> Timed<T> timed(Supplier<T> run) {
        for (int i = 0; i < settings.warmup(); i++) {
            run.get();
        }
        long[] nanos = new long[settings.runs()];
        T last = null;
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            last = run.get();
            nanos[i] = System.nanoTime() - start;
        }
        return new Timed<>(new Timing(nanos), last);
    }

    /** The plain query timed as {@link TraceBenchmark#timePlain} does, with the terminals it reached. */
    private Plain plain(PlainCypherTrace plain, List<String> seeds, PlainCypherTrace.Way way) {
        Duration budget = settings.plainBudget();
        progress.printf("  plain Cypher, depth %d: a first run (budget %d s)%n", settings.depth(), budget.toSeconds());
        return TraceBenchmark.timePlain(() -> run(plain, seeds, way), settings.runs(), budget, progress, "    ")
                .map(r -> {
                    progress.println("    " + r.timing().describe());
                    return new Plain(Optional.of(r.timing()), budget, r.last().terminals().stream()
                            .map(PlainCypherTrace.Reached::address).sorted().toList());
                })
                .orElseGet(() -> new Plain(Optional.empty(), budget, List.of()));
    }

    private PlainCypherTrace.Outcome run(PlainCypherTrace plain, List<String> seeds, PlainCypherTrace.Way way) {
        return plain.run(SyntheticChain.CHAIN, seeds, SyntheticChain.USDT_CONTRACT, settings.depth(),
                settings.plainBudget(), way);
    }

    // ---------------------------------------------------------------- exposure and screening

    /** The cases' own wallets, victims last: addresses with a history worth scoring. */
    static List<String> exposureAddresses(SyntheticChain.Plan plan) {
        Set<String> addresses = new LinkedHashSet<>();
        for (SyntheticChain.Case c : plan.cases()) {
            addresses.add(c.scamWallet());
            addresses.add(c.consolidation());
            addresses.addAll(c.layering());
            addresses.addAll(c.peelChain());
            addresses.add(c.merchant());
        }
        plan.cases().forEach(c -> addresses.addAll(c.victims()));
        return List.copyOf(addresses);
    }

    private ExposureFigures exposure(GraphStore store, InMemoryTransfers memory, SyntheticChain.Plan plan) {
        List<String> addresses = exposureAddresses(plan);
        progress.printf("exposure, %d hops: one address a call, %d warm-up and %d timed runs each over the store "
                + "and in memory%n", EXPOSURE_HOPS, settings.warmup(), settings.runs());
        int[] next = {0, 0};
        List<Exposure> fromStore = new ArrayList<>();
        List<Exposure> fromMemory = new ArrayList<>();
        Timed<Exposure> overStore = timed(() -> record(fromStore,
                exposure(store, addresses.get(next[0]++ % addresses.size()))));
        Timed<Exposure> overMemory = timed(() -> record(fromMemory,
                exposure(memory, addresses.get(next[1]++ % addresses.size()))));
        progress.println("  store:     " + overStore.timing().describe());
        progress.println("  in memory: " + overMemory.timing().describe());
        return new ExposureFigures(overStore.timing(), overMemory.timing(), fromStore.size(), fromStore.equals(fromMemory));
    }

    private static <T> T record(List<T> into, T value) {
        into.add(value);
        return value;
    }

    private static Exposure exposure(TransferGraph graph, String address) {
        return new ExposureAnalyzer(graph, SyntheticChain.CHAIN, address, SyntheticChain.USDT, EXPOSURE_HOPS)
                .analyze().orElseThrow(() -> new IllegalStateException("the graph has never seen " + address));
    }

    private Screen screen(GraphStore store, SyntheticChain.Config config) {
        List<String> pool = new ArrayList<>();
        int n = settings.screenAddresses();
        for (int i = 0; i < n; i++) {
            pool.add(SyntheticChain.address((int) ((long) i * (config.addresses() - 1) / n)));
        }
        int batch = settings.screenBatch();
        progress.printf("screening: %,d addresses spread over the economy, %d a call%n", n, batch);
        screen(store, pool.subList(0, Math.min(batch, n))); // warm-up
        long start = System.nanoTime();
        int known = 0;
        for (int i = 0; i < n; i += batch) {
            known += screen(store, pool.subList(i, Math.min(n, i + batch)));
        }
        Screen screen = new Screen(n, batch, known, Duration.ofNanos(System.nanoTime() - start));
        progress.printf(Locale.ROOT, "  %,.0f addresses/s (%,d known to the graph)%n", screen.addressesPerSecond(), known);
        return screen;
    }

    /** Screens one batch as the API does; returns how many addresses the graph knew. */
    private static int screen(GraphStore store, List<String> addresses) {
        ScreenQuery.Result result = new ScreenQuery(SyntheticChain.CHAIN.id(), addresses, SyntheticChain.USDT_CONTRACT,
                null).run(store, QueryLimits.COMMAND_LINE);
        return (int) result.results().stream().filter(ScreenQuery.Verdict::known).count();
    }
}
