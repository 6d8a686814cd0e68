package org.chaintrail.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chaintrail.demo.ScamCentreScenario.address;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.query.Json;
import org.chaintrail.query.TraceQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real server on a free loopback port, over the demo case in the real embedded Neo4j. */
class ApiServerTest {
    private static DemoGraph.Loaded demo;
    private static TestServer server;

    @BeforeAll
    static void start() {
        demo = DemoGraph.load();
        server = new TestServer(demo.graph());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return server.get(path);
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return server.post(path, body);
    }

    @Test
    void health_running_reportsLastBlock() throws Exception {
        var r = get("/api/v1/health");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.get("lastBlocks").get("ethereum").asLong()).isGreaterThan(21_000_000L);
    }

    @Test
    void address_depositAddress_carriesItsExchangeAndTotals() throws Exception {
        String deposit = address("kestrel-deposit-layering");

        var r = get("/api/v1/addresses/ethereum/" + deposit.toUpperCase().replace("0X", "0x"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("address").asText()).isEqualTo(deposit);
        assertThat(body.get("labels")).isEmpty();
        assertThat(body.get("entity").get("id").asText()).isEqualTo("exchange:kestrel_exchange");
        assertThat(body.get("entity").get("name").asText()).isEqualTo("Kestrel Exchange");
        assertThat(body.get("entity").get("via").asText()).isEqualTo("deposit-address");
        assertThat(body.get("entity").get("confidence").asText()).isEqualTo("forensic");
        JsonNode usdt = body.get("totals").get(0);
        assertThat(usdt.get("asset").asText()).isEqualTo("USDT");
        assertThat(usdt.get("contract").asText()).isEqualTo("0xdac17f958d2ee523a2206206994597c13d831ec7");
        assertThat(usdt.get("received").asText()).isEqualTo("12500");
        assertThat(usdt.get("sent").asText()).isEqualTo("12500");
        assertThat(usdt.get("transfersIn").asInt()).isEqualTo(1);
        assertThat(usdt.get("transfersOut").asInt()).isEqualTo(1);
    }

    @Test
    void address_labelledMixer_listsItsLabel() throws Exception {
        JsonNode body = Json.MAPPER.readTree(get("/api/v1/addresses/ethereum/" + address("fogmix")).body());

        JsonNode label = body.get("labels").get(0);
        assertThat(label.get("label").asText()).isEqualTo("FogMix");
        assertThat(label.get("category").asText()).isEqualTo("mixing_service");
        assertThat(label.get("source").asText()).isEqualTo("chaintrail demo scenario");
        assertThat(label.get("confidence").asText()).isEqualTo("forensic");
    }

    @Test
    void address_unknown_404Problem() throws Exception {
        var r = get("/api/v1/addresses/ethereum/0x" + "7".repeat(40));

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(Json.MAPPER.readTree(r.body()).get("status").asInt()).isEqualTo(404);
    }

    @Test
    void address_malformed_400NamingTheField() throws Exception {
        var r = get("/api/v1/addresses/ethereum/0x12345");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode p = Json.MAPPER.readTree(r.body());
        assertThat(p.get("field").asText()).isEqualTo("address");
        assertThat(p.get("detail").asText()).contains("0x12345");
    }

    @Test
    void address_unknownChain_400NamingTheField() throws Exception {
        var r = get("/api/v1/addresses/dogecoin/0x" + "7".repeat(40));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(r.body()).get("field").asText()).isEqualTo("chain");
    }

    @Test
    void traces_scamWallets_sameJsonAsTheCli() throws Exception {
        var seeds = demo.scenario().scamWallets();
        String body = "{\"chain\":\"ethereum\",\"seeds\":[\"" + String.join("\",\"", seeds)
                + "\"],\"asset\":\"USDT\",\"direction\":\"forward\",\"model\":\"haircut\",\"maxHops\":10}";

        var r = post("/api/v1/traces", body);

        assertThat(r.statusCode()).isEqualTo(200);
        String cli = Json.write(new TraceQuery("ethereum", seeds, "USDT", "forward", "haircut", 10).run(demo.graph().store()));
        assertThat(r.body()).isEqualTo(cli);
        assertThat(Json.MAPPER.readTree(r.body()).get("endpoints")).hasSize(5);
    }

    @Test
    void traces_backwardPoisonWithLimits_parametersEchoed() throws Exception {
        String body = "{\"chain\":\"ethereum\",\"seeds\":[\"" + address("consolidation") + "\"],\"direction\":\"backward\","
                + "\"model\":\"poison\",\"since\":\"2024-10-27\",\"until\":\"2024-10-28\",\"minAmount\":\"0.5\","
                + "\"stopAt\":[\"exchange\"]}";

        var r = post("/api/v1/traces", body);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode p = Json.MAPPER.readTree(r.body()).get("parameters");
        assertThat(p.get("direction").asText()).isEqualTo("backward");
        assertThat(p.get("model").asText()).isEqualTo("poison");
        assertThat(p.get("since").asText()).isEqualTo("2024-10-27T00:00:00Z");
        assertThat(p.get("until").asText()).isEqualTo("2024-10-28T23:59:59Z");
        assertThat(p.get("minAmount").asText()).isEqualTo("0.5");
        assertThat(p.get("stopAt").toString()).isEqualTo("[\"exchange\"]");
    }

    @Test
    void traces_csvAndGraphMl_servedWithTheirTypes() throws Exception {
        String body = "{\"chain\":\"ethereum\",\"seeds\":[\"" + String.join("\",\"", demo.scenario().scamWallets()) + "\"]}";

        var csv = post("/api/v1/traces?format=csv", body);
        var graphml = post("/api/v1/traces?format=graphml", body);

        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(csv.body()).startsWith("hop,block,timestamp,tx_hash,");
        assertThat(graphml.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/graphml+xml"));
        assertThat(graphml.body()).contains("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">");
        assertThat(post("/api/v1/traces?format=pdf", body).statusCode()).isEqualTo(400);
    }

    @Test
    void traces_badWindowOrStopCategory_400NamingTheField() throws Exception {
        String seed = "\"seeds\":[\"" + address("scam-wallet-1") + "\"]";
        assertThat(Json.MAPPER.readTree(post("/api/v1/traces", "{\"chain\":\"ethereum\"," + seed
                + ",\"since\":\"yesterday\"}").body()).get("field").asText()).isEqualTo("since");
        assertThat(Json.MAPPER.readTree(post("/api/v1/traces", "{\"chain\":\"ethereum\"," + seed
                + ",\"since\":\"200\",\"until\":\"100\"}").body()).get("field").asText()).isEqualTo("until");
        assertThat(Json.MAPPER.readTree(post("/api/v1/traces", "{\"chain\":\"ethereum\"," + seed
                + ",\"stopAt\":[\"Exchange!\"]}").body()).get("field").asText()).isEqualTo("stopAt[0]");
        assertThat(Json.MAPPER.readTree(post("/api/v1/traces", "{\"chain\":\"ethereum\"," + seed
                + ",\"minAmount\":\"0.0000001\"}").body()).get("field").asText()).isEqualTo("minAmount");
        assertThat(Json.MAPPER.readTree(post("/api/v1/traces", "{\"chain\":\"ethereum\"," + seed
                + ",\"model\":\"lifo\"}").body()).get("field").asText()).isEqualTo("model");
    }

    @Test
    void traces_badSeed_400NamingTheSeed() throws Exception {
        var r = post("/api/v1/traces", "{\"chain\":\"ethereum\",\"seeds\":[\"" + address("scam-wallet-1") + "\",\"0xnope\"]}");

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode p = Json.MAPPER.readTree(r.body());
        assertThat(p.get("field").asText()).isEqualTo("seeds[1]");
        assertThat(p.get("title").asText()).isEqualTo("Invalid request");
    }

    @Test
    void traces_malformedBodyOrFields_400NamingEach() throws Exception {
        assertThat(Json.MAPPER.readTree(post("/api/v1/traces", "{\"chain\": ").body()).get("field").asText())
                .isEqualTo("body");
        assertThat(Json.MAPPER.readTree(post("/api/v1/traces", "{\"chain\":\"ethereum\",\"seeds\":[\""
                + address("scam-wallet-1") + "\"],\"maxHops\":99}").body()).get("field").asText()).isEqualTo("maxHops");
        assertThat(Json.MAPPER.readTree(post("/api/v1/traces", "{\"chain\":\"ethereum\",\"seeds\":[\""
                + address("scam-wallet-1") + "\"],\"asset\":\"NOPE\"}").body()).get("field").asText()).isEqualTo("asset");
        assertThat(Json.MAPPER.readTree(post("/api/v1/traces", "{\"chain\":\"ethereum\",\"seed\":[]}").body())
                .get("field").asText()).isEqualTo("seed");
        assertThat(post("/api/v1/traces", "[]").statusCode()).isEqualTo(400);
    }

    @Test
    void entity_exchangeOfTheCase_holdsItsHotWalletsAndTheDepositAddressesOfThePeelChain() throws Exception {
        var r = get("/api/v1/entities/exchange:harbor_exchange");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("name").asText()).isEqualTo("Harbor Exchange");
        assertThat(body.get("kind").asText()).isEqualTo("label");
        assertThat(body.get("confidence").asText()).isEqualTo("forensic");
        assertThat(body.get("membersByVia").get("label").asLong()).isEqualTo(2);
        assertThat(body.get("membersByVia").get("deposit-address").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(body.get("labels")).extracting(l -> l.get("address").asText())
                .containsExactlyInAnyOrder(address("harbor-hot-wallet"), address("harbor-hot-wallet-2"));
        JsonNode usdt = body.get("flows").get(0);
        assertThat(usdt.get("asset").asText()).isEqualTo("USDT");
        // The treasury minted 50,000,000 USDT to Harbor's hot wallet; more came in from customers.
        assertThat(new java.math.BigDecimal(usdt.get("received").asText())).isGreaterThan(
                new java.math.BigDecimal("50000000"));
        assertThat(body.get("counterparties")).isNotEmpty();
    }

    @Test
    void evidence_depositAddressAndHotWallet_linkedByTheDepositRuleAndTheLabel() throws Exception {
        String deposit = address("harbor-deposit-peel-a");
        String hot = address("harbor-hot-wallet");

        var r = get("/api/v1/entities/exchange:harbor_exchange/evidence?a=" + deposit + "&b=" + hot);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("chain").asText()).isEqualTo("ethereum");
        assertThat(body.get("entity").asText()).isEqualTo("exchange:harbor_exchange");
        JsonNode path = body.get("paths").get(0);
        assertThat(path.get(0).get("heuristic").asText()).isEqualTo("deposit-address");
        assertThat(path.get(0).get("txid").asText()).startsWith("0x");
        assertThat(path.get(1).get("heuristic").asText()).isEqualTo("label");
        assertThat(path.get(1).get("to").asText()).isEqualTo(hot);
    }

    @Test
    void entity_unknownOrMalformed_problemNamingWhatIsWrong() throws Exception {
        var missing = get("/api/v1/entities/exchange:nobody");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).contains("application/problem+json");

        var noB = get("/api/v1/entities/exchange:harbor_exchange/evidence?a=" + address("harbor-hot-wallet"));
        assertThat(noB.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(noB.body()).get("field").asText()).isEqualTo("b");

        var badPaths = get("/api/v1/entities/exchange:harbor_exchange/evidence?a=" + address("harbor-hot-wallet")
                + "&b=" + address("harbor-hot-wallet-2") + "&paths=x");
        assertThat(Json.MAPPER.readTree(badPaths.body()).get("field").asText()).isEqualTo("paths");
    }

    @Test
    void overLongHead_anyMethod_refusedAsAProblem() throws Exception {
        // Around Jetty's 8 KiB the refusal moves from the request line (414) to the header fields (431);
        // each must be a problem, whatever the method: Jetty writes error bodies for GET and POST only.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String method : List.of("DELETE", "PUT", "GET")) {
            for (int length = 7_950; length <= 8_250; length += 25) {
                URI uri = URI.create(server.url() + "/api/v1/cases/x/watchlist/"
                        + "a".repeat(length));
                var response = http.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.headers().firstValue("Content-Type")).as(method + " " + length)
                        .contains("application/problem+json");
                assertThat(Json.MAPPER.readTree(response.body()).get("status").asInt()).as(method + " " + length)
                        .isEqualTo(response.statusCode());
            }
        }
    }
}
