package org.chaintrail.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.chaintrail.bench.TraceBenchmark.Timing;

/**
 * What the benchmark suite measured: per size, each figure beside its baseline, as a plain-text
 * table ({@link #render}) and as JSON ({@link #json}, which {@link SuitePlot} draws).
 *
 * <p>Ratios read "how many times": the import over the naive path (transfers/s over transfers/s),
 * the plain Cypher query over the tracer (its time over the tracer's: the tracer's speed-up), and
 * the tracer over the in-memory bound (its time over the bound's: how far the store keeps it from
 * the limit).
 *
 * @param settings what was run
 * @param machine  where it ran
 * @param sizes    the figures of each size, in order
 */
public record SuiteReport(SuiteBenchmark.Settings settings, Machine machine, List<SizeFigures> sizes) {
    public SuiteReport {
        sizes = List.copyOf(sizes);
    }

    /**
     * The machine: figures are only comparable on the same one, idle.
     *
     * @param cores        available processors
     * @param maxHeapBytes the JVM's heap limit
     * @param java         the JVM's version
     * @param vm           the JVM's name
     * @param os           the operating system and architecture
     */
    public record Machine(int cores, long maxHeapBytes, String java, String vm, String os) {
        static Machine current() {
            return new Machine(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
                    System.getProperty("java.version"), System.getProperty("java.vm.name"),
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
    }

    /**
     * Writing transfers, the real path or the naive one.
     *
     * @param transfers transfers written
     * @param elapsed   time spent writing them
     */
    public record Ingest(long transfers, Duration elapsed) {
        public double seconds() {
            return elapsed.toNanos() / 1e9;
        }

        public double transfersPerSecond() {
            return transfers / Math.max(seconds(), 1e-9);
        }
    }

    /**
     * Entity resolution.
     *
     * @param elapsed          wall-clock time
     * @param heapBeforeBytes  heap in use after a collection just before (the in-process server's included)
     * @param peak             the heap's peaks while it ran
     * @param entities         entities made from labels
     * @param depositAddresses addresses the deposit-address heuristic joined to an exchange
     */
    public record Clustering(Duration elapsed, long heapBeforeBytes, HeapWatch.Peak peak, int entities,
                             int depositAddresses) {
    }

    /**
     * The in-memory graph.
     *
     * @param transfers transfers it holds
     * @param elapsed   time to generate them again into arrays and read the attributions from the store
     */
    public record Loaded(long transfers, Duration elapsed) {
    }

    /**
     * The plain Cypher baseline of one direction.
     *
     * @param timing    run times, empty if a run exceeded the budget
     * @param budget    the budget of each run
     * @param terminals the terminals it reached, sorted (empty if timed out)
     */
    public record Plain(Optional<Timing> timing, Duration budget, List<String> terminals) {
        public Plain {
            terminals = List.copyOf(terminals);
        }

        public boolean timedOut() {
            return timing.isEmpty();
        }
    }

    /**
     * One direction of the trace.
     *
     * @param tracer        the tracer over the store
     * @param inMemory      the same tracer over the arrays
     * @param plain         the plain Cypher query
     * @param endpoints     the tracer's endpoints, sorted
     * @param flows         the tracer's flows
     * @param inMemoryEqual whether the in-memory result equals the store's, field for field
     */
    public record TraceFigures(Timing tracer, Timing inMemory, Plain plain, List<String> endpoints, int flows,
                               boolean inMemoryEqual) {
        public TraceFigures {
            endpoints = List.copyOf(endpoints);
        }

        /** Whether the plain query reached exactly the tracer's endpoints; false if it timed out. */
        public boolean plainAgrees() {
            return !plain.timedOut() && plain.terminals().equals(endpoints);
        }

        /** Plain median over tracer median; a lower bound (the budget over the median) if it timed out. */
        public double plainRatio() {
            double plainMillis = plain.timing().map(Timing::medianMillis).orElse((double) plain.budget().toMillis());
            return plainMillis / tracer.medianMillis();
        }

        /** Tracer median over in-memory median. */
        public double boundRatio() {
            return tracer.medianMillis() / inMemory.medianMillis();
        }
    }

    /**
     * Exposure of one address a call.
     *
     * @param analyzer      over the store
     * @param inMemory      over the arrays
     * @param compared      exposures compared between the store and the arrays, warm-up runs included
     * @param inMemoryEqual whether every exposure over the arrays equals the store's
     */
    public record ExposureFigures(Timing analyzer, Timing inMemory, int compared, boolean inMemoryEqual) {
        public double boundRatio() {
            return analyzer.medianMillis() / inMemory.medianMillis();
        }
    }

    /**
     * Screening throughput.
     *
     * @param addresses addresses screened
     * @param batch     addresses per call
     * @param known     addresses the graph knew
     * @param elapsed   wall-clock time of all calls
     */
    public record Screen(int addresses, int batch, int known, Duration elapsed) {
        public double addressesPerSecond() {
            return addresses / Math.max(elapsed.toNanos() / 1e9, 1e-9);
        }
    }

    /**
     * Everything measured at one size.
     *
     * @param chain      the economy
     * @param ingest     the import
     * @param naive      the naive baseline, on a prefix
     * @param clustering entity resolution
     * @param loaded     the in-memory graph
     * @param forward    the forward trace from the scam wallets
     * @param backward   the backward trace from the scam wallets
     * @param exposure   exposure
     * @param screen     screening
     * @param storeBytes the store's size on disk, the server stopped
     */
    public record SizeFigures(SyntheticChain.Config chain, Ingest ingest, Ingest naive, Clustering clustering,
                              Loaded loaded, TraceFigures forward, TraceFigures backward, ExposureFigures exposure,
                              Screen screen, long storeBytes) {
        public double importRatio() {
            return ingest.transfersPerSecond() / naive.transfersPerSecond();
        }
    }

    // ---------------------------------------------------------------- text

    /** The figures as a plain-text table, one block per size. */
    public String render() {
        StringBuilder out = new StringBuilder();
        line(out, "Chaintrail benchmark suite: seed %d, depth %d, %d timed runs after %d warm-up", settings.seed(),
                settings.depth(), settings.runs(), settings.warmup());
        line(out, "machine: %d cores, max heap %,d MB, Java %s (%s), %s", machine.cores(), machine.maxHeapBytes() >> 20,
                machine.java(), machine.vm(), machine.os());
        for (SizeFigures s : sizes) {
            line(out, "");
            SyntheticChain.Config c = s.chain();
            line(out, "%,d transfers, %,d addresses, %d laundering cases", c.transfers(), c.addresses(), c.cases());
            line(out, "  %-30s %16s  %-26s %16s  %s", "figure", "chaintrail", "baseline", "baseline", "ratio");
            row(out, "import, transfers/s", count(s.ingest().transfersPerSecond()),
                    "naive MERGE, first " + count(s.naive().transfers()), count(s.naive().transfersPerSecond()),
                    times(s.importRatio()) + " faster");
            trace(out, "forward", s.forward());
            trace(out, "backward", s.backward());
            ExposureFigures e = s.exposure();
            row(out, "exposure p50 / p99, ms", pair(e.analyzer()), "in-memory bound", pair(e.inMemory()),
                    times(e.boundRatio()) + " the bound" + (e.inMemoryEqual() ? "; same answers" : "; ANSWERS DIFFER"));
            row(out, "screen, addresses/s", rate(s.screen().addressesPerSecond()), "batches of " + s.screen().batch(),
                    "", "");
            Clustering k = s.clustering();
            row(out, "clustering, s", String.format(Locale.ROOT, "%.1f", k.elapsed().toNanos() / 1e9),
                    k.depositAddresses() + " deposit addr.", "", "");
            row(out, "clustering peak heap, MB", count(k.peak().usedBytes() >> 20),
                    "heap before, MB", count(k.heapBeforeBytes() >> 20), "");
            row(out, "store on disk, MB", count(s.storeBytes() / 1e6), "", "", "");
        }
        return out.toString();
    }

    private static void trace(StringBuilder out, String way, TraceFigures t) {
        Plain p = t.plain();
        String plain = p.timedOut() ? "> " + count(p.budget().toMillis()) : pair(p.timing().orElseThrow());
        String agreement = p.timedOut() ? "" : t.plainAgrees() ? "; same terminals"
                : "; TERMINALS DIFFER (" + difference(t.endpoints(), p.terminals()) + ")";
        // A budget shorter than the tracer's own time bounds nothing: the plain query might have been faster.
        String ratio = p.timedOut() && t.plainRatio() < 1 ? "no ratio: the budget is under the tracer's time"
                : (p.timedOut() ? ">= " : "") + times(t.plainRatio()) + " faster" + agreement;
        row(out, way + " trace p50 / p99, ms", pair(t.tracer()), "plain Cypher", plain, ratio);
        row(out, "", "", "in-memory bound", pair(t.inMemory()),
                times(t.boundRatio()) + " the bound" + (t.inMemoryEqual() ? "; same answer" : "; ANSWERS DIFFER"));
    }

    private static String difference(List<String> endpoints, List<String> terminals) {
        Set<String> onlyTrace = new TreeSet<>(endpoints);
        terminals.forEach(onlyTrace::remove);
        Set<String> onlyPlain = new TreeSet<>(terminals);
        endpoints.forEach(onlyPlain::remove);
        return onlyTrace.size() + " only in the trace, " + onlyPlain.size() + " only in plain";
    }

    private static String pair(Timing t) {
        return String.format(Locale.ROOT, "%,.1f / %,.1f", t.medianMillis(), t.p99Millis());
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** A rate, with a decimal while it is small enough for one to matter. */
    private static String rate(double perSecond) {
        return perSecond < 100 ? String.format(Locale.ROOT, "%.1f", perSecond) : count(perSecond);
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%,.1fx", ratio);
    }

    private static void row(StringBuilder out, String figure, String value, String baseline, String baselineValue,
                            String ratio) {
        line(out, "  %-30s %16s  %-26s %16s  %s", figure, value, baseline, baselineValue, ratio);
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args).stripTrailing()).append('\n');
    }

    // ---------------------------------------------------------------- JSON

    /**
     * Writes the JSON, then draws the plot from it.
     *
     * @param json where the figures go
     * @param png  where the plot goes
     */
    public void write(Path json, Path png) {
        try {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(json, json(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + json, e);
        }
        SuitePlot.draw(json, png);
    }

    /** Every figure, the machine and the parameters, as JSON. */
    public String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", "suite");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sizes", settings.sizes());
        p.put("seed", settings.seed());
        p.put("transfersPerAddress", SuiteBenchmark.TRANSFERS_PER_ADDRESS);
        p.put("cases", SuiteBenchmark.CASES);
        p.put("generatorVersion", SyntheticChain.VERSION);
        p.put("runs", settings.runs());
        p.put("warmup", settings.warmup());
        p.put("depth", settings.depth());
        p.put("exposureHops", SuiteBenchmark.EXPOSURE_HOPS);
        p.put("naiveTransfers", settings.naiveTransfers());
        p.put("plainBudgetSeconds", settings.plainBudget().toSeconds());
        p.put("screenAddresses", settings.screenAddresses());
        p.put("screenBatch", settings.screenBatch());
        m.put("parameters", p);
        m.put("machine", ordered("cores", machine.cores(), "maxHeapBytes", machine.maxHeapBytes(), "java", machine.java(),
                "vm", machine.vm(), "os", machine.os()));
        m.put("sizes", sizes.stream().map(SuiteReport::json).toList());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> json(SizeFigures s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transfers", s.chain().transfers());
        m.put("addresses", s.chain().addresses());
        m.put("cases", s.chain().cases());
        m.put("import", json(s.ingest()));
        m.put("naive", json(s.naive()));
        m.put("importRatio", s.importRatio());
        Clustering k = s.clustering();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seconds", k.elapsed().toNanos() / 1e9);
        c.put("heapBeforeBytes", k.heapBeforeBytes());
        c.put("peakUsedBytes", k.peak().usedBytes());
        c.put("peakAfterGcBytes", k.peak().afterGcBytes());
        c.put("poolPeaksBytes", k.peak().poolPeaksBytes());
        c.put("entities", k.entities());
        c.put("depositAddresses", k.depositAddresses());
        m.put("clustering", c);
        m.put("inMemory", ordered("transfers", s.loaded().transfers(), "loadSeconds",
                s.loaded().elapsed().toNanos() / 1e9));
        m.put("forward", json(s.forward()));
        m.put("backward", json(s.backward()));
        ExposureFigures e = s.exposure();
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("analyzer", json(e.analyzer()));
        x.put("inMemory", json(e.inMemory()));
        x.put("boundRatio", e.boundRatio());
        x.put("compared", e.compared());
        x.put("inMemoryEqual", e.inMemoryEqual());
        m.put("exposure", x);
        Screen sc = s.screen();
        m.put("screen", ordered("addresses", sc.addresses(), "batch", sc.batch(), "known", sc.known(),
                "seconds", sc.elapsed().toNanos() / 1e9, "addressesPerSecond", sc.addressesPerSecond()));
        m.put("storeBytes", s.storeBytes());
        return m;
    }

    private static Map<String, Object> json(Ingest i) {
        return ordered("transfers", i.transfers(), "seconds", i.seconds(), "transfersPerSecond", i.transfersPerSecond());
    }

    private static Map<String, Object> json(TraceFigures t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tracer", json(t.tracer()));
        m.put("inMemory", json(t.inMemory()));
        Map<String, Object> plain = new LinkedHashMap<>(t.plain().timing().map(SuiteReport::json).orElse(new LinkedHashMap<>()));
        plain.put("timedOut", t.plain().timedOut());
        plain.put("budgetSeconds", t.plain().budget().toSeconds());
        plain.put("terminals", t.plain().terminals().size());
        m.put("plain", plain);
        m.put("endpoints", t.endpoints().size());
        m.put("flows", t.flows());
        m.put("plainRatio", t.plainRatio());
        m.put("plainRatioIsLowerBound", t.plain().timedOut());
        m.put("plainAgrees", t.plainAgrees());
        m.put("boundRatio", t.boundRatio());
        m.put("inMemoryEqual", t.inMemoryEqual());
        return m;
    }

    private static Map<String, Object> json(Timing t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50Ms", t.medianMillis());
        m.put("p99Ms", t.p99Millis());
        m.put("minMs", t.minMillis());
        m.put("maxMs", t.maxMillis());
        m.put("runs", t.runs());
        return m;
    }

    /** A JSON object whose keys keep the order given (Map.of's order changes from run to run). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
