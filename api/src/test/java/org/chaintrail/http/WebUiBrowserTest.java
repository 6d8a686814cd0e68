package org.chaintrail.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.chaintrail.http.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.query.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI end to end in a real headless Chromium (Debian's, driven by playwright-core from the web
 * package): the journey of {@code api/src/main/web/test/journey.mjs} over the demo case, held against
 * what the API answers for the same requests. Without Chromium it is skipped, unless
 * {@code CHAINTRAIL_REQUIRE_BROWSER=1} (CI sets it), then it fails. With
 * {@code -Dchaintrail.screenshots=docs/screenshots} it also saves the main screens there.
 */
class WebUiBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("chaintrail.chromium", "/usr/bin/chromium"));
    private static final Path ROOT = Path.of(System.getProperty("chaintrail.root", "..")).toAbsolutePath().normalize();
    private static final Path WEB = ROOT.resolve("api/src/main/web");

    @Test
    void demoJourney_searchTraceSaveAndExport_showsWhatTheApiAnswers(@TempDir Path out) throws Exception {
        requireBrowser();
        var demo = DemoGraph.load();
        List<String> wallets = demo.scenario().scamWallets();
        try (var server = new TestServer(demo.graph())) {
            JsonNode observed = runJourney(server.url() + "/", wallets, out);
            assertThat(observed.get("problems")).as("errors in the page or failed requests").isEmpty();

            // The UI ran the request a user would expect from the form's defaults, on the wallets added.
            assertThat(strings(observed.get("seeds"))).containsExactlyInAnyOrderElementsOf(wallets);
            JsonNode form = observed.get("form");
            assertThat(form.get("chain").asText()).isEqualTo("ethereum");
            assertThat(form.get("asset").asText()).isEqualTo("USDT");
            assertThat(form.get("direction").asText()).isEqualTo("forward");
            assertThat(form.get("model").asText()).isEqualTo("haircut");
            String request = Json.write(Map.of("chain", "ethereum", "seeds", wallets, "asset", "USDT",
                    "direction", "forward", "model", "haircut", "maxHops", form.get("maxHops").asInt()));
            JsonNode trace = json(server.post("/api/v1/traces", request));

            // The endpoints table shows the API's amounts digit for digit (thousands separators aside).
            Map<String, String> expectedEndpoints = new TreeMap<>();
            trace.get("endpoints").forEach(e -> expectedEndpoints.put(e.get("address").asText(),
                    e.get("taintedAmount").asText()));
            Map<String, String> shownEndpoints = new TreeMap<>();
            observed.get("endpoints").forEach(e -> shownEndpoints.put(e.get("address").asText(),
                    e.get("amount").asText().replace(",", "")));
            assertThat(shownEndpoints).isEqualTo(expectedEndpoints).hasSizeGreaterThanOrEqualTo(3);

            // The graph names every entity the proceeds reached, and the flow diagram ends at them.
            var entities = new TreeSet<String>();
            trace.get("endpoints").forEach(e -> entities.add(e.get("entity").get("name").asText()));
            assertThat(entities).contains("Kestrel Exchange", "Harbor Exchange", "Mekong OTC Desk");
            List<String> labels = new ArrayList<>();
            observed.get("graphNodes").forEach(n -> labels.add(n.get("label").asText()));
            for (String entity : entities) {
                assertThat(labels).as("graph nodes").anySatisfy(l -> assertThat(l).startsWith(entity));
            }
            assertThat(strings(observed.get("sankeyNodes"))).containsAll(entities);
            assertThat(observed.get("flowRows").asInt()).isEqualTo(trace.get("flows").size());

            // The saved trace is that request, and the CSV downloaded is the API's CSV of it, byte for byte.
            String saved = "/api/v1/cases/" + observed.get("caseId").asText() + "/traces/" + observed.get("traceId").asText();
            JsonNode query = json(server.get(saved)).get("query");
            assertThat(strings(query.get("seeds"))).containsExactlyInAnyOrderElementsOf(wallets);
            assertThat(query.get("maxHops").asInt()).isEqualTo(form.get("maxHops").asInt());
            var csv = server.get(saved + "/export?format=csv");
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(Files.readAllBytes(Path.of(observed.get("csv").asText())))
                    .isEqualTo(csv.body().getBytes(StandardCharsets.UTF_8));
            assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                    .contains(observed.get("downloadName").asText());
        }
    }

    /** Skips without a browser, or fails when CI says the browser test must run. */
    private static void requireBrowser() {
        List<String> missing = new ArrayList<>();
        boolean node = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "node")));
        if (!node) {
            missing.add("Node.js (node) on the PATH");
        }
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add("Chromium at " + CHROMIUM + " (Debian package chromium)");
        }
        if (!Files.isDirectory(WEB.resolve("node_modules/playwright-core"))) {
            missing.add("playwright-core in " + WEB.resolve("node_modules") + " (the Maven build runs npm ci)");
        }
        if (missing.isEmpty()) {
            return;
        }
        RequiredTools.missing("the browser test needs " + String.join(" and ", missing), "CHAINTRAIL_REQUIRE_BROWSER");
    }

    private static JsonNode runJourney(String url, List<String> wallets, Path out) throws IOException, InterruptedException {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("base", url);
        input.put("out", out.toString());
        input.put("chromium", CHROMIUM.toString());
        input.put("wallets", wallets);
        String screenshots = System.getProperty("chaintrail.screenshots", "");
        input.put("screenshots", screenshots.isBlank() ? null : ROOT.resolve(screenshots).toString());
        Path log = out.resolve("journey.log");
        Process node = new ProcessBuilder("node", "test/journey.mjs", Json.write(input))
                .directory(WEB.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!node.waitFor(150, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            fail("the browser journey did not finish in 150 s; its log:\n" + Files.readString(log));
        }
        assertThat(node.exitValue()).as("journey exit code; its log:\n" + Files.readString(log)).isZero();
        System.out.print("browser journey:\n" + Files.readString(log));
        return Json.MAPPER.readTree(out.resolve("observed.json").toFile());
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
