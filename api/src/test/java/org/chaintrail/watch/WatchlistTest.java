package org.chaintrail.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.chaintrail.demo.ScamCentreScenario.address;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.chaintrail.analytics.watch.WatchChecker;
import org.chaintrail.cli.CliRun;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.TestCases;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.http.ApiServer;
import org.chaintrail.ingest.rpc.Backoff;
import org.chaintrail.model.Alert;
import org.chaintrail.model.Chain;
import org.chaintrail.query.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early detection on the demo case (fixtures/scam-centre): the blocks up to the scam wallets'
 * consolidation are imported, a case watches scam wallet 1, and the rest is imported with the same
 * command an operator runs ({@code chaintrail import ethereum-etl}), whose hook checks the watch and
 * POSTs the alerts to a real receiver on loopback. The expected alerts are worked out from the
 * fixture's own rows, not from the checker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WatchlistTest {
    private static final Path FIXTURE = Path.of(System.getProperty("chaintrail.root", ".."), "fixtures", "scam-centre");
    private static final BigInteger USDT_UNIT = BigInteger.TEN.pow(6);
    private static String CASE;
    private static final String SECRET = "a-secret-the-exchange-was-given";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path temp;

    private static GraphConnection graph;
    private static String uri;
    private static Javalin app;
    private static WebhookReceiver receiver;
    private static List<Row> transfers;
    private static long consolidationBlock;
    private static String watchId;
    private static CliRun restImported;

    /** A row of the fixture's token_transfers.csv. */
    private record Row(String from, String to, BigInteger value, String txHash, long block) {
    }

    @BeforeAll
    static void importTheStartWatchThenImportTheRest() throws Exception {
        graph = TestGraph.fresh();
        uri = graph.embeddedBoltUri().orElseThrow().toString();
        transfers = tokenTransfers();
        Set<String> scamWallets = Set.of(address("scam-wallet-1"), address("scam-wallet-2"), address("scam-wallet-3"));
        consolidationBlock = transfers.stream().filter(r -> scamWallets.contains(r.from())).mapToLong(Row::block)
                .min().orElseThrow();
        Path start = split(temp.resolve("start"), b -> b < consolidationBlock);
        Path rest = split(temp.resolve("rest"), b -> b >= consolidationBlock);

        assertThat(cli("labels", "import", FIXTURE.resolve("tagpacks/demo-services.yaml").toString()).exit()).isZero();
        assertThat(cli("import", "ethereum-etl", start.toString()).exit()).isZero();
        CASE = TestCases.open(graph, "scam wallet 1 watched");
        app = ApiServer.create(graph, "127.0.0.1", 0).start();
        receiver = new WebhookReceiver();
        receiver.answer(List.of(500, 500), 200);

        var hook = send("PUT", "/api/v1/webhook", "{\"url\":\"" + receiver.url() + "\",\"secret\":\"" + SECRET + "\"}");
        assertThat(hook.statusCode()).as(hook.body()).isEqualTo(200);
        var added = send("POST", "/api/v1/cases/" + CASE + "/watchlist",
                "{\"chain\":\"ethereum\",\"address\":\"" + address("scam-wallet-1") + "\",\"asset\":\"USDT\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        JsonNode watch = Json.MAPPER.readTree(added.body());
        watchId = watch.get("id").asText();
        // Only money that moves from now on: the block after the last one imported.
        assertThat(watch.get("sinceBlock").asLong()).isEqualTo(consolidationBlock);
        assertThat(watch.get("addedBy").asText()).isEqualTo("local");

        restImported = cli("import", "ethereum-etl", rest.toString());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    @Order(1)
    void ingestHook_fundsReachExchanges_alertsNameDepositAddressesWithExactAmounts() throws Exception {
        assertThat(restImported.exit()).as(restImported.err()).isZero();
        assertThat(restImported.out()).contains("watchlist: ethereum: 1 watch checked through block "
                + lastBlock() + ", 7 new alerts; webhook: 7 delivered");

        JsonNode alerts = Json.MAPPER.readTree(send("GET", "/api/v1/cases/" + CASE + "/alerts", null).body())
                .get("alerts");

        List<Object> actual = new ArrayList<>();
        alerts.forEach(a -> actual.add(tuple(a.get("alert").get("terminal").asText(),
                a.get("alert").get("entity").get("id").asText(), a.get("alert").get("amount").asText(),
                a.get("alert").get("txHash").asText(), a.get("alert").get("blockNumber").asLong())));
        assertThat(actual).containsExactlyElementsOf(expectedAlerts());
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.get("alert").get("watchId").asText()).isEqualTo(watchId);
            assertThat(a.get("alert").get("watched").asText()).isEqualTo(address("scam-wallet-1"));
            assertThat(a.get("alert").get("asset").asText()).isEqualTo("USDT");
            assertThat(a.get("alert").get("id").asText()).isEqualTo(Alert.idOf(watchId,
                    a.get("alert").get("terminal").asText(), a.get("alert").get("txHash").asText()));
        });
    }

    @Test
    @Order(2)
    void webhook_500TwiceThen200_everyAlertDeliveredSignedTheFirstAfterThreeAttempts() throws Exception {
        List<WebhookReceiver.Request> got = receiver.requests();
        JsonNode alerts = Json.MAPPER.readTree(send("GET", "/api/v1/cases/" + CASE + "/alerts", null).body())
                .get("alerts");
        JsonNode first = alerts.get(0);

        assertThat(got).hasSize(9).allSatisfy(r -> {
            assertThat(r.signature()).isEqualTo("sha256=" + hmacSha256(SECRET, r.body()));
            assertThat(r.contentType()).isEqualTo("application/json");
            assertThat(Json.MAPPER.readTree(r.body()).get("alert").get("id").asText()).isEqualTo(r.alertId());
        });
        assertThat(got).extracting(WebhookReceiver.Request::status).containsExactly(500, 500, 200, 200, 200, 200,
                200, 200, 200);
        // The three attempts carried one alert, byte for byte the same.
        assertThat(got.subList(0, 3)).extracting(WebhookReceiver.Request::body).containsOnly(got.get(0).body());
        assertThat(Json.MAPPER.readTree(got.get(0).body()).get("alert")).isEqualTo(first.get("alert"));
        assertThat(first.get("delivery").get("attempts").asInt()).isEqualTo(3);
        assertThat(first.get("delivery").get("lastError").asText()).isEqualTo("HTTP 500");
        assertThat(first.get("delivery").get("deliveredAt").isNull()).isFalse();
        assertThat(alerts).allSatisfy(a -> assertThat(a.get("delivery").get("deliveredAt").isNull()).isFalse());
        List<String> ids = new ArrayList<>();
        alerts.forEach(a -> ids.add(a.get("alert").get("id").asText()));
        assertThat(got.subList(2, 9)).extracting(WebhookReceiver.Request::alertId).containsExactlyElementsOf(ids);
    }

    @Test
    @Order(3)
    void check_again_raisesNothingNew() throws Exception {
        CliRun again = cli("watch", "check", "--chain", "ethereum");

        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("ethereum: 1 watch checked through block " + lastBlock() + ", 0 new alerts")
                .contains("webhook: 0 delivered");
        assertThat(graph.store().watches().alertsOfCase(CASE)).hasSize(7);
        assertThat(send("GET", "/api/v1/cases/" + CASE + "/watchlist", null).body())
                .contains("\"checkedThrough\" : " + lastBlock());
    }

    @Test
    @Order(4)
    void webhook_alwaysFailing_alertWaitsWithItsErrorAndWatchDispatchDeliversLater() throws Exception {
        var second = send("POST", "/api/v1/cases/" + CASE + "/watchlist", "{\"chain\":\"ethereum\",\"address\":\""
                + address("scam-wallet-2") + "\",\"model\":\"poison\",\"sinceBlock\":" + consolidationBlock + "}");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        String secondId = Json.MAPPER.readTree(second.body()).get("id").asText();
        receiver.answer(List.of(), 503);
        receiver.forget();
        // The ingest's hook, with short pauses between the attempts.
        var hook = new WatchHook(new WatchChecker(graph.store()), new WebhookDispatcher(graph.store().watches(),
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), 5, 1), Clock.systemUTC()));

        var outcome = hook.afterCommit(Chain.ETHEREUM).orElseThrow();

        assertThat(outcome.check().raised()).hasSize(7).extracting(Alert::watchId).containsOnly(secondId);
        assertThat(outcome.dispatch().failed()).isEqualTo(1);
        assertThat(outcome.dispatch().waiting()).isEqualTo(6);
        assertThat(receiver.requests()).hasSize(5).extracting(WebhookReceiver.Request::status).containsOnly(503);
        List<Alert> waiting = graph.store().watches().undelivered();
        assertThat(waiting).hasSize(7);
        assertThat(waiting.get(0).delivery()).satisfies(d -> {
            assertThat(d.attempts()).isEqualTo(5);
            assertThat(d.lastError()).contains("HTTP 503");
            assertThat(d.delivered()).isFalse();
        });
        assertThat(waiting.subList(1, 7)).allSatisfy(a -> assertThat(a.delivery()).isEqualTo(Alert.Delivery.NONE));

        receiver.answer(List.of(), 200);
        CliRun dispatch = cli("watch", "dispatch");

        assertThat(dispatch.exit()).as(dispatch.out() + dispatch.err()).isZero();
        assertThat(dispatch.out()).contains("webhook: 7 delivered");
        assertThat(graph.store().watches().undelivered()).isEmpty();
        Alert first = graph.store().watches().alertsOfCase(CASE).stream().filter(a -> a.id().equals(waiting.get(0).id()))
                .findFirst().orElseThrow();
        assertThat(first.delivery().attempts()).isEqualTo(6);
        assertThat(first.delivery().deliveredAt()).isPresent();
        // Poison passes the consolidation wallet's whole outflow on: the same terminals, the whole amounts.
        assertThat(graph.store().watches().alertsOfCase(CASE)).filteredOn(a -> a.watchId().equals(secondId))
                .extracting(Alert::terminal, Alert::txHash, Alert::amount)
                .containsExactlyInAnyOrderElementsOf(transfers.stream().filter(r -> r.block() >= consolidationBlock
                        && terminals().containsKey(r.to())).map(r -> tuple(r.to(), r.txHash(), usdt(new BigDecimal(r.value()))))
                        .toList());
    }

    @Test
    @Order(5)
    void watchlist_badRequests_problemNamingTheField() throws Exception {
        String path = "/api/v1/cases/" + CASE + "/watchlist";
        String wallet = address("scam-wallet-3");

        assertProblem(send("POST", path, "{\"chain\":\"ethereum\",\"address\":\"0x12345\"}"), 400, "address");
        assertProblem(send("POST", path, "{\"chain\":\"ethereum\",\"address\":\"" + wallet + "\",\"model\":\"median\"}"),
                400, "model");
        assertProblem(send("POST", path, "{\"chain\":\"ethereum\",\"address\":\"" + wallet + "\",\"maxHops\":0}"),
                400, "maxHops");
        assertProblem(send("POST", path, "{\"chain\":\"ethereum\",\"address\":\"" + wallet + "\",\"sinceBlock\":-1}"),
                400, "sinceBlock");
        assertProblem(send("POST", path, "{\"chain\":\"ethereum\",\"address\":\"" + wallet + "\",\"hops\":3}"),
                400, "hops");
        assertProblem(send("POST", path, "{\"chain\":\"ethereum\",\"address\":\"" + address("scam-wallet-1")
                + "\",\"asset\":\"USDT\",\"sinceBlock\":1}"), 409, "address");
        assertProblem(send("POST", "/api/v1/cases/no-such-case/watchlist", "{\"chain\":\"ethereum\",\"address\":\""
                + wallet + "\"}"), 404, null);
        assertProblem(send("GET", "/api/v1/cases/no-such-case/alerts", null), 404, null);
        assertProblem(send("DELETE", path + "/no-such-watch", null), 404, null);
        assertProblem(send("GET", "/api/v1/alerts?since=yesterday", null), 400, "since");
        assertProblem(send("PUT", "/api/v1/webhook", "{\"url\":\"ftp://127.0.0.1/hook\"}"), 400, "url");
        assertProblem(send("PUT", "/api/v1/webhook", "{\"url\":\"" + receiver.url() + "\",\"secret\":\"short\"}"),
                400, "secret");
        // Nothing stored was lost: the webhook and the watches are as they were.
        assertThat(graph.store().watches().webhook()).hasValueSatisfying(h -> assertThat(h.url()).isEqualTo(receiver.url()));
        assertThat(graph.store().watches().ofCase(CASE)).hasSize(2);
    }

    @Test
    @Order(6)
    void alertsSince_time_onlyThoseRaisedSince() throws Exception {
        JsonNode all = Json.MAPPER.readTree(send("GET", "/api/v1/alerts?since=2024-01-01", null).body());
        JsonNode none = Json.MAPPER.readTree(send("GET", "/api/v1/alerts?since=2999-01-01T00:00:00Z", null).body());

        assertThat(all.get("alerts")).hasSize(14);
        assertThat(all.get("since").asText()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(none.get("alerts")).isEmpty();
    }

    @Test
    @Order(7)
    void remove_watch_stopsAlertingButItsAlertsStay() throws Exception {
        var third = send("POST", "/api/v1/cases/" + CASE + "/watchlist", "{\"chain\":\"ethereum\",\"address\":\""
                + address("scam-wallet-3") + "\",\"sinceBlock\":" + consolidationBlock + "}");
        String thirdId = Json.MAPPER.readTree(third.body()).get("id").asText();

        var removed = send("DELETE", "/api/v1/cases/" + CASE + "/watchlist/" + thirdId, null);
        var removedFirst = send("DELETE", "/api/v1/cases/" + CASE + "/watchlist/" + watchId, null);
        CliRun check = cli("watch", "check");

        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(removedFirst.statusCode()).isEqualTo(204);
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).contains("ethereum: 1 watch checked").contains("0 new alerts");
        assertThat(graph.store().watches().alertsOfCase(CASE)).extracting(Alert::watchId).doesNotContain(thirdId)
                .filteredOn(watchId::equals).hasSize(7);
        JsonNode list = Json.MAPPER.readTree(send("GET", "/api/v1/cases/" + CASE + "/watchlist", null).body());
        assertThat(list.get("watches").findValuesAsText("address")).containsExactly(address("scam-wallet-2"));
    }

    @Test
    @Order(8)
    void watchCommands_listAndWebhookWithoutSecret_secretMadeAndPrintedOnce() throws Exception {
        CliRun list = cli("watch", "list", "--case", CASE, "--format", "json");
        CliRun set = cli("watch", "webhook", receiver.url().toString(), "--by", "A. Admin");
        CliRun refused = cli("watch", "webhook", "ftp://127.0.0.1/hook", "--secret", SECRET);

        assertThat(list.exit()).as(list.err()).isZero();
        JsonNode body = Json.MAPPER.readTree(list.out());
        assertThat(body.get("watches")).hasSize(1);
        assertThat(body.get("alerts")).hasSize(14);
        assertThat(set.exit()).as(set.err()).isZero();
        String secret = graph.store().watches().webhook().orElseThrow().secret();
        assertThat(secret).matches("[0-9a-f]{64}");
        assertThat(set.out()).contains("webhook set: " + receiver.url() + " (by A. Admin)", "secret: " + secret);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("url: the webhook must be an http:// or https:// URL");
        assertThat(graph.store().watches().webhook().orElseThrow().secret()).isEqualTo(secret);
    }

    // ------------------------------------------------------------------ what the fixture says

    /** The terminals' entities: the TagPack's services, and the exchanges the deposit addresses sweep to. */
    private static Map<String, String> terminals() {
        return Map.of(address("fogmix"), "mixing_service:fogmix",
                address("mekong-otc"), "otc_desk:mekong_otc",
                address("kestrel-deposit-layering"), "exchange:kestrel_exchange",
                address("harbor-deposit-peel-a"), "exchange:harbor_exchange",
                address("harbor-deposit-peel-b"), "exchange:harbor_exchange");
    }

    /**
     * Haircut, worked out from the fixture's rows. The consolidation wallet receives the three scam
     * wallets' proceeds at once, so a share s = (what wallet 1 sent) / (all it received) of everything
     * it passes on is wallet 1's. The peel chain carries only that money: s of every peel. The
     * layering wallet holds clean money C when 38,000 arrive from it, so (38,000 · s) / (C + 38,000)
     * of each of its payments is wallet 1's.
     */
    private static List<Object> expectedAlerts() {
        String scam1 = address("scam-wallet-1");
        String consolidation = address("consolidation");
        String layering = address("layering");
        BigDecimal s = new BigDecimal(sum(r -> r.from().equals(scam1) && r.to().equals(consolidation)))
                .divide(new BigDecimal(sum(r -> r.to().equals(consolidation))), MathContext.DECIMAL128);
        BigInteger clean = sum(r -> r.to().equals(layering) && r.block() < consolidationBlock)
                .subtract(sum(r -> r.from().equals(layering) && r.block() < consolidationBlock));
        BigInteger proceeds = sum(r -> r.from().equals(consolidation) && r.to().equals(layering));
        BigDecimal layered = new BigDecimal(proceeds).multiply(s)
                .divide(new BigDecimal(clean.add(proceeds)), MathContext.DECIMAL128);
        Map<String, String> terminals = terminals();
        List<Object> expected = new ArrayList<>();
        for (Row r : transfers) {
            if (r.block() >= consolidationBlock && terminals.containsKey(r.to())) {
                BigDecimal share = r.from().equals(layering) ? layered : s;
                assertThat(r.from()).as("a payer of a terminal").matches(f -> f.equals(layering)
                        || Set.of(address("peel-1"), address("peel-2"), address("peel-3"), address("peel-4")).contains(f));
                expected.add(tuple(r.to(), terminals.get(r.to()), usdt(new BigDecimal(r.value()).multiply(share)),
                        r.txHash(), r.block()));
            }
        }
        assertThat(expected).hasSize(7);
        return expected;
    }

    private static BigInteger sum(Predicate<Row> which) {
        return transfers.stream().filter(which).map(Row::value).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** Base units, rounded half-even to one, as USDT text (6 decimals, no trailing zeros). */
    private static String usdt(BigDecimal baseUnits) {
        BigDecimal tokens = new BigDecimal(baseUnits.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact(), 6);
        return tokens.signum() == 0 ? "0" : tokens.stripTrailingZeros().toPlainString();
    }

    private static long lastBlock() {
        return graph.store().lastBlocks().get("ethereum");
    }

    private static List<Row> tokenTransfers() throws IOException {
        List<String> lines = Files.readAllLines(FIXTURE.resolve("ethereum-etl/token_transfers.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.add(new Row(f[header.indexOf("from_address")], f[header.indexOf("to_address")],
                    new BigInteger(f[header.indexOf("value")]), f[header.indexOf("transaction_hash")],
                    Long.parseLong(f[header.indexOf("block_number")])));
        }
        return rows;
    }

    /** The fixture's ethereum-etl files with only the rows of the blocks wanted; tokens.csv whole. */
    private static Path split(Path dir, LongPredicate blocks) throws IOException {
        Files.createDirectories(dir);
        for (String file : List.of("blocks.csv", "transactions.csv", "receipts.csv", "token_transfers.csv",
                "tokens.csv")) {
            List<String> lines = Files.readAllLines(FIXTURE.resolve("ethereum-etl").resolve(file));
            List<String> header = List.of(lines.get(0).split(","));
            int column = file.equals("blocks.csv") ? header.indexOf("number") : header.indexOf("block_number");
            List<String> kept = new ArrayList<>(List.of(lines.get(0)));
            for (String line : lines.subList(1, lines.size())) {
                if (file.equals("tokens.csv") || blocks.test(Long.parseLong(line.split(",")[column]))) {
                    kept.add(line);
                }
            }
            Files.write(dir.resolve(file), kept);
        }
        return dir;
    }

    // ------------------------------------------------------------------ plumbing

    private static CliRun cli(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--neo4j-uri";
        all[args.length + 1] = uri;
        return CliRun.of(all);
    }

    private static HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> r, int status, String field) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/problem+json"));
        JsonNode p = Json.MAPPER.readTree(r.body());
        if (field == null) {
            assertThat(p.get("field").isNull()).isTrue();
        } else {
            assertThat(p.get("field").asText()).isEqualTo(field);
        }
    }

    private static String hmacSha256(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
