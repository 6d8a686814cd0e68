package org.chaintrail.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chaintrail.bench.LoadBenchmark;
import org.chaintrail.demo.ScamCentreScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load a running API (chaintrail serve) from this process: CLIENTS threads each send screen (or "
                + "exposure) requests one after another for a warm-up, then for the measured duration; print "
                + "requests/s, screened addresses/s, p50/p90/p99/max latency and the errors. The addresses come "
                + "from a file, or are the demo case's deposit addresses and scam wallets.",
        footer = {"", "Examples:", "  ./chaintrail demo --no-serve --dir /tmp/demo",
                "  ./chaintrail serve --store /tmp/demo/graph &",
                "  ./chaintrail bench load --url http://127.0.0.1:8080 --clients 64 --duration 30s "
                        + "--addresses-per-request 20 --endpoint screen",
                "  ./chaintrail bench load --rate 100 --addresses-per-request 20   # p99 at 2,000 addresses/s",
                "  ./chaintrail bench load --endpoint exposure --addresses deposits.txt --key $KEY --json load.json"})
final class BenchLoadCommand implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The API (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--key", paramLabel = "KEY", description = "API key, sent as a bearer token (none by default).")
    String key;

    @Option(names = "--clients", defaultValue = "64", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", defaultValue = "30s", converter = Seconds.class,
            description = "Measured time: 30s, 2m, 500ms (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = Seconds.class,
            description = "Load before the measured time, not counted (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--addresses-per-request", defaultValue = "20", paramLabel = "N",
            description = "Addresses in each screen request (default: ${DEFAULT-VALUE}).")
    int addressesPerRequest;

    @Option(names = "--endpoint", defaultValue = "screen", paramLabel = "screen|exposure",
            description = "POST /api/v1/screen or GET …/exposure (default: ${DEFAULT-VALUE}).")
    String endpoint;

    @Option(names = "--chain", defaultValue = "ethereum", description = "Chain of the addresses (default: ${DEFAULT-VALUE}).")
    String chain;

    @Option(names = "--addresses", paramLabel = "FILE",
            description = "Addresses to draw from, one a line (# starts a comment); default: the demo case's deposit "
                    + "addresses and scam wallets.")
    Path addresses;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "R",
            description = "Requests per second due across all clients (an open loop: the latency at that "
                    + "throughput, counted from when each was due); 0 sends as fast as answered (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the address draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON here.")
    Path json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        LoadBenchmark.Endpoint target = switch (endpoint.trim().toLowerCase(Locale.ROOT)) {
            case "screen" -> LoadBenchmark.Endpoint.SCREEN;
            case "exposure" -> LoadBenchmark.Endpoint.EXPOSURE;
            default -> throw new IllegalArgumentException("--endpoint must be screen or exposure, was '" + endpoint + "'");
        };
        var settings = new LoadBenchmark.Settings(url, Optional.ofNullable(key), clients, warmup, duration,
                addressesPerRequest, target, chain, pool(), seed, rate);
        LoadBenchmark.Report report = new LoadBenchmark(settings, System.err).run();
        System.out.print(report.render());
        if (json != null) {
            Files.writeString(json, report.json());
            System.out.println("figures written to " + json);
        }
        return report.errors() == 0 ? 0 : 1;
    }

    private List<String> pool() throws IOException {
        if (addresses == null) {
            return ScamCentreScenario.screenedAddresses();
        }
        List<String> lines = Files.readAllLines(addresses).stream().map(l -> l.replaceFirst("#.*", "").trim())
                .filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("--addresses " + addresses + " holds no address");
        }
        return lines;
    }

    /** 30s, 2m, 500ms or a bare number of seconds. */
    static final class Seconds implements ITypeConverter<Duration> {
        private static final Pattern TEXT = Pattern.compile("(\\d+)\\s*(ms|s|m)?");

        @Override
        public Duration convert(String value) {
            Matcher m = TEXT.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("not a duration (30s, 2m, 500ms): '" + value + "'");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            };
        }
    }
}
