package org.chaintrail.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.chaintrail.demo.ScamCentreScenario.address;
import static org.chaintrail.query.FirstBitcoinBlocks.HAL;
import static org.chaintrail.query.FirstBitcoinBlocks.SATOSHI;
import static org.chaintrail.query.FirstBitcoinBlocks.SATOSHI_TO_HAL;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.demo.ScamCentreScenario;
import org.chaintrail.model.Amounts;
import org.chaintrail.query.FirstBitcoinBlocks;
import org.chaintrail.query.TraceQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes the web UI draws its graph with (search, counterparties, transfers, attributions), on
 * the demo case plus real Bitcoin mainnet blocks 0–438 ({@link FirstBitcoinBlocks}) in one real
 * embedded Neo4j.
 */
class AddressGraphApiTest {
    @TempDir
    static Path temp;
    private static DemoGraph.Loaded demo;
    private static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        demo = DemoGraph.load();
        FirstBitcoinBlocks.ingest(demo.graph().store(), temp);
        server = new TestServer(demo.graph());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---------------------------------------------------------------- search

    @Test
    void search_kestrelAnyCase_findsTheExchangeEntityThenItsLabelledHotWallet() {
        JsonNode body = json(200, "/api/v1/search?q=KesTrel");

        JsonNode members = json(200, "/api/v1/entities/exchange:kestrel_exchange").get("members");
        assertThat(body.get("query").asText()).isEqualTo("KesTrel");
        assertThat(body.get("truncated").asBoolean()).isFalse();
        assertThat(body.get("results")).hasSize(2);
        JsonNode entity = body.get("results").get(0);
        assertThat(entity.toString()).isEqualTo("{\"kind\":\"entity\",\"chain\":\"ethereum\",\"id\":\"exchange:kestrel_exchange\","
                + "\"name\":\"Kestrel Exchange\",\"category\":\"exchange\",\"addresses\":" + members.asLong() + "}");
        assertThat(members.asLong()).isGreaterThan(1); // the hot wallet and the deposit addresses
        JsonNode wallet = body.get("results").get(1);
        assertThat(wallet.get("kind").asText()).isEqualTo("address");
        assertThat(wallet.get("chain").asText()).isEqualTo("ethereum");
        assertThat(wallet.get("address").asText()).isEqualTo(address("kestrel-hot-wallet"));
        assertThat(wallet.get("labels").toString()).isEqualTo("[\"Kestrel Exchange\"]");
        assertThat(wallet.get("entity").get("id").asText()).isEqualTo("exchange:kestrel_exchange");
    }

    @Test
    void search_fullScamWalletAddressInUpperCase_findsThatAddressOnly() {
        String wallet = demo.scenario().scamWallets().get(0);

        JsonNode body = json(200, "/api/v1/search?q=" + "0x" + wallet.substring(2).toUpperCase(Locale.ROOT));

        assertThat(body.get("results")).hasSize(1);
        assertThat(body.get("results").get(0).toString()).isEqualTo("{\"kind\":\"address\",\"chain\":\"ethereum\","
                + "\"address\":\"" + wallet + "\",\"labels\":[],\"entity\":null}");
    }

    @Test
    void search_addressPrefixOrEntityId_findsTheAddressOrTheEntity() {
        String wallet = demo.scenario().scamWallets().get(1);

        JsonNode byPrefix = json(200, "/api/v1/search?q=" + wallet.substring(0, 8) + "&chain=ethereum");
        JsonNode tooShort = json(200, "/api/v1/search?q=" + wallet.substring(0, 7));
        JsonNode byId = json(200, "/api/v1/search?q=exchange:harbor_exchange");

        assertThat(byPrefix.get("results")).extracting(r -> r.get("address").asText()).containsExactly(wallet);
        assertThat(tooShort.get("results")).isEmpty();
        assertThat(byId.get("results")).extracting(r -> r.get("kind").asText(), r -> r.get("id").asText())
                .containsExactly(tuple("entity", "exchange:harbor_exchange"));
    }

    @Test
    void search_limitOne_firstEntityByNameAndTruncated() {
        JsonNode body = json(200, "/api/v1/search?q=exchange&limit=1");

        assertThat(body.get("results")).extracting(r -> r.get("name").asText()).containsExactly("Harbor Exchange");
        assertThat(body.get("truncated").asBoolean()).isTrue();
    }

    @Test
    void search_badInput_400NamingTheField() {
        assertThat(problemField("/api/v1/search")).isEqualTo("q");
        assertThat(problemField("/api/v1/search?q=" + encode("   "))).isEqualTo("q");
        assertThat(problemField("/api/v1/search?q=" + "a".repeat(201))).isEqualTo("q");
        assertThat(problemField("/api/v1/search?q=kestrel&limit=101")).isEqualTo("limit");
        assertThat(problemField("/api/v1/search?q=kestrel&limit=" + encode("\u0661\u0660"))).isEqualTo("limit");
        assertThat(problemField("/api/v1/search?q=kestrel&chain=dogecoin")).isEqualTo("chain");
    }

    // ---------------------------------------------------------------- counterparties and transfers

    @Test
    void counterparties_scamWalletInUsdt_victimsPaymentsAndTheConsolidationSummed() {
        String wallet = demo.scenario().scamWallets().get(0);
        List<ScamCentreScenario.Payment> payments = demo.scenario().victimPayments().stream()
                .filter(p -> p.wallet().equals(wallet)).toList();
        Map<String, List<BigInteger>> byVictim = new TreeMap<>(payments.stream().collect(Collectors.groupingBy(
                ScamCentreScenario.Payment::victim, Collectors.mapping(ScamCentreScenario.Payment::amount,
                        Collectors.toList()))));
        List<org.assertj.core.groups.Tuple> expected = new ArrayList<>();
        byVictim.forEach((victim, amounts) -> expected.add(tuple(victim, "in", usdt(sum(amounts)), amounts.size())));
        expected.add(tuple(address("consolidation"), "out",
                usdt(sum(payments.stream().map(ScamCentreScenario.Payment::amount).toList())), 1));

        JsonNode body = json(200, "/api/v1/addresses/ethereum/" + wallet + "/counterparties?asset=USDT");

        JsonNode rows = body.get("counterparties");
        assertThat(rows).extracting(r -> r.get("address").asText(), r -> r.get("direction").asText(),
                r -> r.get("amount").asText(), r -> r.get("transfers").asInt()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(amounts(rows)).isSortedAccordingTo(Collections.reverseOrder());
        assertThat(rows.get(0).get("asset").toString())
                .isEqualTo("{\"symbol\":\"USDT\",\"contract\":\"" + ScamCentreScenario.USDT + "\",\"decimals\":6}");
        assertThat(body.get("truncated").asBoolean()).isFalse();
        // Every row names its first and last transaction; the transfers route shows the same ones.
        for (JsonNode row : rows) {
            List<JsonNode> behind = all("/api/v1/addresses/ethereum/" + wallet + "/transfers?asset=USDT&counterparty="
                    + row.get("address").asText() + "&direction=" + row.get("direction").asText());
            assertThat(behind).hasSize(row.get("transfers").asInt());
            assertThat(behind.get(0).get("txHash").asText()).isEqualTo(row.get("firstTx").asText()).matches("0x[0-9a-f]{64}");
            assertThat(behind.get(0).get("blockNumber").asLong()).isEqualTo(row.get("firstBlock").asLong());
            assertThat(behind.get(0).get("timestamp").asText()).isEqualTo(row.get("firstTime").asText());
            assertThat(behind.get(behind.size() - 1).get("txHash").asText()).isEqualTo(row.get("lastTx").asText());
            assertThat(behind.stream().map(t -> new BigDecimal(t.get("amount").asText())).reduce(BigDecimal.ZERO,
                    BigDecimal::add)).isEqualByComparingTo(row.get("amount").asText());
        }
    }

    @Test
    void counterparties_everyAsset_addsTheGasFromKestrelLabelledAndAttributed() {
        String wallet = demo.scenario().scamWallets().get(0);

        JsonNode all = json(200, "/api/v1/addresses/ethereum/" + wallet + "/counterparties");
        JsonNode usdtOnly = json(200, "/api/v1/addresses/ethereum/" + wallet + "/counterparties?asset=USDT");
        JsonNode paidOnly = json(200, "/api/v1/addresses/ethereum/" + wallet + "/counterparties?direction=out");
        JsonNode ethTotals = json(200, "/api/v1/addresses/ethereum/" + wallet).get("totals").get(0);

        List<JsonNode> eth = StreamSupport.stream(all.get("counterparties").spliterator(), false)
                .filter(r -> r.get("asset").get("symbol").asText().equals("ETH")).toList();
        assertThat(all.get("counterparties")).hasSize(usdtOnly.get("counterparties").size() + 1);
        assertThat(eth).singleElement().satisfies(r -> {
            assertThat(r.get("address").asText()).isEqualTo(address("kestrel-hot-wallet"));
            assertThat(r.get("direction").asText()).isEqualTo("in");
            assertThat(r.get("amount").asText()).isEqualTo(ethTotals.get("received").asText());
            assertThat(r.get("asset").get("contract").isNull()).isTrue();
            assertThat(r.get("labels").toString()).isEqualTo("[\"Kestrel Exchange\"]");
            assertThat(r.get("entity").toString()).isEqualTo("{\"id\":\"exchange:kestrel_exchange\","
                    + "\"name\":\"Kestrel Exchange\",\"category\":\"exchange\"}");
        });
        assertThat(paidOnly.get("counterparties")).extracting(r -> r.get("address").asText())
                .containsExactly(address("consolidation"));
    }

    @Test
    void counterparties_limitTwo_theTwoLargestAndTruncated() {
        String wallet = demo.scenario().scamWallets().get(0);
        JsonNode all = json(200, "/api/v1/addresses/ethereum/" + wallet + "/counterparties").get("counterparties");

        JsonNode two = json(200, "/api/v1/addresses/ethereum/" + wallet + "/counterparties?limit=2");

        assertThat(two.get("counterparties")).containsExactly(all.get(0), all.get(1));
        assertThat(two.get("truncated").asBoolean()).isTrue();
    }

    @Test
    void transfers_pagedWithTheCursor_pagesTogetherAreTheWholeListInChainOrder() {
        String hot = "/api/v1/addresses/ethereum/" + address("kestrel-hot-wallet") + "/transfers";
        JsonNode whole = json(200, hot + "?limit=1000");

        List<JsonNode> paged = all(hot + "?limit=7");

        assertThat(whole.get("next").isNull()).isTrue();
        assertThat(whole.get("transfers").size()).isGreaterThan(14);
        assertThat(paged).containsExactlyElementsOf(whole.get("transfers"));
        assertThat(paged).extracting(t -> t.get("blockNumber").asLong()).isSorted();
        assertThat(paged).allSatisfy(t -> assertThat(address("kestrel-hot-wallet")).isIn(t.get("from").asText(),
                t.get("to").asText()));
    }

    @Test
    void counterpartiesAndTransfers_badInput_400NamingTheFieldAndUnknownAddress404() {
        String base = "/api/v1/addresses/ethereum/" + address("layering");

        assertThat(problemField(base + "/counterparties?direction=sideways")).isEqualTo("direction");
        assertThat(problemField(base + "/counterparties?asset=NOPE")).isEqualTo("asset");
        assertThat(problemField(base + "/counterparties?limit=501")).isEqualTo("limit");
        assertThat(problemField(base + "/transfers?limit=0")).isEqualTo("limit");
        assertThat(problemField(base + "/transfers?counterparty=0x1234")).isEqualTo("counterparty");
        assertThat(problemField(base + "/transfers?after=not-a-cursor")).isEqualTo("after");
        assertThat(problemField("/api/v1/addresses/ethereum/0x12345/transfers")).isEqualTo("address");
        for (String route : List.of("counterparties", "transfers")) {
            var r = server.get("/api/v1/addresses/ethereum/0x" + "7".repeat(40) + "/" + route);
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith(Problem.CONTENT_TYPE));
        }
    }

    @Test
    void counterparties_bitcoin_satoshiPaidHalAndNotHisOwnChange() {
        JsonNode paid = json(200, "/api/v1/addresses/bitcoin/" + SATOSHI + "/counterparties?direction=out");
        JsonNode hal = json(200, "/api/v1/addresses/bitcoin/" + HAL + "/counterparties?direction=in");
        JsonNode evidence = json(200, "/api/v1/addresses/bitcoin/" + SATOSHI + "/transfers?counterparty=" + HAL);

        JsonNode rows = paid.get("counterparties");
        assertThat(rows).extracting(r -> r.get("address").asText()).doesNotContain(SATOSHI).contains(HAL);
        JsonNode toHal = StreamSupport.stream(rows.spliterator(), false)
                .filter(r -> r.get("address").asText().equals(HAL)).findFirst().orElseThrow();
        assertThat(toHal.get("amount").asText()).isEqualTo("10");
        assertThat(toHal.get("firstTx").asText()).isEqualTo(SATOSHI_TO_HAL);
        assertThat(toHal.get("firstBlock").asLong()).isEqualTo(170);
        assertThat(toHal.get("asset").toString()).isEqualTo("{\"symbol\":\"BTC\",\"contract\":null,\"decimals\":8}");
        // What Satoshi paid others is what a forward trace from him sees leave him.
        String seedFlow = new TraceQuery("bitcoin", List.of(SATOSHI), null, "forward", "haircut", 10)
                .run(demo.graph().store()).summary().seedFlow();
        assertThat(amounts(rows).stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(seedFlow);
        assertThat(hal.get("counterparties")).extracting(r -> r.get("address").asText(), r -> r.get("amount").asText(),
                r -> r.get("firstTx").asText()).contains(tuple(SATOSHI, "10", SATOSHI_TO_HAL));
        assertThat(evidence.get("transfers")).singleElement().satisfies(t -> assertThat(t.toString()).isEqualTo(
                "{\"txHash\":\"" + SATOSHI_TO_HAL + "\",\"blockNumber\":170,\"timestamp\":\"2009-01-12T03:30:25Z\","
                        + "\"from\":\"" + SATOSHI + "\",\"to\":\"" + HAL + "\",\"asset\":\"BTC\",\"amount\":\"10\"}"));
        assertThat(problemField("/api/v1/addresses/bitcoin/" + SATOSHI + "/counterparties?asset=USDT"))
                .isEqualTo("asset");
    }

    // ---------------------------------------------------------------- attributions

    @Test
    void attributions_traceEndpoints_matchTheTracesEndpointEntitiesAndUnknownIsEmpty() {
        var seeds = demo.scenario().scamWallets();
        JsonNode trace = ApiClient.json(server.post("/api/v1/traces", "{\"chain\":\"ethereum\",\"seeds\":[\""
                + String.join("\",\"", seeds) + "\"],\"maxHops\":10}"));
        List<String> asked = new ArrayList<>();
        trace.get("endpoints").forEach(e -> asked.add(e.get("address").asText().toUpperCase(Locale.ROOT)
                .replace("0X", "0x")));
        String unknown = "0x" + "7".repeat(40);
        asked.add(unknown);

        var r = server.post("/api/v1/attributions", "{\"chain\":\"ethereum\",\"addresses\":[\""
                + String.join("\",\"", asked) + "\"]}");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = ApiClient.json(r);
        assertThat(body.get("chain").asText()).isEqualTo("ethereum");
        JsonNode attributions = body.get("attributions");
        assertThat(attributions.size()).isEqualTo(trace.get("endpoints").size() + 1);
        assertThat(trace.get("endpoints")).hasSizeGreaterThanOrEqualTo(5).allSatisfy(e -> {
            JsonNode a = attributions.get(e.get("address").asText());
            assertThat(a.get("entity").get("id")).isEqualTo(e.get("entity").get("id"));
            assertThat(a.get("entity").get("name")).isEqualTo(e.get("entity").get("name"));
            assertThat(a.get("entity").get("category")).isEqualTo(e.get("entity").get("category"));
            assertThat(a.get("entity").get("via")).isEqualTo(e.get("via"));
        });
        JsonNode mixer = attributions.get(address("fogmix"));
        assertThat(mixer.get("labels").toString()).isEqualTo("[\"FogMix\"]");
        assertThat(mixer.get("category").asText()).isEqualTo("mixing_service");
        assertThat(attributions.get(unknown).toString()).isEqualTo("{\"labels\":[],\"category\":null,\"entity\":null}");
    }

    @Test
    void attributions_badInput_400NamingTheField() {
        String ok = "\"" + address("fogmix") + "\"";
        List<String> tooMany = Collections.nCopies(1_001, ok);

        assertThat(postProblemField("{\"chain\":\"ethereum\",\"addresses\":[" + ok + ",\"0xnope\"]}"))
                .isEqualTo("addresses[1]");
        assertThat(postProblemField("{\"chain\":\"ethereum\",\"addresses\":[" + String.join(",", tooMany) + "]}"))
                .isEqualTo("addresses");
        assertThat(postProblemField("{\"chain\":\"ethereum\"}")).isEqualTo("addresses");
        assertThat(postProblemField("{\"addresses\":[" + ok + "]}")).isEqualTo("chain");
        assertThat(postProblemField("{\"chain\":\"ethereum\",\"addresses\":[],\"extra\":1}")).isEqualTo("extra");
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode json(int status, String path) {
        HttpResponse<String> r = server.get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        return ApiClient.json(r);
    }

    /** Every transfer of a route, following {@code next} from page to page. */
    private static List<JsonNode> all(String path) {
        List<JsonNode> result = new ArrayList<>();
        JsonNode page = json(200, path);
        page.get("transfers").forEach(result::add);
        while (!page.get("next").isNull()) {
            page = json(200, path + "&after=" + page.get("next").asText());
            page.get("transfers").forEach(result::add);
        }
        return result;
    }

    private static String problemField(String path) {
        HttpResponse<String> r = server.get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith(Problem.CONTENT_TYPE));
        return ApiClient.json(r).get("field").asText();
    }

    private static String postProblemField(String body) {
        HttpResponse<String> r = server.post("/api/v1/attributions", body);
        assertThat(r.statusCode()).as(body + ": " + r.body()).isEqualTo(400);
        return ApiClient.json(r).get("field").asText();
    }

    private static List<BigDecimal> amounts(JsonNode rows) {
        return StreamSupport.stream(rows.spliterator(), false).map(r -> new BigDecimal(r.get("amount").asText())).toList();
    }

    private static BigInteger sum(List<BigInteger> amounts) {
        return amounts.stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    private static String usdt(BigInteger baseUnits) {
        return Amounts.format(baseUnits, Optional.of(6));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
