package org.chaintrail.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.chaintrail.analytics.tracing.Direction;
import org.chaintrail.analytics.tracing.HaircutTaint;
import org.chaintrail.analytics.tracing.TaintTracer;
import org.chaintrail.analytics.tracing.TraceRequest;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.PlainCypherTrace;
import org.chaintrail.model.Transfer;

/**
 * The trace benchmark of issue 3: on a {@link SyntheticChain} economy, times the forward haircut
 * trace from the cases' scam wallets ({@link TaintTracer}, one query per hop) against the same
 * question asked as one variable-length Cypher query ({@link PlainCypherTrace}), and measures the
 * heap a trace needs.
 *
 * <p>Times are wall-clock ({@code System.nanoTime}) around the whole call, Bolt round trips and
 * result mapping included, after warm-up runs. The median of an even number of runs is the mean
 * of the middle two; p99 is nearest-rank (with 20 runs it is the slowest run). Memory is the heap
 * in use after a full GC before a trace and again with its result held, plus the bytes the trace
 * allocated, on its own thread and in all threads (the embedded server's query work included).
 */
public final class TraceBenchmark {
    private final Settings settings;
    private final PrintStream progress;

    /**
     * What to run.
     *
     * @param chain       the economy to generate (or reuse)
     * @param store       the store directory
     * @param runs        timed runs of the trace, 1..1000
     * @param warmup      untimed runs first, 0..100
     * @param depth       the hop limit, 1..50
     * @param plainBudget the time budget of one plain Cypher run, 1 s..1 h
     */
    public record Settings(SyntheticChain.Config chain, Path store, int runs, int warmup, int depth,
                           Duration plainBudget) {
        public Settings {
            Objects.requireNonNull(chain, "chain");
            Objects.requireNonNull(store, "store");
            checkTiming(runs, warmup, depth, plainBudget);
        }
    }

    /**
     * Checks the timing settings the trace benchmark and the suite share.
     *
     * @throws IllegalArgumentException naming the value out of range
     */
    static void checkTiming(int runs, int warmup, int depth, Duration plainBudget) {
        if (runs < 1 || runs > 1000) {
            throw new IllegalArgumentException("runs must be 1..1000, was " + runs);
        }
        if (warmup < 0 || warmup > 100) {
            throw new IllegalArgumentException("warm-up runs must be 0..100, was " + warmup);
        }
        if (depth < 1 || depth > TraceRequest.MAX_HOPS) {
            throw new IllegalArgumentException("depth must be 1.." + TraceRequest.MAX_HOPS + ", was " + depth);
        }
        if (plainBudget == null || plainBudget.compareTo(Duration.ofSeconds(1)) < 0
                || plainBudget.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("plain Cypher budget must be 1..3600 s, was " + plainBudget);
        }
    }

    /**
     * @param settings what to run
     * @param progress where progress goes (standard error); the report is returned, not printed
     */
    public TraceBenchmark(Settings settings, PrintStream progress) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Loads or reuses the graph, runs the benchmark and returns its figures. */
    public Report run() {
        BenchStore.Prepared prepared = BenchStore.open(settings.store(), settings.chain(), progress);
        try (GraphConnection connection = prepared.connection()) {
            GraphStore store = connection.store();
            List<String> seeds = prepared.plan().seeds();
            Map<String, Long> counts = store.counts();
            long lastBlock = store.lastBlocks().getOrDefault(SyntheticChain.CHAIN.id(), 0L);

            progress.printf("haircut trace: %d warm-up and %d timed runs%n", settings.warmup(), settings.runs());
            for (int i = 0; i < settings.warmup(); i++) {
                trace(store, seeds, settings.depth());
            }
            long[] nanos = new long[settings.runs()];
            TraceResult result = null;
            for (int i = 0; i < settings.runs(); i++) {
                long start = System.nanoTime();
                result = trace(store, seeds, settings.depth());
                nanos[i] = System.nanoTime() - start;
            }
            Timing traceTiming = new Timing(nanos);
            progress.println("  " + traceTiming.describe());
            Memory memory = memory(store, seeds);
            Subgraph subgraph = subgraph(store, Objects.requireNonNull(result), seeds);

            PlainCypherTrace plain = new PlainCypherTrace(connection);
            Plain plainFigures = plain(plain, seeds, settings.depth());
            List<DepthRow> byDepth = byDepth(store, plain, seeds, plainFigures);
            return new Report(settings, prepared.load(), counts, lastBlock, prepared.diskBytesAtStart(),
                    seeds.size(), traceTiming, subgraph, memory, plainFigures, byDepth);
        }
    }

    private static TraceResult trace(GraphStore store, List<String> seeds, int depth) {
        return new TaintTracer(store, new TraceRequest(SyntheticChain.CHAIN, seeds, SyntheticChain.USDT,
                Direction.FORWARD, HaircutTaint.INSTANCE, depth)).trace();
    }

    // ---------------------------------------------------------------- measurements

    /**
     * How the graph came to be.
     *
     * @param reused      true if an earlier run loaded it
     * @param writing     time to generate and write the transfers (of the run that did it)
     * @param entities    time to resolve entities (of the run that did it)
     * @param resumedFrom transfers found already stored when loading started (0 if none)
     */
    public record Load(boolean reused, Duration writing, Duration entities, long resumedFrom) {
    }

    /**
     * Run times.
     *
     * @param nanos each run's time, in run order
     */
    public record Timing(long[] nanos) {
        public Timing {
            nanos = nanos.clone();
        }

        private long[] sorted() {
            long[] s = nanos.clone();
            Arrays.sort(s);
            return s;
        }

        public double medianMillis() {
            long[] s = sorted();
            int n = s.length;
            return (n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0) / 1e6;
        }

        /** The nearest-rank 99th percentile. */
        public double p99Millis() {
            return percentileMillis(sorted(), 0.99);
        }

        /**
         * The nearest-rank percentile: the smallest time at or below which {@code p} of the runs lie.
         *
         * @param sortedNanos times in ascending order; none gives 0
         * @param p           0..1
         */
        static double percentileMillis(long[] sortedNanos, double p) {
            if (sortedNanos.length == 0) {
                return 0;
            }
            return sortedNanos[Math.max(0, (int) Math.ceil(p * sortedNanos.length) - 1)] / 1e6;
        }

        public double minMillis() {
            return sorted()[0] / 1e6;
        }

        public double maxMillis() {
            long[] s = sorted();
            return s[s.length - 1] / 1e6;
        }

        public int runs() {
            return nanos.length;
        }

        String describe() {
            return String.format(Locale.ROOT, "median %.1f ms, p99 %.1f ms, min %.1f ms, max %.1f ms (%d run%s)",
                    medianMillis(), p99Millis(), minMillis(), maxMillis(), runs(), runs() == 1 ? "" : "s");
        }
    }

    /**
     * What one trace costs in heap.
     *
     * @param heapBeforeBytes    heap in use after a full GC, before the trace
     * @param retainedBytes      heap in use after a full GC with the result held, minus the above
     * @param allocatedBytes     bytes allocated by the thread that ran the trace
     * @param allAllocatedBytes  bytes allocated by all threads meanwhile (Bolt and the server's query work included)
     * @param maxHeapBytes       the JVM's heap limit
     */
    public record Memory(long heapBeforeBytes, long retainedBytes, long allocatedBytes, long allAllocatedBytes,
                         long maxHeapBytes) {
    }

    private Memory memory(GraphStore store, List<String> seeds) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        long before = usedAfterGc();
        long[] ids = threads.getAllThreadIds();
        long allBefore = sum(threads.getThreadAllocatedBytes(ids));
        long selfBefore = threads.getThreadAllocatedBytes(self);
        TraceResult result = trace(store, seeds, settings.depth());
        long selfAfter = threads.getThreadAllocatedBytes(self);
        long allAfter = sum(threads.getThreadAllocatedBytes(ids));
        long after = usedAfterGc();
        Reference.reachabilityFence(result);
        return new Memory(before, after - before, selfAfter - selfBefore, allAfter - allBefore,
                Runtime.getRuntime().maxMemory());
    }

    private static long sum(long[] values) {
        return Arrays.stream(values).filter(v -> v > 0).sum();
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * The size of what the trace found and read.
     *
     * @param flows          transfers that carried taint
     * @param endpoints      terminals that received taint
     * @param holders        unattributed addresses still holding taint
     * @param trailAddresses distinct non-terminal addresses that received taint (the seeds not counted)
     * @param maxHop         the largest hop of a flow
     * @param transfersRead  transfers out of the seeds and the trail addresses and into the trail addresses:
     *                       what the tracer reads, counted here with the same store reads
     */
    public record Subgraph(int flows, int endpoints, int holders, int trailAddresses, int maxHop, long transfersRead) {
    }

    private static Subgraph subgraph(GraphStore store, TraceResult result, List<String> seeds) {
        Set<String> endpoints = new HashSet<>();
        result.endpoints().forEach(e -> endpoints.add(e.address()));
        Set<String> trail = new TreeSet<>();
        int maxHop = 0;
        for (TraceResult.Flow f : result.flows()) {
            if (!endpoints.contains(f.to()) && !seeds.contains(f.to()) && !f.to().equals(SyntheticChain.CHAIN.zeroAddress())) {
                trail.add(f.to());
            }
            maxHop = Math.max(maxHop, f.hop());
        }
        Set<String> read = new HashSet<>();
        List<String> senders = new ArrayList<>(seeds);
        senders.addAll(trail);
        store.transfersFrom(SyntheticChain.CHAIN, SyntheticChain.USDT_CONTRACT, senders).forEach(t -> read.add(t.id()));
        store.transfersTo(SyntheticChain.CHAIN, SyntheticChain.USDT_CONTRACT, trail).stream().map(Transfer::id)
                .forEach(read::add);
        return new Subgraph(result.flows().size(), result.endpoints().size(), result.holders().size(), trail.size(),
                maxHop, read.size());
    }

    /**
     * The plain Cypher query's figures at the benchmark depth.
     *
     * @param timing    run times, empty if the first run exceeded the budget
     * @param timedOut  true if the first run exceeded the budget (it is not repeated then)
     * @param budget    the budget of each run
     * @param terminals terminals found (empty if timed out)
     * @param paths     paths found (0 if timed out)
     */
    public record Plain(Optional<Timing> timing, boolean timedOut, Duration budget, List<String> terminals,
                        long paths) {
        public Plain {
            terminals = List.copyOf(terminals);
        }
    }

    private Plain plain(PlainCypherTrace plain, List<String> seeds, int depth) {
        Duration budget = settings.plainBudget();
        progress.printf("plain Cypher query, depth %d: a first run (budget %d s)%n", depth, budget.toSeconds());
        return timePlain(() -> plain.run(SyntheticChain.CHAIN, seeds, SyntheticChain.USDT_CONTRACT, depth, budget),
                settings.runs(), budget, progress, "  ")
                .map(r -> new Plain(Optional.of(r.timing()), false, budget,
                        r.last().terminals().stream().map(PlainCypherTrace.Reached::address).toList(), r.last().paths()))
                .orElseGet(() -> new Plain(Optional.empty(), true, budget, List.of(), 0));
    }

    /** The plain query's run times and its last answer. */
    record PlainRuns(Timing timing, PlainCypherTrace.Finished last) {
    }

    /**
     * Times the plain query as both benchmarks do: one first run, then as many timed runs as fit in
     * twice the budget, at least one and at most {@code maxRuns}.
     *
     * @param query    one run of the query
     * @param progress where the first run's outcome is reported, lines starting with {@code indent}
     * @return empty if a run exceeded the budget (after a first run that did, none is repeated)
     */
    static Optional<PlainRuns> timePlain(Supplier<PlainCypherTrace.Outcome> query, int maxRuns, Duration budget,
                                         PrintStream progress, String indent) {
        long start = System.nanoTime();
        PlainCypherTrace.Outcome first = query.get();
        long firstNanos = System.nanoTime() - start;
        if (first instanceof PlainCypherTrace.TimedOut) {
            progress.printf(Locale.ROOT, "%stimed out after %.1f s%n", indent, firstNanos / 1e9);
            return Optional.empty();
        }
        int runs = (int) Math.max(1, Math.min(maxRuns, 2 * budget.toNanos() / Math.max(firstNanos, 1)));
        progress.printf(Locale.ROOT, "%s%.1f s; %d timed run(s)%n", indent, firstNanos / 1e9, runs);
        long[] nanos = new long[runs];
        PlainCypherTrace.Outcome last = first;
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            last = query.get();
            nanos[i] = System.nanoTime() - s;
            if (last instanceof PlainCypherTrace.TimedOut) {
                return Optional.empty();
            }
        }
        return Optional.of(new PlainRuns(new Timing(nanos), (PlainCypherTrace.Finished) last));
    }

    /**
     * One depth of the sweep: a single run of each.
     *
     * @param depth          the hop limit
     * @param traceMillis    the trace's time
     * @param endpoints      the trace's endpoints, sorted
     * @param plainMillis    the plain query's time, or -1 if it timed out or was not run
     * @param plainRun       false if skipped because a smaller depth already timed out
     * @param plainTerminals the plain query's terminals, sorted (empty if not finished)
     * @param paths          the plain query's paths
     */
    public record DepthRow(int depth, double traceMillis, List<String> endpoints, double plainMillis, boolean plainRun,
                           List<String> plainTerminals, long paths) {
        public DepthRow {
            endpoints = List.copyOf(endpoints);
            plainTerminals = List.copyOf(plainTerminals);
        }
    }

    private List<DepthRow> byDepth(GraphStore store, PlainCypherTrace plain, List<String> seeds, Plain atDepth) {
        progress.println("by depth: one run of each");
        trace(store, seeds, settings.depth()); // warm again after the plain query's long run
        List<DepthRow> rows = new ArrayList<>();
        boolean timedOut = false;
        for (int d = 1; d <= settings.depth(); d++) {
            long s = System.nanoTime();
            TraceResult r = trace(store, seeds, d);
            double traceMillis = (System.nanoTime() - s) / 1e6;
            List<String> endpoints = r.endpoints().stream().map(TraceResult.Endpoint::address).sorted().toList();
            boolean last = d == settings.depth();
            if (timedOut || (last && atDepth.timedOut())) {
                rows.add(new DepthRow(d, traceMillis, endpoints, -1, !timedOut, List.of(), 0));
                continue;
            }
            s = System.nanoTime();
            PlainCypherTrace.Outcome o = plain.run(SyntheticChain.CHAIN, seeds, SyntheticChain.USDT_CONTRACT, d,
                    settings.plainBudget());
            double plainMillis = (System.nanoTime() - s) / 1e6;
            if (o instanceof PlainCypherTrace.Finished f) {
                rows.add(new DepthRow(d, traceMillis, endpoints, plainMillis, true,
                        f.terminals().stream().map(PlainCypherTrace.Reached::address).sorted().toList(), f.paths()));
            } else {
                timedOut = true;
                rows.add(new DepthRow(d, traceMillis, endpoints, -1, true, List.of(), 0));
            }
            progress.printf("  depth %d: trace %.1f ms, plain %s%n", d, traceMillis,
                    o instanceof PlainCypherTrace.Finished ? String.format(Locale.ROOT, "%.1f ms", plainMillis) : "timed out");
        }
        return rows;
    }

    // ---------------------------------------------------------------- the report

    /**
     * Everything the benchmark measured.
     *
     * @param settings    what was run
     * @param load        how the graph was loaded
     * @param counts      the store's node and relationship counts
     * @param lastBlock   the last block stored
     * @param diskBytes   the store's size on disk when the run started (0 for a store this run created)
     * @param seeds       number of seeds traced
     * @param trace       the trace's run times
     * @param subgraph    what the trace found and read
     * @param memory      what a trace costs in heap
     * @param plain       the plain Cypher query's figures
     * @param byDepth     one run of each per depth
     */
    public record Report(Settings settings, Load load, Map<String, Long> counts, long lastBlock,
                         long diskBytes, int seeds, Timing trace, Subgraph subgraph, Memory memory, Plain plain,
                         List<DepthRow> byDepth) {
        public Report {
            counts = Map.copyOf(counts);
            byDepth = List.copyOf(byDepth);
        }

        /** The trace median divided by the plain median; a lower bound (budget / median) if plain timed out. */
        public double speedUp() {
            double plainMillis = plain.timedOut() ? plain.budget().toMillis() : plain.timing().orElseThrow().medianMillis();
            return plainMillis / trace.medianMillis();
        }

        /** The report as plain text. */
        public String render() {
            SyntheticChain.Config c = settings.chain();
            StringBuilder out = new StringBuilder();
            line(out, "Chaintrail trace benchmark (issue 3)");
            line(out, "  graph     %,d addresses generated (%,d Address nodes), %,d USDT transfers in blocks up to %,d, "
                    + "%d laundering case(s), seed %d", c.addresses(), counts.get("Address"), counts.get("Transfer"),
                    lastBlock, c.cases(), c.seed());
            line(out, "            %,d labels, %,d entities, %,d MEMBER_OF (labels and deposit addresses)",
                    counts.get("Label"), counts.get("Entity"), counts.get(":MEMBER_OF"));
            double writeSeconds = load.writing().toMillis() / 1e3;
            line(out, "  store     %s, %s; %s: transfers written in %s (%,.0f transfers/s), entities "
                            + "resolved in %s", settings.store(), diskBytes == 0 ? "new"
                            : String.format(Locale.ROOT, "%,.0f MB on disk", diskBytes / 1e6),
                    load.reused() ? "reused, loaded by an earlier run" : "generated by this run",
                    LoadProgress.duration(load.writing().toSeconds()),
                    (c.transfers() - load.resumedFrom()) / Math.max(writeSeconds, 1e-3),
                    LoadProgress.duration(load.entities().toSeconds()));
            line(out, "  machine   %d cores, max heap %,d MB, Java %s", Runtime.getRuntime().availableProcessors(),
                    memory.maxHeapBytes() / (1 << 20), System.getProperty("java.version"));
            line(out, "  request   forward haircut trace of USDT from %d seeds (the cases' scam wallets), depth %d, "
                    + "stopping at every service category and sanction", seeds, settings.depth());
            line(out, "");
            line(out, "haircut trace, %d seeds, depth %d: median %.1f ms, p99 %.1f ms, min %.1f ms, max %.1f ms "
                            + "(%d runs after %d warm-up; p99 nearest-rank)", seeds, settings.depth(), trace.medianMillis(),
                    trace.p99Millis(), trace.minMillis(), trace.maxMillis(), trace.runs(), settings.warmup());
            line(out, "  traced subgraph: %,d flows (transfers that carried taint), %,d endpoints, %,d holders still "
                            + "holding taint, %,d trail addresses, hops up to %d", subgraph.flows(), subgraph.endpoints(),
                    subgraph.holders(), subgraph.trailAddresses(), subgraph.maxHop());
            line(out, "  transfers read: %,d (out of the seeds and trail addresses, into the trail addresses) of %,d in "
                    + "the graph (%.3f %%)", subgraph.transfersRead(), counts.get("Transfer"),
                    100.0 * subgraph.transfersRead() / counts.get("Transfer"));
            line(out, "  memory: heap in use after GC %,.1f MB before a trace, %+,.2f MB with its result held; the trace "
                            + "allocated %,.1f MB on its thread, %,.1f MB in all threads (the server's query work included)",
                    memory.heapBeforeBytes() / 1e6, memory.retainedBytes() / 1e6, memory.allocatedBytes() / 1e6,
                    memory.allAllocatedBytes() / 1e6);
            if (plain.timedOut()) {
                line(out, "plain Cypher (one variable-length query), %d seeds, depth %d: > %,d ms (timed out at its "
                        + "budget; 1 run, not repeated)", seeds, settings.depth(), plain.budget().toMillis());
                line(out, "speed-up: >= %,.0fx (a lower bound: the plain query did not finish within %d s)", speedUp(),
                        plain.budget().toSeconds());
            } else {
                Timing p = plain.timing().orElseThrow();
                line(out, "plain Cypher (one variable-length query), %d seeds, depth %d: median %.1f ms, p99 %.1f ms, "
                                + "min %.1f ms, max %.1f ms (%d run%s after 1 warm-up)%s", seeds, settings.depth(),
                        p.medianMillis(), p.p99Millis(), p.minMillis(), p.maxMillis(), p.runs(), p.runs() == 1 ? "" : "s",
                        p.runs() < trace.runs() ? "; fewer runs than the trace because each is slow" : "");
                line(out, "  found %,d terminals over %,d time-respecting paths", plain.terminals().size(), plain.paths());
                line(out, "speed-up: %,.1fx (plain median / trace median)", speedUp());
            }
            line(out, "goal: median under 500 ms: %s (%.1f ms); at least 10x faster than plain Cypher: %s (%s%,.1fx)",
                    trace.medianMillis() < 500 ? "met" : "MISSED", trace.medianMillis(),
                    speedUp() >= 10 ? "met" : plain.timedOut() ? "not shown" : "MISSED",
                    plain.timedOut() ? ">= " : "", speedUp());
            line(out, "");
            line(out, "by depth (one run each, warm)");
            line(out, "  %5s  %10s  %9s  %12s  %9s  %12s  %s", "depth", "trace ms", "endpoints", "plain ms",
                    "terminals", "paths", "terminal sets");
            for (DepthRow row : byDepth) {
                String plainMillis = row.plainMillis() >= 0 ? String.format(Locale.ROOT, "%,.1f", row.plainMillis())
                        : row.plainRun() ? "> " + String.format(Locale.ROOT, "%,d", plain.budget().toMillis()) : "not run";
                String agreement = row.plainMillis() < 0 ? "" : agreement(row.endpoints(), row.plainTerminals());
                line(out, "  %5d  %,10.1f  %,9d  %12s  %9s  %12s  %s", row.depth(), row.traceMillis(),
                        row.endpoints().size(), plainMillis,
                        row.plainMillis() < 0 ? "" : String.format(Locale.ROOT, "%,d", row.plainTerminals().size()),
                        row.plainMillis() < 0 ? "" : String.format(Locale.ROOT, "%,d", row.paths()), agreement);
            }
            return out.toString();
        }

        private static String agreement(List<String> endpoints, List<String> plainTerminals) {
            Set<String> onlyTrace = new TreeSet<>(endpoints);
            plainTerminals.forEach(onlyTrace::remove);
            Set<String> onlyPlain = new TreeSet<>(plainTerminals);
            endpoints.forEach(onlyPlain::remove);
            return onlyTrace.isEmpty() && onlyPlain.isEmpty() ? "same"
                    : onlyTrace.size() + " only in the trace, " + onlyPlain.size() + " only in plain";
        }

        private static void line(StringBuilder out, String format, Object... args) {
            out.append(String.format(Locale.ROOT, format, args)).append('\n');
        }
    }
}
