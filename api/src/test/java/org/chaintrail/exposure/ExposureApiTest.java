package org.chaintrail.exposure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.chaintrail.demo.ScamCentreScenario.address;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chaintrail.analytics.exposure.Exposure;
import org.chaintrail.analytics.exposure.ExposureAnalyzer;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.demo.ScamCentreScenario;
import org.chaintrail.http.ApiServer;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.WriteBatch;
import org.chaintrail.query.ExposureQuery;
import org.chaintrail.query.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exposure on the demo case once an FIU has labelled the three scam wallets (abuse {@code scam}):
 * the layering wallet and the Kestrel deposit address must show the scam money behind them.
 */
class ExposureApiTest {
    private static DemoGraph.Loaded demo;
    private static Javalin app;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void load() {
        demo = DemoGraph.load();
        demo.graph().store().write(WriteBatch.ofLabels(demo.scenario().scamWallets().stream()
                .map(w -> new AddressLabel(Chain.ETHEREUM, w, new Label("Pig-butchering wallet", Optional.empty(),
                        Optional.of("scam"), Optional.empty(), "FIU case 2026-117", Optional.of("forensic"))))
                .toList()));
        app = ApiServer.create(demo.graph(), "127.0.0.1", 0).start();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    private static Exposure exposure(String role) {
        return new ExposureQuery("ethereum", address(role), "USDT", 5).run(demo.graph().store()).orElseThrow();
    }

    /**
     * The layering wallet received 10,000 from a business (which withdrew it from Harbor) and 38,000
     * of pure proceeds from the consolidation wallet (which holds nothing but scam money). So 38/48
     * of its funds are scam: received risk 1.0 · 0.791667; it also paid a mixer 20,000 (weight 0.75)
     * and an OTC desk 15,000 (0.25) of its 48,000 sent: sent risk 0.390625. Score round(79.17) = 79.
     */
    @Test
    void exposure_layeringWallet_scamShareFromBackwardHaircut() {
        Exposure e = exposure("layering");

        assertThat(e.received()).isEqualTo("48000");
        assertThat(e.indirect()).extracting(Exposure.Indirect::category, Exposure.Indirect::amount, Exposure.Indirect::share)
                .containsExactly(tuple("scam", "38000", "0.791667"), tuple("exchange", "10000", "0.208333"));
        assertThat(e.indirect().get(0).sources()).extracting(Exposure.Source::address)
                .containsExactlyInAnyOrderElementsOf(demo.scenario().scamWallets());
        assertThat(e.direct()).extracting(Exposure.Direct::category, Exposure.Direct::received, Exposure.Direct::sent)
                .containsExactly(tuple("exchange", "0", "12500"), tuple("mixing_service", "0", "20000"),
                        tuple("otc_desk", "0", "15000"), tuple("unattributed", "48000", "500"));
        assertThat(e.score().sent()).isEqualTo("0.390625");
        assertThat(e.score().received()).isEqualTo("0.791667");
        assertThat(e.score().value()).isEqualTo(79);
        assertThat(e.score().verdict()).isEqualTo("high");
    }

    /**
     * The deposit address got 12,500 from the layering wallet. Backward: the layering wallet's later
     * outflows to the OTC desk (15,000) and the mixer (20,000) are not traced, so 12,500 of its 47,500
     * of outflow after the proceeds arrived is; the 38,000 of proceeds carry 38,000 · 12.5/47.5 = 10,000
     * back to the scam wallets, and the business's 10,000 carry the other 2,500 back to Harbor.
     */
    @Test
    void exposure_kestrelDepositAddress_eightyPercentScam() {
        Exposure e = exposure("kestrel-deposit-layering");

        assertThat(e.indirect()).extracting(Exposure.Indirect::category, Exposure.Indirect::amount, Exposure.Indirect::share)
                .containsExactly(tuple("scam", "10000", "0.800000"), tuple("exchange", "2500", "0.200000"));
        assertThat(e.score().value()).isEqualTo(80);
        assertThat(e.self()).isEmpty();
    }

    /** What the screen endpoint runs: every address of a batch analysed together, as if each were alone. */
    @Test
    void analyzeAll_everyDemoAddressAnExchangeScreens_eachEqualsItsAnalysisAlone() {
        var store = demo.graph().store();
        Asset usdt = Asset.token(Chain.ETHEREUM, ScamCentreScenario.USDT, "USDT", 6);
        List<String> addresses = new java.util.ArrayList<>(ScamCentreScenario.screenedAddresses());
        addresses.add(address("layering"));
        String unknown = "0x" + "6".repeat(40);

        List<String> asked = new java.util.ArrayList<>(addresses);
        asked.add(3, unknown);
        Map<String, Exposure> together = new ExposureAnalyzer(store, Chain.ETHEREUM, asked, usdt, 5).analyzeAll();

        assertThat(together.keySet()).containsExactlyElementsOf(addresses); // the unknown one left out
        for (String a : addresses) {
            assertThat(together.get(a)).as(a)
                    .isEqualTo(new ExposureAnalyzer(store, Chain.ETHEREUM, a, usdt, 5).analyze().orElseThrow());
        }
        assertThat(new ExposureAnalyzer(store, Chain.ETHEREUM, unknown, usdt, 5).analyze()).isEmpty();
        assertThat(together.get(address("layering")).score().value()).isEqualTo(79);
        assertThat(together.get(address("kestrel-deposit-layering")).score().value()).isEqualTo(80);
    }

    @Test
    void exposure_scamWalletItself_scoresOnItsOwnLabel() {
        Exposure e = new ExposureQuery("ethereum", demo.scenario().scamWallets().get(0), "USDT", 5)
                .run(demo.graph().store()).orElseThrow();

        assertThat(e.self()).containsExactly("scam");
        assertThat(e.score().self()).isEqualTo("1.000000");
        assertThat(e.score().value()).isEqualTo(100);
    }

    @Test
    void exposureEndpoint_knownAndUnknownAddress_200And404() throws Exception {
        var ok = get("/api/v1/addresses/ethereum/" + address("layering") + "/exposure?asset=USDT&maxHops=5");
        var missing = get("/api/v1/addresses/ethereum/0x" + "6".repeat(40) + "/exposure");
        var bad = get("/api/v1/addresses/ethereum/" + address("layering") + "/exposure?maxHops=lots");

        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode score = Json.MAPPER.readTree(ok.body()).get("score");
        assertThat(score.get("value").asInt()).isEqualTo(79);
        assertThat(score.get("formula").asText()).startsWith("score = round(100 * max(self, received, sent))");
        assertThat(score.get("weights").get("scam").asText()).isEqualTo("1");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(bad.body()).get("field").asText()).isEqualTo("maxHops");
    }

    @Test
    void exposureAndScreen_bitcoin_400NamingTheChainUntilUtxoExposureExists() throws Exception {
        String genesis = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";

        var exposure = get("/api/v1/addresses/bitcoin/" + genesis + "/exposure");
        var screen = post("/api/v1/screen", "{\"chain\":\"bitcoin\",\"addresses\":[\"" + genesis + "\"]}");

        assertThat(field(exposure)).isEqualTo("chain");
        assertThat(Json.MAPPER.readTree(exposure.body()).get("detail").asText()).contains("--direction backward");
        assertThat(field(screen)).isEqualTo("chain");
    }

    @Test
    void screen_batchOfDeposits_verdictPerAddressInOrder() throws Exception {
        String unknown = "0x" + "6".repeat(40);
        String body = "{\"chain\":\"ethereum\",\"addresses\":[\"" + String.join("\",\"", List.of(address("layering"),
                address("kestrel-deposit-layering"), unknown, address("kestrel-hot-wallet"))) + "\"]}";

        var r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/screen"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode results = Json.MAPPER.readTree(r.body()).get("results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).get("score").asInt()).isEqualTo(79);
        assertThat(results.get(0).get("exposure").get("scam").asText()).isEqualTo("0.791667");
        assertThat(results.get(1).get("verdict").asText()).isEqualTo("high");
        assertThat(results.get(2).get("known").asBoolean()).isFalse();
        assertThat(results.get(2).get("verdict").asText()).isEqualTo("unknown");
        assertThat(results.get(3).get("verdict").asText()).isEqualTo("low");
    }

    @Test
    void screen_tooManyOrMalformed_400NamingTheField() throws Exception {
        String many = "{\"chain\":\"ethereum\",\"addresses\":[" + String.join(",",
                java.util.Collections.nCopies(1001, "\"" + address("layering") + "\"")) + "]}";
        assertThat(field(post("/api/v1/screen", many))).isEqualTo("addresses");
        assertThat(field(post("/api/v1/screen", "{\"chain\":\"ethereum\",\"addresses\":[\"0xabc\"]}")))
                .isEqualTo("addresses[0]");
        assertThat(field(post("/api/v1/screen", "{\"chain\":\"ethereum\",\"address\":[]}"))).isEqualTo("address");
    }

    private static String field(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).isEqualTo(400);
        return Json.MAPPER.readTree(r.body()).get("field").asText();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
