package org.chaintrail.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chaintrail.demo.ScamCentreScenario.address;
import static org.chaintrail.http.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.List;
import org.chaintrail.analytics.tracing.TimeBudget;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.model.AuditEntry;
import org.chaintrail.query.Json;
import org.chaintrail.query.QueryLimits;
import org.chaintrail.query.TraceQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tight limits on the demo case, keyless from loopback: a 2 kB body, 3 hops, 2 seeds, 2 screened
 * addresses and a time budget of zero, which stops every trace after its first hop.
 */
class ApiLimitsTest {
    private static final ApiLimits LIMITS = new ApiLimits(2_000, new QueryLimits(3, 2, 2, TimeBudget.of(Duration.ZERO)),
            1_000, 1_000, 1_000);
    private static DemoGraph.Loaded demo;
    private static Javalin app;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        demo = DemoGraph.load();
        app = ApiServer.create(demo.graph(), "127.0.0.1", 0, LIMITS).start();
        api = new ApiClient(app, null);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    private static List<String> twoScamWallets() {
        return demo.scenario().scamWallets().subList(0, 2);
    }

    private static String seeds(List<String> seeds) {
        return "\"seeds\":[\"" + String.join("\",\"", seeds) + "\"]";
    }

    @Test
    void traces_bodyOverTheLimit_413ProblemAndOnRecordWithoutItsBody() {
        String body = "{\"chain\":\"ethereum\"," + seeds(twoScamWallets()) + ",\"asset\":\"" + "U".repeat(2_000) + "\"}";

        var r = api.post("/api/v1/traces", body);

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith(Problem.CONTENT_TYPE));
        assertThat(json(r).get("detail").asText()).isEqualTo("the request body exceeds 2000 bytes");
        var head = demo.graph().store().audit().head().orElseThrow();
        AuditEntry last = demo.graph().store().audit().entries(head.seq(), 1).get(0);
        assertThat(last.status()).isEqualTo(413);
        assertThat(last.bodyBytes()).isEqualTo(body.length());
        assertThat(last.bodySha256()).isNull();
    }

    @Test
    void traces_moreSeedsOrHopsThanTheLimits_400NamingTheField() {
        var seeds = api.post("/api/v1/traces", "{\"chain\":\"ethereum\"," + seeds(demo.scenario().scamWallets()) + "}");
        var hops = api.post("/api/v1/traces", "{\"chain\":\"ethereum\"," + seeds(twoScamWallets()) + ",\"maxHops\":4}");

        assertThat(seeds.statusCode()).isEqualTo(400);
        assertThat(json(seeds).get("field").asText()).isEqualTo("seeds");
        assertThat(json(seeds).get("detail").asText()).isEqualTo("seeds: at most 2 seeds, was 3");
        assertThat(json(hops).get("field").asText()).isEqualTo("maxHops");
        assertThat(json(hops).get("detail").asText()).isEqualTo("maxHops: must be 1..3, was 4");
    }

    @Test
    void screenAndExposure_beyondTheLimits_400NamingTheField() {
        var screen = api.post("/api/v1/screen", "{\"chain\":\"ethereum\",\"addresses\":[\"" + String.join("\",\"",
                demo.scenario().scamWallets()) + "\"]}");
        var exposure = api.get("/api/v1/addresses/ethereum/" + address("layering") + "/exposure?maxHops=4");

        assertThat(json(screen).get("field").asText()).isEqualTo("addresses");
        assertThat(json(screen).get("detail").asText()).isEqualTo("addresses: at most 2 per call, was 3");
        assertThat(exposure.statusCode()).isEqualTo(400);
        assertThat(json(exposure).get("field").asText()).isEqualTo("maxHops");
    }

    /** The scam wallets pay only the consolidation wallet: a budget of zero stops there, with all of it unfollowed. */
    @Test
    void traces_timeBudgetZero_answersTheFirstHopAndSaysWhereItWasCut() throws Exception {
        var r = api.post("/api/v1/traces", "{\"chain\":\"ethereum\"," + seeds(twoScamWallets()) + "}");

        assertThat(r.statusCode()).isEqualTo(200);
        TraceResult cut = Json.MAPPER.readValue(r.body(), TraceResult.class);
        TraceResult full = new TraceQuery("ethereum", twoScamWallets(), "USDT", null, null, 3).run(demo.graph().store());
        assertThat(cut.summary().cutByTimeBudget())
                .isEqualTo(new TraceResult.TimeBudgetCut(0, 1, full.summary().seedFlow(), 1));
        assertThat(cut.flows()).isEqualTo(full.flows().stream().filter(f -> f.hop() == 1).toList());
        assertThat(cut.flows()).extracting(TraceResult.Flow::to).containsOnly(address("consolidation"));
        assertThat(cut.summary().taintStillHeld()).isEqualTo("0");
        assertThat(cut.endpoints()).isEmpty();
        assertThat(cut.parameters().maxHops()).isEqualTo(3);
        // A trace that ran to its end says nothing of a budget: the JSON the CLI always printed.
        JsonNode fullJson = Json.MAPPER.readTree(Json.write(full));
        assertThat(fullJson.get("summary").has("cutByTimeBudget")).isFalse();
        assertThat(json(r).get("summary").get("cutByTimeBudget").get("hops").asInt()).isEqualTo(1);
    }

    @Test
    void caseTraces_withinTheLimitsButNotTheBudget_tooManyHopsRefusedAndASavedTraceRunsToItsEnd() throws Exception {
        String id = json(api.post("/api/v1/cases", "{\"title\":\"limits\"}")).get("id").asText();
        var hops = api.post("/api/v1/cases/" + id + "/traces", "{\"chain\":\"ethereum\"," + seeds(twoScamWallets())
                + ",\"maxHops\":4}");
        var saved = api.post("/api/v1/cases/" + id + "/traces", "{\"chain\":\"ethereum\"," + seeds(twoScamWallets())
                + "}");

        assertThat(hops.statusCode()).isEqualTo(400);
        assertThat(json(hops).get("field").asText()).isEqualTo("maxHops");
        assertThat(saved.statusCode()).isEqualTo(201);
        TraceResult result = Json.MAPPER.treeToValue(json(saved).get("result"), TraceResult.class);
        TraceResult full = new TraceQuery("ethereum", twoScamWallets(), "USDT", null, null, 3).run(demo.graph().store());
        // Evidence is not cut short by the server's time budget (zero here): a re-run compares like with like.
        assertThat(result).isEqualTo(full);
        assertThat(json(api.get("/api/v1/cases/" + id)).get("traces")).hasSize(1);
    }

    @Test
    void unknownRoute_404ProblemNamingItAndOnRecord() {
        var r = api.post("/api/v1/nope", "{}");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("detail").asText()).isEqualTo("no route POST /api/v1/nope");
        var head = demo.graph().store().audit().head().orElseThrow();
        AuditEntry last = demo.graph().store().audit().entries(head.seq(), 1).get(0);
        assertThat(last.path()).isEqualTo("/api/v1/nope");
        assertThat(last.route()).isNull();
        assertThat(last.status()).isEqualTo(404);
    }

    @Test
    void create_noKeyAndANonLoopbackHost_refusedBeforeBinding() {
        var e = assertThrows(IllegalArgumentException.class, () -> ApiServer.create(demo.graph(), "0.0.0.0", 0));

        assertThat(e.getMessage()).contains("no API key exists yet").contains("--host 0.0.0.0")
                .contains("chaintrail keys create --role admin");
    }
}
