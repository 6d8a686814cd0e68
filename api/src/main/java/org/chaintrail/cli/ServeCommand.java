package org.chaintrail.cli;

import io.javalin.Javalin;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.chaintrail.analytics.tracing.TimeBudget;
import org.chaintrail.analytics.tracing.TraceRequest;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.http.ApiKeys;
import org.chaintrail.http.ApiLimits;
import org.chaintrail.http.ApiServer;
import org.chaintrail.query.QueryLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the HTTP API until Ctrl-C. Every request needs an API key (chaintrail keys create) "
                + "and is recorded in the audit log. While no key exists at all, the API answers requests from "
                + "this machine without one (the demo), and refuses to serve on any other interface."},
        footer = {"", "Example:", "  ./chaintrail serve --port 8080 --store data/graph --time-budget 10"})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Interface to bind (default: ${DEFAULT-VALUE}); another needs an API key to exist.")
    String host;

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "" + ApiLimits.DEFAULT_MAX_BODY_BYTES,
            description = "Largest request body; larger is answered 413 (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--max-hops", paramLabel = "N", defaultValue = "" + TraceRequest.MAX_HOPS,
            description = "Largest hop limit a trace or exposure may ask for (default: ${DEFAULT-VALUE}).")
    int maxHops;

    @Option(names = "--max-seeds", paramLabel = "N", defaultValue = "" + QueryLimits.MAX_SEEDS,
            description = "Most seeds of one trace (default: ${DEFAULT-VALUE}).")
    int maxSeeds;

    @Option(names = "--max-screen-addresses", paramLabel = "N", defaultValue = "" + QueryLimits.MAX_ADDRESSES,
            description = "Most addresses of one screening call (default: ${DEFAULT-VALUE}).")
    int maxScreenAddresses;

    @Option(names = "--time-budget", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long a trace may discover before it answers with what it found and says it was cut; "
                    + "decimals allowed (default: ${DEFAULT-VALUE}).")
    BigDecimal timeBudget;

    @Option(names = "--rate-screening", paramLabel = "PER_SECOND", defaultValue = "" + ApiLimits.DEFAULT_SCREENING_RATE,
            description = "Requests per second of a screening key without its own rate (default: ${DEFAULT-VALUE}).")
    int screeningRate;

    @Option(names = "--rate-analyst", paramLabel = "PER_SECOND", defaultValue = "" + ApiLimits.DEFAULT_ANALYST_RATE,
            description = "The same for an analyst key (default: ${DEFAULT-VALUE}).")
    int analystRate;

    @Option(names = "--rate-admin", paramLabel = "PER_SECOND", defaultValue = "" + ApiLimits.DEFAULT_ADMIN_RATE,
            description = "The same for an admin key (default: ${DEFAULT-VALUE}); the keyless demo has no limit.")
    int adminRate;

    @Mixin
    GraphOptions graph;

    @Override
    public Integer call() throws InterruptedException {
        ApiLimits limits = new ApiLimits(maxBodyBytes, new QueryLimits(maxHops, maxSeeds, maxScreenAddresses,
                TimeBudget.of(seconds(timeBudget))), screeningRate, analystRate, adminRate);
        serve(graph.open(), host, port, limits, null);
        return 0;
    }

    private static Duration seconds(BigDecimal seconds) {
        if (seconds.signum() < 0) {
            throw new IllegalArgumentException("--time-budget must not be negative, was " + seconds.toPlainString());
        }
        return Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).longValueExact());
    }

    /**
     * Serves until the JVM is asked to stop, then closes the server and the graph cleanly.
     *
     * @param demoTrace the web UI's address (after the host) of a trace to show first, or null
     */
    static void serve(GraphConnection connection, String host, int port, ApiLimits limits, String demoTrace)
            throws InterruptedException {
        Javalin app;
        try {
            app = ApiServer.create(connection, host, port, limits).start();
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            connection.close();
            stopped.countDown();
        }, "chaintrail-stop"));
        if (!connection.store().keys().any()) {
            System.err.println("""

                    ****************************************************************************************
                    WARNING: no API key exists. Until one does, the API answers every request from this
                    machine (loopback) WITHOUT a key, as an admin. Fine for the demo; for anything else,
                    create a key, and every request will need one:
                      ./chaintrail keys create --role admin --name NAME %s
                    ****************************************************************************************
                    """.formatted(connection.embeddedBoltUri().isPresent() ? "--store DIR (with the server stopped)"
                    : "--neo4j-uri URI"));
        }
        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.port() + "/";
        System.out.println("Serving the API on " + url + " (" + connection.description()
                + "); every request is recorded in the audit log; key lookups are cached "
                + ApiKeys.CACHE_SECONDS + " s; Ctrl-C to stop");
        String line = "=".repeat(88);
        System.out.println();
        System.out.println(line);
        System.out.println("  Open " + url + " in a browser: the web UI (search, traces, cases).");
        if (demoTrace != null) {
            System.out.println("  The demo's trace of the scam wallets, ready to run:");
            System.out.println("  " + url + demoTrace);
        }
        System.out.println(line);
        stopped.await();
    }
}
