package org.chaintrail.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chaintrail.http.ApiClient.json;
import static org.chaintrail.demo.ScamCentreScenario.address;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.export.StixBundle;
import org.chaintrail.export.TraceCsv;
import org.chaintrail.export.TraceGraphMl;
import org.chaintrail.query.Json;
import org.chaintrail.query.TraceQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The case routes on the real server over the demo case in the real embedded Neo4j. The chain data
 * is not changed here (CasesTest changes it); each test opens its own case.
 */
class CaseApiTest {
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

    private static String open(String title) throws Exception {
        var r = server.post("/api/v1/cases", "{\"title\":\"" + title + "\",\"description\":\"opened by a test\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        return json(r).get("id").asText();
    }

    private static String traceBody() {
        return "{\"chain\":\"ethereum\",\"seeds\":[\"" + String.join("\",\"", demo.scenario().scamWallets())
                + "\"],\"asset\":\"USDT\",\"direction\":\"forward\",\"model\":\"haircut\",\"maxHops\":10}";
    }

    /** Saves the demo trace in the case; returns the 201 answer. */
    private static JsonNode saveTrace(String id) throws Exception {
        var r = server.post("/api/v1/cases/" + id + "/traces", traceBody());
        assertThat(r.statusCode()).isEqualTo(201);
        return json(r);
    }

    @Test
    void cases_createListAndFetch_theCaseWithWhoOpenedIt() throws Exception {
        var created = server.post("/api/v1/cases", "{\"title\":\"  Harbor ring \",\"description\":\"USDT via Kestrel\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode c = json(created);
        String id = c.get("id").asText();
        assertThat(id).matches("case-\\d+");
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/cases/" + id);
        assertThat(c.get("title").asText()).isEqualTo("Harbor ring");
        assertThat(c.get("createdBy").asText()).isEqualTo(Caller.LOCAL.name());

        JsonNode list = json(server.get("/api/v1/cases"));
        assertThat(list.findValuesAsText("id")).contains(id);
        var fetched = server.get("/api/v1/cases/" + id);
        assertThat(fetched.statusCode()).isEqualTo(200);
        JsonNode body = json(fetched);
        assertThat(body.get("description").asText()).isEqualTo("USDT via Kestrel");
        assertThat(body.get("addresses")).isEmpty();
        assertThat(body.get("notes")).isEmpty();
        assertThat(body.get("traces")).isEmpty();
    }

    @Test
    void cases_noTitleOrUnknownField_400NamingTheField() throws Exception {
        var noTitle = server.post("/api/v1/cases", "{\"description\":\"x\"}");
        var unknown = server.post("/api/v1/cases", "{\"title\":\"x\",\"owner\":\"bob\"}");

        assertThat(noTitle.statusCode()).isEqualTo(400);
        assertThat(noTitle.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith(Problem.CONTENT_TYPE));
        assertThat(json(noTitle).get("field").asText()).isEqualTo("title");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("field").asText()).isEqualTo("owner");
    }

    @Test
    void addresses_checksummedAndNoted_storedCanonicalInOrderWithNotes() throws Exception {
        String id = open("addresses");
        String mixer = address("fogmix");

        var added = server.post("/api/v1/cases/" + id + "/addresses", "{\"chain\":\"ethereum\",\"address\":\""
                + mixer.toUpperCase().replace("0X", "0x") + "\",\"note\":\"mixer the layering wallet paid\"}");
        var note = server.post("/api/v1/cases/" + id + "/notes", "{\"text\":\"ask FogMix's host for logs\"}");

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(json(added).get("address").asText()).isEqualTo(mixer);
        assertThat(note.statusCode()).isEqualTo(201);
        JsonNode body = json(server.get("/api/v1/cases/" + id));
        assertThat(body.get("addresses").get(0).get("address").asText()).isEqualTo(mixer);
        assertThat(body.get("addresses").get(0).get("note").asText()).isEqualTo("mixer the layering wallet paid");
        assertThat(body.get("addresses").get(0).get("addedBy").asText()).isEqualTo("local");
        assertThat(body.get("notes").get(0).get("text").asText()).isEqualTo("ask FogMix's host for logs");
    }

    @Test
    void addresses_malformedUnknownChainOrAgain_400NamingTheField() throws Exception {
        String id = open("bad addresses");
        String path = "/api/v1/cases/" + id + "/addresses";
        server.post(path, "{\"chain\":\"ethereum\",\"address\":\"" + address("fogmix") + "\"}");

        var malformed = server.post(path, "{\"chain\":\"ethereum\",\"address\":\"0x12345\"}");
        var chain = server.post(path, "{\"chain\":\"dogecoin\",\"address\":\"" + address("fogmix") + "\"}");
        var again = server.post(path, "{\"chain\":\"ethereum\",\"address\":\"" + address("fogmix") + "\",\"note\":\"x\"}");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("field").asText()).isEqualTo("address");
        assertThat(json(malformed).get("detail").asText()).contains("0x12345");
        assertThat(json(chain).get("field").asText()).isEqualTo("chain");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).get("field").asText()).isEqualTo("address");
        assertThat(json(again).get("detail").asText()).contains("already");
        assertThat(json(server.get("/api/v1/cases/" + id)).get("addresses")).hasSize(1);
    }

    @Test
    void cases_unknownCaseOrTrace_404Problem() throws Exception {
        String id = open("no traces");

        var unknownCase = server.get("/api/v1/cases/case-999999");
        var note = server.post("/api/v1/cases/case-999999/notes", "{\"text\":\"x\"}");
        var unknownTrace = server.post("/api/v1/cases/" + id + "/traces/trace-7/rerun", "");

        assertThat(unknownCase.statusCode()).isEqualTo(404);
        assertThat(unknownCase.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith(Problem.CONTENT_TYPE));
        assertThat(json(unknownCase).get("detail").asText()).isEqualTo("no case 'case-999999'");
        assertThat(note.statusCode()).isEqualTo(404);
        assertThat(unknownTrace.statusCode()).isEqualTo(404);
        assertThat(json(unknownTrace).get("detail").asText()).isEqualTo("no trace 'trace-7' in case '" + id + "'");
    }

    @Test
    void traces_saveThenFetch_sameResultAsTheTraceRouteWithItsHash() throws Exception {
        String id = open("saved trace");

        JsonNode saved = saveTrace(id);
        String tid = saved.get("id").asText();
        var fetched = server.get("/api/v1/cases/" + id + "/traces/" + tid);

        assertThat(tid).isEqualTo("trace-1");
        String live = Json.write(new TraceQuery("ethereum", demo.scenario().scamWallets(), "USDT", "forward", "haircut",
                10).run(demo.graph().store()));
        assertThat(Json.write(saved.get("result"))).isEqualTo(live);
        assertThat(fetched.statusCode()).isEqualTo(200);
        JsonNode body = json(fetched);
        assertThat(body.get("result")).isEqualTo(saved.get("result"));
        assertThat(body.get("intact").asBoolean()).isTrue();
        assertThat(body.get("savedBy").asText()).isEqualTo("local");
        assertThat(body.get("query").get("seeds")).hasSize(demo.scenario().scamWallets().size());
        assertThat(body.get("resultSha256").asText()).isEqualTo(sha256(live));
        JsonNode listed = json(server.get("/api/v1/cases/" + id)).get("traces").get(0);
        assertThat(listed.get("id").asText()).isEqualTo(tid);
        assertThat(listed.get("summary")).isEqualTo(saved.get("result").get("summary"));
        assertThat(listed.get("resultSha256").asText()).isEqualTo(sha256(live));
    }

    @Test
    void traces_badQuery_400AndNothingSaved() throws Exception {
        String id = open("bad trace");

        var r = server.post("/api/v1/cases/" + id + "/traces", "{\"chain\":\"ethereum\",\"seeds\":[\"0x1\"]}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("field").asText()).isEqualTo("seeds[0]");
        assertThat(json(server.get("/api/v1/cases/" + id)).get("traces")).isEmpty();
    }

    @Test
    void export_savedTrace_theSavedResultInEachFormat() throws Exception {
        String id = open("export");
        JsonNode saved = saveTrace(id);
        String path = "/api/v1/cases/" + id + "/traces/" + saved.get("id").asText() + "/export";
        TraceResult result = Json.MAPPER.treeToValue(saved.get("result"), TraceResult.class);

        var csv = server.get(path + "?format=csv");
        var json = server.get(path);
        var graphml = server.get(path + "?format=graphml");
        var bad = server.get(path + "?format=pdf");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).isEqualTo(TraceCsv.render(result));
        assertThat(csv.body()).contains("," + address("fogmix") + ",FogMix,mixing_service,USDT,20000,16000\r\n");
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"" + id + "-trace-1.csv\"");
        // The JSON export is the saved bytes: their SHA-256 is the trace's.
        assertThat(sha256(json.body())).isEqualTo(saved.get("resultSha256").asText());
        assertThat(graphml.body()).isEqualTo(TraceGraphMl.render(result));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("field").asText()).isEqualTo("format");
    }

    @Test
    void stixAndReport_savedCase_renderTheCaseAsStoredWithItsEvidence() throws Exception {
        String id = open("sharing");
        server.post("/api/v1/cases/" + id + "/addresses", "{\"chain\":\"ethereum\",\"address\":\""
                + address("fogmix") + "\",\"note\":\"mixer\"}");
        server.post("/api/v1/cases/" + id + "/notes", "{\"text\":\"<script>alert(1)</script>\"}");
        JsonNode saved = saveTrace(id);
        String firstTx = saved.get("result").get("flows").get(0).get("txHash").asText();

        var stix = server.get("/api/v1/cases/" + id + "/stix?producer=FIU%20Test");
        var again = server.get("/api/v1/cases/" + id + "/stix?producer=FIU%20Test");
        var report = server.get("/api/v1/cases/" + id + "/report");
        var blank = server.get("/api/v1/cases/" + id + "/stix?producer=%20");
        var missing = server.get("/api/v1/cases/case-999999/report");

        assertThat(stix.statusCode()).isEqualTo(200);
        assertThat(stix.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/stix+json");
        JsonNode bundle = json(stix);
        assertThat(bundle.get("type").asText()).isEqualTo("bundle");
        assertThat(stix.body()).contains("FIU Test", address("fogmix"), firstTx);
        assertThat(again.body()).isEqualTo(stix.body());
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(report.body()).contains(firstTx, "&lt;script&gt;").doesNotContain("<script>");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(json(blank).get("field").asText()).isEqualTo("producer");
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void rerun_unchangedData_unchangedAndRecorded() throws Exception {
        String id = open("rerun");
        String tid = saveTrace(id).get("id").asText();

        var r = server.post("/api/v1/cases/" + id + "/traces/" + tid + "/rerun", "");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("verdict").asText()).isEqualTo("unchanged");
        assertThat(body.get("causes")).isEmpty();
        assertThat(body.get("atSnapshot").get("flowsAdded")).isEmpty();
        assertThat(body.get("today").get("summary")).isEmpty();
        assertThat(body.get("snapshotBlock").asLong()).isEqualTo(body.get("currentBlock").asLong());
        JsonNode reruns = json(server.get("/api/v1/cases/" + id + "/traces/" + tid)).get("reruns");
        assertThat(reruns).hasSize(1);
        assertThat(reruns.get(0).get("verdict").asText()).isEqualTo("unchanged");
        assertThat(reruns.get(0).get("by").asText()).isEqualTo("local");
    }

    @Test
    void members_addedByTheCreator_listedOnce() throws Exception {
        String id = open("members");

        var first = server.post("/api/v1/cases/" + id + "/members", "{\"name\":\"fiu-bob\"}");
        var again = server.post("/api/v1/cases/" + id + "/members", "{\"name\":\"fiu-bob\"}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(again).findValuesAsText("name")).containsExactly("fiu-bob");
        assertThat(json(server.get("/api/v1/cases/" + id)).get("members").get(0).get("addedBy").asText()).isEqualTo("local");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
