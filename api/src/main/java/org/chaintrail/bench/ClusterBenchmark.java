package org.chaintrail.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.chaintrail.analytics.clustering.UtxoClusterer;
import org.chaintrail.analytics.clustering.UtxoHeuristic;

/**
 * The clustering benchmark: a {@link SyntheticUtxoStream} clustered by {@link UtxoClusterer},
 * timed, with the heap's peak. The generator feeds the clusterer one transaction at a time: the
 * total time includes generating, and the clustering's own time is summed around each
 * {@link UtxoClusterer#accept} call. The heap is watched from a collection before the start; its
 * figures include the generator's state (a few hundred MB at ten million transactions).
 */
public final class ClusterBenchmark {
    /** The goals for ten million transactions on the 2-core machine. */
    static final double GOAL_SECONDS = 60;
    static final long GOAL_HEAP_BYTES = 4L << 30;

    private final Settings settings;
    private final PrintStream progress;

    /**
     * What to run.
     *
     * @param stream     the generated chain
     * @param heuristics the rules; common-input ownership is always among them
     */
    public record Settings(SyntheticUtxoStream.Config stream, Set<UtxoHeuristic> heuristics) {
        public Settings {
            Objects.requireNonNull(stream, "stream");
            EnumSet<UtxoHeuristic> rules = EnumSet.of(UtxoHeuristic.COMMON_INPUT);
            rules.addAll(heuristics);
            heuristics = Set.copyOf(rules);
        }
    }

    /**
     * @param settings what to run
     * @param progress where progress goes (standard error); the report is returned, not printed
     */
    public ClusterBenchmark(Settings settings, PrintStream progress) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Runs the stream through the clusterer and returns the figures. */
    public Report run() {
        long n = settings.stream().transactions();
        progress.printf(Locale.ROOT, "generating %,d transactions (seed %d) and clustering them with %s...%n", n,
                settings.stream().seed(), flags(settings.heuristics()));
        UtxoClusterer clusterer = new UtxoClusterer(settings.heuristics());
        Progress shown = new Progress(n);
        long[] clustering = {0};
        SyntheticUtxoStream.Totals totals;
        Duration total;
        HeapWatch.Peak heap;
        try (HeapWatch watch = HeapWatch.start()) {
            long started = System.nanoTime();
            totals = new SyntheticUtxoStream(settings.stream()).generate(tx -> {
                long t0 = System.nanoTime();
                clusterer.accept(tx);
                clustering[0] += System.nanoTime() - t0;
                shown.tick();
            });
            total = Duration.ofNanos(System.nanoTime() - started);
            heap = watch.peak();
        }
        System.gc(); // what stays is the clusterer's: the generator's state is garbage now
        long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Runtime rt = Runtime.getRuntime();
        return new Report(settings, totals, Duration.ofNanos(clustering[0]), total, heap, retained,
                clusterer.statistics(), clusterer.bytes(), rt.availableProcessors(), rt.maxMemory(),
                System.getProperty("java.version"));
    }

    /** Prints a line every million transactions. */
    private final class Progress {
        private final long total;
        private final long started = System.nanoTime();
        private long done;

        Progress(long total) {
            this.total = total;
        }

        void tick() {
            if (++done % 1_000_000 == 0 || done == total) {
                double s = (System.nanoTime() - started) / 1e9;
                progress.printf(Locale.ROOT, "  %,d of %,d transactions, %.1f s, %,.0f tx/s%n", done, total, s,
                        done / s);
            }
        }
    }

    static String flags(Set<UtxoHeuristic> heuristics) {
        return heuristics.stream().sorted().map(UtxoHeuristic::flag).collect(Collectors.joining(","));
    }

    /**
     * Everything the benchmark measured.
     *
     * @param settings       what was run
     * @param stream         what the generator made
     * @param clustering     the time inside {@link UtxoClusterer#accept}, summed
     * @param total          the whole run, generating included
     * @param heap           the heap during the run
     * @param retainedBytes  the heap used after the run and a full collection, the clusterer still held
     * @param statistics     the clusterer's figures
     * @param clustererBytes the clusterer's own arrays at the end
     * @param cores          available processors
     * @param maxHeapBytes   the JVM's heap limit
     * @param javaVersion    the JVM's version
     */
    public record Report(Settings settings, SyntheticUtxoStream.Totals stream, Duration clustering, Duration total,
                         HeapWatch.Peak heap, long retainedBytes, UtxoClusterer.Statistics statistics, long clustererBytes, int cores,
                         long maxHeapBytes, String javaVersion) {

        /** Transactions a second of clustering alone. */
        public double transactionsPerSecond() {
            return stream.transactions() / seconds(clustering);
        }

        public boolean goalsMet() {
            return seconds(clustering) < GOAL_SECONDS && heap.usedBytes() < GOAL_HEAP_BYTES;
        }

        /** The report as plain text. */
        public String render() {
            StringBuilder out = new StringBuilder();
            UtxoClusterer.Statistics s = statistics;
            line(out, "Chaintrail clustering benchmark: UtxoClusterer over a generated Bitcoin chain");
            line(out, "  stream    %,d transactions in %,d blocks, %,d inputs (%.2f a tx), %,d outputs (%.2f a tx), "
                            + "%,d addresses, %,d wallets, %,d CoinJoins (seed %d, generator %d)", stream.transactions(),
                    stream.blocks(), stream.inputs(), (double) stream.inputs() / stream.transactions(), stream.outputs(),
                    (double) stream.outputs() / stream.transactions(), stream.addresses(), stream.wallets(),
                    stream.coinJoins(), settings.stream().seed(), SyntheticUtxoStream.VERSION);
            line(out, "  rules     %s", flags(settings.heuristics()));
            line(out, "  machine   %d cores, max heap %,d MB, Java %s", cores, maxHeapBytes >> 20, javaVersion);
            line(out, "");
            line(out, "time      %.1f s clustering (%,.0f transactions/s); %.1f s in all, generating the stream "
                    + "included (%,.0f transactions/s)", seconds(clustering), transactionsPerSecond(), seconds(total),
                    stream.transactions() / seconds(total));
            line(out, "heap      peak %,d MB used (sampled every 50 ms, garbage included; the pools' peaks sum to "
                            + "%,d MB); %,d MB held after the run and a full collection, of which the clusterer's "
                            + "arrays %,d MB", heap.usedBytes() >> 20, heap.poolPeaksBytes() >> 20, retainedBytes >> 20,
                    clustererBytes >> 20);
            line(out, "entities  %,d over %,d addresses: %,d merges (%s)", s.entities(), s.addresses(), s.totalMerges(),
                    perRule(s.merges()));
            line(out, "links     %s; %,d transactions with conflicting change rules left unlinked", perRule(s.links()),
                    s.conflicts());
            line(out, "coinjoins %,d skipped %s (%,d generated)", s.coinJoinsSkipped(), s.coinJoins(), stream.coinJoins());
            line(out, "goal: 10M transactions in < %.0f s and < %,d MB of heap: %s", GOAL_SECONDS, GOAL_HEAP_BYTES >> 20,
                    stream.transactions() < 10_000_000 ? "not a 10M run" : goalsMet() ? "met" : "MISSED");
            return out.toString();
        }

        /** The figures as JSON. */
        public String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "cluster");
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("generatorVersion", SyntheticUtxoStream.VERSION);
            g.put("seed", settings.stream().seed());
            g.put("transactions", stream.transactions());
            g.put("blocks", stream.blocks());
            g.put("inputs", stream.inputs());
            g.put("outputs", stream.outputs());
            g.put("addresses", stream.addresses());
            g.put("wallets", stream.wallets());
            g.put("coinJoinsGenerated", stream.coinJoins());
            m.put("stream", g);
            m.put("heuristics", settings.heuristics().stream().sorted().map(UtxoHeuristic::flag).toList());
            m.put("machine", Map.of("cores", cores, "maxHeapBytes", maxHeapBytes, "java", javaVersion));
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("clusteringSeconds", seconds(clustering));
            t.put("transactionsPerSecond", transactionsPerSecond());
            t.put("totalSeconds", seconds(total));
            t.put("totalTransactionsPerSecond", stream.transactions() / seconds(total));
            m.put("time", t);
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("peakHeapUsedBytes", heap.usedBytes());
            h.put("poolPeaksSumBytes", heap.poolPeaksBytes());
            h.put("retainedAfterRunBytes", retainedBytes);
            h.put("clustererBytes", clustererBytes);
            m.put("heap", h);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("addresses", statistics.addresses());
            c.put("entities", statistics.entities());
            c.put("merges", statistics.totalMerges());
            c.put("mergesByRule", byFlag(statistics.merges()));
            c.put("linksByRule", byFlag(statistics.links()));
            c.put("conflicts", statistics.conflicts());
            c.put("coinJoinsSkipped", statistics.coinJoinsSkipped());
            c.put("coinJoinsByShape", statistics.coinJoins());
            m.put("clusters", c);
            m.put("goalSeconds", GOAL_SECONDS);
            m.put("goalHeapBytes", GOAL_HEAP_BYTES);
            try {
                return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Map<String, Long> byFlag(Map<UtxoHeuristic, Long> m) {
            Map<String, Long> out = new TreeMap<>();
            m.forEach((h, v) -> out.put(h.flag(), v));
            return out;
        }

        private static String perRule(Map<UtxoHeuristic, Long> m) {
            return m.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey().flag(), e.getValue()))
                    .collect(Collectors.joining(", "));
        }

        private static double seconds(Duration d) {
            return d.toNanos() / 1e9;
        }

        private static void line(StringBuilder out, String format, Object... args) {
            out.append(String.format(Locale.ROOT, format, args)).append('\n');
        }
    }
}
