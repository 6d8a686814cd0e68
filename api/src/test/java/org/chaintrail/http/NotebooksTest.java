package org.chaintrail.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.chaintrail.demo.ScamCentreScenario.address;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.demo.ScamCentreScenario;
import org.chaintrail.query.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyst notebooks ({@code notebooks/*.ipynb}) run by {@code notebooks/run.py} against the real
 * API over the demo case in a fresh store: every code cell must run without error and print exactly
 * the outputs stored in the notebook, which come from a run against {@code chaintrail demo}. Without
 * python3 on the PATH the tests are skipped, unless {@code CHAINTRAIL_REQUIRE_PYTHON=1} (CI) makes
 * that a failure.
 */
class NotebooksTest {
    private static final Path NOTEBOOKS = Path.of(System.getProperty("chaintrail.root", ".."), "notebooks")
            .toAbsolutePath().normalize();
    /** Far beyond the few seconds a run takes: only there so that a hung server cannot hang the build. */
    private static final long GIVE_UP_MINUTES = 10;

    @BeforeAll
    static void python() {
        boolean found;
        try {
            found = new ProcessBuilder("python3", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            found = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!found) {
            RequiredTools.missing("python3 is not on the PATH: the notebooks are not run", "CHAINTRAIL_REQUIRE_PYTHON");
        }
    }

    @Test
    void notebooks_onTheDemoCase_runEveryCellAndPrintTheStoredOutputs(@TempDir Path work) throws Exception {
        var demo = DemoGraph.load(); // a fresh store: the case the third notebook opens is case-1, as stored
        Run run;
        try (TestServer server = new TestServer(demo.graph())) {
            run = python(work, server.url(), NOTEBOOKS.resolve("run.py").toString(), "--workdir", work.toString(),
                    notebook("01-trace-to-exchanges"), notebook("02-screen-deposits"), notebook("03-build-a-case"));
        }

        assertThat(run.exit()).as("notebooks/run.py printed:%n%s", run.output()).isZero();
        assertThat(run.output()).contains("ok   01-trace-to-exchanges.ipynb", "ok   02-screen-deposits.ipynb",
                "ok   03-build-a-case.ipynb");
        // The subpoena list, worked out from the scenario: the layering wallet held 9,500 clean and 38,000
        // tainted USDT, so Kestrel's deposit got 12,500 x 38,000 / 47,500; the rest of the proceeds went down
        // the peel chain into Harbor's two deposit addresses.
        Map<String, BigDecimal> perAddress = proceedsPerDepositAddress(work.resolve("subpoena-list.csv"));
        BigInteger proceeds = demo.scenario().victimPayments().stream().map(ScamCentreScenario.Payment::amount)
                .reduce(BigInteger.ZERO, BigInteger::add);
        assertThat(perAddress).containsOnlyKeys(address("harbor-deposit-peel-a"), address("harbor-deposit-peel-b"),
                address("kestrel-deposit-layering"));
        assertThat(perAddress.get(address("kestrel-deposit-layering"))).isEqualByComparingTo("10000");
        assertThat(perAddress.get(address("harbor-deposit-peel-a")).add(perAddress.get(address("harbor-deposit-peel-b"))))
                .isEqualByComparingTo(new BigDecimal(proceeds.subtract(ScamCentreScenario.PROCEEDS_TO_LAYERING), 6));
        assertThat(work.resolve("case-1-report.html")).content(StandardCharsets.UTF_8)
                .contains("<h1>Case case-1: Pig-butchering proceeds, USDT on Ethereum</h1>");
        JsonNode bundle = Json.MAPPER.readTree(work.resolve("case-1-stix.json").toFile());
        assertThat(bundle.get("type").asText()).isEqualTo("bundle");
        List<String> malicious = new ArrayList<>();
        bundle.get("objects").forEach(o -> {
            if (o.get("type").asText().equals("indicator")
                    && o.get("indicator_types").toString().contains("malicious-activity")) {
                malicious.add(o.get("pattern").asText());
            }
        });
        assertThat(malicious).containsExactlyInAnyOrderElementsOf(demo.scenario().scamWallets().stream()
                .map(w -> "[cryptocurrency-wallet:value = '" + w + "']").toList());
    }

    @Test
    void runner_itsOwnChecks_pass(@TempDir Path work) throws Exception {
        Run run = python(work, null, "-m", "unittest", "discover", "-s", NOTEBOOKS.toString(), "-p", "test_*.py");

        assertThat(run.exit()).as("the runner's checks printed:%n%s", run.output()).isZero();
        assertThat(run.output()).containsPattern("Ran \\d+ tests").contains("OK");
    }

    private static String notebook(String name) {
        return NOTEBOOKS.resolve(name + ".ipynb").toString();
    }

    /** The proceeds column summed per deposit address (each row is one transfer into one). */
    private static Map<String, BigDecimal> proceedsPerDepositAddress(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        int address = header.indexOf("deposit_address");
        int proceeds = header.indexOf("proceeds_usdt");
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(","); // no field of this file holds a comma or a quote
            sums.merge(cells[address], new BigDecimal(cells[proceeds]), BigDecimal::add);
        }
        return sums;
    }

    private record Run(int exit, String output) {
    }

    /** Runs python3 with the arguments in {@code dir}, against {@code url} when given, keyless. */
    private static Run python(Path dir, String url, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "python-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("CHAINTRAIL_KEY");
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ in the source tree
        if (url != null) {
            builder.environment().put("CHAINTRAIL_URL", url);
        }
        Process process = builder.start();
        if (!process.waitFor(GIVE_UP_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("python3 " + String.join(" ", args) + " did not finish in " + GIVE_UP_MINUTES + " minutes:%n%s",
                    Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
