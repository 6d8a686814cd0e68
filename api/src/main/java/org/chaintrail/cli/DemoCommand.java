package org.chaintrail.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.chaintrail.analytics.entities.EntityResolver;
import org.chaintrail.demo.ScamCentreScenario;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.http.ApiLimits;
import org.chaintrail.ingest.etl.EthereumEtlImporter;
import org.chaintrail.ingest.labels.LabelImportRequest;
import org.chaintrail.ingest.labels.LabelImporter;
import org.chaintrail.model.Chain;
import org.chaintrail.query.TraceQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate the demo scam-centre case, load it into a fresh embedded store, trace the proceeds "
                + "from the scam wallets, print where they went, and serve the API and the web UI (it prints the URL "
                + "to open).",
        footer = {"", "Example:", "  ./chaintrail demo --no-serve"})
final class DemoCommand implements Callable<Integer> {
    /** Marks a directory as the demo's own, so that it is the only kind the demo will wipe. */
    private static final String MARKER = ".chaintrail-demo";

    @Option(names = "--no-serve", description = "Print the summary and exit instead of serving the API.")
    boolean noServe;

    @Option(names = "--port", defaultValue = "8080", description = "API port when serving (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dir", defaultValue = "data/demo", paramLabel = "DIR",
            description = "Working directory of the demo, wiped at each run (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--seed", defaultValue = "" + ScamCentreScenario.DEFAULT_SEED,
            description = "Seed of the scenario generator (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException, InterruptedException {
        long started = System.nanoTime();
        // The demo's files are small: per-file import progress would only bury the summary.
        System.setProperty("org.slf4j.simpleLogger.log.org.chaintrail.ingest", "warn");
        prepare(dir);
        Path fixtures = dir.resolve("fixtures");
        var scenario = new ScamCentreScenario(seed).writeTo(fixtures);
        System.out.println("Chaintrail demo: a pig-butchering case in USDT on Ethereum (fictional addresses, "
                + "real USDT contract), scenario seed " + seed);
        System.out.println("Scenario files: " + fixtures.toAbsolutePath());

        GraphConnection connection = GraphConnection.embedded(dir.resolve("graph"));
        boolean serving = false;
        try {
            var imported = new EthereumEtlImporter(connection.store(), Chain.ETHEREUM)
                    .importDirectory(fixtures.resolve("ethereum-etl"));
            var labels = new LabelImporter(connection.store()).importFiles(LabelImportRequest.of(
                    List.of(fixtures.resolve("tagpacks/demo-services.yaml")), "chaintrail demo"));
            var entities = new EntityResolver(connection.store(), Chain.ETHEREUM).resolve();
            System.out.println("Loaded into " + connection.description());
            System.out.println("  " + imported.describe());
            System.out.println("  " + labels.describe());
            System.out.println("  " + entities.describe());
            long victims = scenario.victimPayments().stream().map(ScamCentreScenario.Payment::victim).distinct().count();
            System.out.println("  " + scenario.victimPayments().size() + " payments from " + victims
                    + " victims into " + scenario.scamWallets().size() + " scam wallets (the seeds)");
            System.out.println();

            var result = new TraceQuery(Chain.ETHEREUM.id(), scenario.scamWallets(), "USDT", "forward", "haircut", null)
                    .run(connection.store());
            System.out.print(TraceTable.render(result));
            System.out.println();
            var back = new TraceQuery(Chain.ETHEREUM.id(), scenario.scamWallets(), "USDT", "backward", "haircut", null)
                    .run(connection.store());
            System.out.print(VictimTable.render(back));
            System.out.println();
            System.out.println("Demo finished in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms. "
                    + "The same trace as JSON: ./chaintrail trace --store " + dir.resolve("graph")
                    + " --seed " + String.join(" --seed ", scenario.scamWallets()));
            if (!noServe) {
                serving = true;
                ServeCommand.serve(connection, "127.0.0.1", port, ApiLimits.DEFAULT, "#/trace?chain=ethereum&asset=USDT&seeds="
                        + String.join(",", scenario.scamWallets()) + "&run=1");
            }
        } finally {
            if (!serving) {
                connection.close();
            }
        }
        return 0;
    }

    /** Empties the demo directory, refusing any directory the demo did not make. */
    private static void prepare(Path dir) throws IOException {
        if (Files.exists(dir)) {
            boolean empty;
            try (Stream<Path> entries = Files.list(dir)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty && !Files.exists(dir.resolve(MARKER))) {
                throw new IllegalArgumentException("--dir " + dir + " is not empty and was not made by the demo; "
                        + "refusing to wipe it");
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKER), "made by chaintrail demo; wiped at each run\n");
    }
}
