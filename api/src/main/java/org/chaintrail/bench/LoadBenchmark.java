package org.chaintrail.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.chaintrail.query.Json;
import org.chaintrail.query.QueryLimits;

/**
 * Load on a running API from this process, over HTTP as an exchange's systems would send it:
 * {@code clients} threads send requests for a warm-up, then for the measured duration. Without a
 * rate, each client sends one request after another (a closed loop: the throughput the server can
 * reach). With a rate, requests are due on a fixed schedule across the clients (an open loop: the
 * latency at that throughput), and a request's latency counts from when it was due, so a server that
 * falls behind is charged for the wait too. Each screen request carries {@code addressesPerRequest}
 * distinct addresses drawn from the pool; each exposure request one. Every latency of the measured
 * window is kept and sorted, so the percentiles are exact; any answer but 200 and any I/O failure is
 * an error. Before the run, one screen of the whole pool checks the URL and the key and counts how
 * many of the addresses the graph knows (screening unknown addresses would measure nothing).
 */
public final class LoadBenchmark {
    /** What the load is sent to. */
    public enum Endpoint {
        /** {@code POST /api/v1/screen}, {@code addressesPerRequest} addresses a request. */
        SCREEN,
        /** {@code GET /api/v1/addresses/{chain}/{address}/exposure}, one address a request. */
        EXPOSURE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param url                 the server, such as {@code http://127.0.0.1:8080}
     * @param key                 an API key sent as a bearer token, or empty
     * @param clients             concurrent clients, each a thread with one request in flight
     * @param warmup              load before the measured window (the server's JIT warms up)
     * @param duration            the measured window
     * @param addressesPerRequest addresses a screen request carries
     * @param endpoint            screen or exposure
     * @param chain               chain id of the addresses
     * @param addresses           the pool the requests draw from
     * @param seed                seed of the draws
     * @param rate                requests per second across all clients, or 0 for as many as they can send
     */
    public record Settings(URI url, Optional<String> key, int clients, Duration warmup, Duration duration,
                           int addressesPerRequest, Endpoint endpoint, String chain, List<String> addresses, long seed,
                           double rate) {
        public Settings {
            if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("rate must be a positive number of requests per second, or 0 for "
                        + "none, was " + rate);
            }
            addresses = List.copyOf(new LinkedHashSet<>(addresses));
            if (clients < 1 || clients > 4_096) {
                throw new IllegalArgumentException("clients must be 1..4096, was " + clients);
            }
            if (duration.isNegative() || duration.isZero() || warmup.isNegative()) {
                throw new IllegalArgumentException("duration must be positive and warm-up not negative, were "
                        + duration + " and " + warmup);
            }
            if (addressesPerRequest < 1 || addressesPerRequest > QueryLimits.MAX_ADDRESSES) {
                throw new IllegalArgumentException("addresses per request must be 1.." + QueryLimits.MAX_ADDRESSES
                        + ", was " + addressesPerRequest);
            }
            int needed = endpoint == Endpoint.SCREEN ? addressesPerRequest : 1;
            if (addresses.size() < needed) {
                throw new IllegalArgumentException("the pool has " + addresses.size() + " distinct addresses and a "
                        + "request needs " + needed + "; give more addresses or fewer per request");
            }
        }

        int addressesPerCall() {
            return endpoint == Endpoint.SCREEN ? addressesPerRequest : 1;
        }
    }

    /**
     * @param settings     what was run
     * @param known        how many of the pool's addresses the graph knows
     * @param requests     requests completed in the measured window
     * @param screened     addresses screened by the successful ones
     * @param errors       requests that failed
     * @param errorKinds   failures by kind ({@code HTTP 503}, {@code ConnectException})
     * @param seconds      the measured window as it ran
     * @param latenciesMs  p50, p90, p99 and max in milliseconds
     */
    public record Report(Settings settings, int known, long requests, long screened, long errors,
                         Map<String, Long> errorKinds, double seconds, Map<String, Double> latenciesMs) {
        public double requestsPerSecond() {
            return requests / seconds;
        }

        public double addressesPerSecond() {
            return screened / seconds;
        }

        public String render() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%s load on %s: %d clients, %s, %d s measured after %d s warm-up%n",
                    settings.endpoint().id(), settings.url(), settings.clients(), settings.rate() == 0
                            ? "each sending as fast as answered"
                            : String.format(Locale.ROOT, "%.1f requests/s due", settings.rate()),
                    settings.duration().toSeconds(), settings.warmup().toSeconds()));
            sb.append(String.format(Locale.ROOT, "pool: %d addresses on %s, %d known to the graph; %d per request%n",
                    settings.addresses().size(), settings.chain(), known, settings.addressesPerCall()));
            sb.append(String.format(Locale.ROOT, "requests         %,d (%,.1f/s)%n", requests, requestsPerSecond()));
            sb.append(String.format(Locale.ROOT, "addresses        %,d (%,.1f screened/s)%n", screened, addressesPerSecond()));
            sb.append(String.format(Locale.ROOT, "latency ms       p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                    latenciesMs.get("p50"), latenciesMs.get("p90"), latenciesMs.get("p99"), latenciesMs.get("max")));
            sb.append(String.format(Locale.ROOT, "errors           %,d%s%n", errors, errorKinds.isEmpty() ? "" : " " + errorKinds));
            return sb.toString();
        }

        public String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("benchmark", "load");
            m.put("endpoint", settings.endpoint().id());
            m.put("url", settings.url().toString());
            m.put("clients", settings.clients());
            m.put("rate", settings.rate() == 0 ? "closed loop" : settings.rate());
            m.put("warmupSeconds", settings.warmup().toSeconds());
            m.put("durationSeconds", seconds);
            m.put("addressesPerRequest", settings.addressesPerCall());
            m.put("pool", Map.of("chain", settings.chain(), "addresses", settings.addresses().size(), "known", known));
            m.put("requests", requests);
            m.put("requestsPerSecond", round(requestsPerSecond()));
            m.put("screenedAddresses", screened);
            m.put("screenedAddressesPerSecond", round(addressesPerSecond()));
            m.put("latencyMs", latenciesMs);
            m.put("errors", errors);
            m.put("errorKinds", errorKinds);
            m.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                    "java", System.getProperty("java.version")));
            return Json.write(m);
        }

        private static double round(double v) {
            return Math.round(v * 10) / 10.0;
        }
    }

    private final Settings settings;
    private final PrintStream log;
    private final HttpClient http;

    /**
     * @param settings what to run
     * @param log      where progress goes (standard error)
     */
    public LoadBenchmark(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * @throws IllegalStateException if the server refuses the first screen (wrong URL, key or chain)
     */
    public Report run() throws IOException, InterruptedException {
        int known = probe();
        log.printf(Locale.ROOT, "%d of %d addresses known to the graph; %d clients, warm-up %d s, then %d s measured%n",
                known, settings.addresses().size(), settings.clients(), settings.warmup().toSeconds(),
                settings.duration().toSeconds());
        long start = System.nanoTime();
        Schedule schedule = settings.rate() == 0 ? null : new Schedule(start, settings.rate());
        long measureFrom = start + settings.warmup().toNanos();
        long end = measureFrom + settings.duration().toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(settings.clients(), r -> {
            Thread t = new Thread(r, "load-client");
            t.setDaemon(true);
            return t;
        });
        List<Future<Client>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < settings.clients(); i++) {
                Client c = new Client(new SplittableRandom(settings.seed() + i), schedule, measureFrom, end);
                futures.add(pool.submit(() -> c.run()));
            }
            List<Client> done = new ArrayList<>();
            for (Future<Client> f : futures) {
                try {
                    done.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a load client failed", e.getCause());
                }
            }
            // The window closes when the last request started in it returns: the figures count those too.
            long overrun = done.stream().mapToLong(c -> c.overrunNanos).max().orElse(0);
            return report(known, done, (settings.duration().toNanos() + overrun) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private Report report(int known, List<Client> clients, double seconds) {
        int total = clients.stream().mapToInt(c -> c.count).sum();
        long[] all = new long[total];
        int at = 0;
        long screened = 0;
        long errors = 0;
        Map<String, Long> kinds = new TreeMap<>();
        for (Client c : clients) {
            System.arraycopy(c.latencies, 0, all, at, c.count);
            at += c.count;
            screened += c.screened;
            errors += c.errors;
            c.errorKinds.forEach((k, v) -> kinds.merge(k, v, Long::sum));
        }
        Arrays.sort(all);
        Map<String, Double> latencies = new LinkedHashMap<>();
        latencies.put("p50", TraceBenchmark.Timing.percentileMillis(all, 0.50));
        latencies.put("p90", TraceBenchmark.Timing.percentileMillis(all, 0.90));
        latencies.put("p99", TraceBenchmark.Timing.percentileMillis(all, 0.99));
        latencies.put("max", all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        return new Report(settings, known, total, screened, errors, kinds, seconds, latencies);
    }

    /** Screens the whole pool once: the server answers, the key is good, and this many addresses are known. */
    private int probe() throws IOException, InterruptedException {
        int known = 0;
        List<String> all = settings.addresses();
        for (int from = 0; from < all.size(); from += QueryLimits.MAX_ADDRESSES) {
            var r = http.send(screen(all.subList(from, Math.min(all.size(), from + QueryLimits.MAX_ADDRESSES))),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("the first screen at " + settings.url() + " answered " + r.statusCode()
                        + ": " + r.body().strip());
            }
            for (JsonNode v : Json.MAPPER.readTree(r.body()).path("results")) {
                known += v.path("known").asBoolean() ? 1 : 0;
            }
        }
        return known;
    }

    private HttpRequest screen(List<String> addresses) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("chain", settings.chain());
        ArrayNode list = body.putArray("addresses");
        addresses.forEach(list::add);
        return request(settings.url().resolve("/api/v1/screen"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpRequest exposure(String address) {
        return request(settings.url().resolve("/api/v1/addresses/" + encode(settings.chain()) + "/" + encode(address)
                + "/exposure")).GET().build();
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        settings.key().ifPresent(k -> b.header("Authorization", "Bearer " + k));
        return b;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** When each request of an open loop is due: the n-th at start + n / rate, whichever client sends it. */
    private static final class Schedule {
        private final long start;
        private final double nanosapart;
        private final AtomicLong next = new java.util.concurrent.atomic.AtomicLong();

        Schedule(long start, double rate) {
            this.start = start;
            this.nanosapart = 1e9 / rate;
        }

        long nextDue() {
            return start + (long) (next.getAndIncrement() * nanosapart);
        }
    }

    /** One client: its own draws and its own latency record, merged when the run ends. */
    private final class Client {
        private final SplittableRandom random;
        private final Schedule schedule;
        private final long measureFrom;
        private final long end;
        private long[] latencies = new long[1_024];
        private int count;
        private long screened;
        private long errors;
        private long overrunNanos;
        private final Map<String, Long> errorKinds = new TreeMap<>();

        Client(SplittableRandom random, Schedule schedule, long measureFrom, long end) {
            this.random = random;
            this.schedule = schedule;
            this.measureFrom = measureFrom;
            this.end = end;
        }

        Client run() throws InterruptedException {
            while (true) {
                long started = schedule == null ? System.nanoTime() : schedule.nextDue();
                if (started >= end) {
                    return this;
                }
                long wait = started - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                HttpRequest request = settings.endpoint() == Endpoint.SCREEN ? screen(draw()) : exposure(draw().get(0));
                String failure = null;
                try {
                    int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status != 200) {
                        failure = "HTTP " + status;
                    }
                } catch (IOException e) {
                    failure = e.getClass().getSimpleName();
                }
                long finished = System.nanoTime();
                if (started < measureFrom) {
                    continue;
                }
                record(finished - started);
                overrunNanos = Math.max(overrunNanos, finished - end);
                if (failure == null) {
                    screened += settings.addressesPerCall();
                } else {
                    errors++;
                    errorKinds.merge(failure, 1L, Long::sum);
                }
            }
        }

        /** Distinct addresses from the pool (the pool holds distinct ones), drawn uniformly. */
        private List<String> draw() {
            List<String> pool = settings.addresses();
            Set<String> picked = new LinkedHashSet<>();
            while (picked.size() < settings.addressesPerCall()) {
                picked.add(pool.get(random.nextInt(pool.size())));
            }
            return new ArrayList<>(picked);
        }

        private void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }
    }
}
