package org.chaintrail.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chaintrail.http.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.graph.KeyStore;
import org.chaintrail.model.AuditEntry;
import org.chaintrail.model.Sha256;
import org.chaintrail.query.Json;
import org.chaintrail.query.TraceQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keys, roles, rates and the audit log on the real server over the demo case in the real embedded Neo4j. */
class AccessControlTest {
    private static DemoGraph.Loaded demo;
    private static Javalin app;
    private static ApiClient anonymous;
    private static ApiClient admin;
    private static ApiClient analyst;
    private static ApiClient screening;
    private static ApiClient oncePerSecond;
    private static ApiClient formerAnalyst;
    private static ApiClient load;

    @BeforeAll
    static void start() {
        demo = DemoGraph.load();
        KeyStore keys = demo.graph().store().keys();
        String adminKey = issue(keys, "ops-admin", Role.ADMIN, null);
        String analystKey = issue(keys, "fiu-analyst", Role.ANALYST, null);
        String screeningKey = issue(keys, "kestrel-screening", Role.SCREENING, null);
        String slowKey = issue(keys, "slow-screening", Role.SCREENING, 1);
        String formerKey = issue(keys, "former-analyst", Role.ANALYST, null);
        keys.revoke("former-analyst", Instant.now());
        String loadKey = issue(keys, "load-analyst", Role.ANALYST, 1_000_000);
        app = ApiServer.create(demo.graph(), "127.0.0.1", 0).start();
        anonymous = new ApiClient(app, null);
        admin = anonymous.withKey(adminKey);
        analyst = anonymous.withKey(analystKey);
        screening = anonymous.withKey(screeningKey);
        oncePerSecond = anonymous.withKey(slowKey);
        formerAnalyst = anonymous.withKey(formerKey);
        load = anonymous.withKey(loadKey);
    }

    private static String issue(KeyStore keys, String name, Role role, Integer rate) {
        return ApiKeys.issue(keys, name, role, "test", Optional.ofNullable(rate), Clock.systemUTC()).key();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    private static String traceBody() {
        return "{\"chain\":\"ethereum\",\"seeds\":[\"" + String.join("\",\"", demo.scenario().scamWallets())
                + "\"],\"asset\":\"USDT\",\"maxHops\":10}";
    }

    private static List<JsonNode> audit() {
        List<JsonNode> entries = new ArrayList<>();
        json(admin.get("/api/v1/audit?from=1&limit=1000")).get("entries").forEach(entries::add);
        return entries;
    }

    @Test
    void traces_noKeyOnceAKeyExists_401WithBearerChallenge() {
        var r = anonymous.post("/api/v1/traces", traceBody());

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"chaintrail\"");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith(Problem.CONTENT_TYPE));
        assertThat(json(r).get("detail").asText()).contains("Authorization: Bearer KEY");
        // From loopback too: the keyless demo ends with the first key.
        assertThat(anonymous.get("/api/v1/health").statusCode()).isEqualTo(401);
    }

    @Test
    void webUi_noKeyOnceAKeyExists_shellServedWhileItsDataStays401() throws Exception {
        var page = anonymous.get("/");
        var script = anonymous.get("/ui/app.js");
        var style = anonymous.withKey("ct_" + "A".repeat(43)).get("/ui/app.css");
        var unknown = anonymous.get("/ui/secrets.js");
        var outside = anonymous.get("/ui/..%2Fopenapi.json");
        var revalidated = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + app.port() + "/ui/app.js")).header("If-None-Match", script.headers().firstValue("ETag").orElseThrow())
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualTo("text/html;charset=utf-8");
        assertThat(page.body()).contains("<script defer src=\"ui/app.js\"></script>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("default-src 'self'; script-src 'self';").contains("connect-src 'self'"));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow().replace(" ", "")).isEqualTo("text/javascript;charset=utf-8");
        assertThat(script.body()).contains("api/v1/traces");
        assertThat(style.statusCode()).as("a bad key is not even looked at for the shell").isEqualTo(200);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("detail").asText()).isEqualTo("the web UI has no file 'secrets.js'");
        assertThat(outside.statusCode()).isEqualTo(404);
        assertThat(outside.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith(Problem.CONTENT_TYPE));
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(anonymous.get("/api/v1/cases").statusCode()).isEqualTo(401);
    }

    @Test
    void traces_unknownOrRevokedKeyOrOtherScheme_401() {
        var unknown = anonymous.withKey("ct_" + "A".repeat(43)).post("/api/v1/traces", traceBody());
        var revoked = formerAnalyst.post("/api/v1/traces", traceBody());

        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        assertThat(json(unknown).get("detail").asText()).isEqualTo("the API key is unknown or revoked");
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(json(revoked).get("detail").asText()).isEqualTo("the API key is unknown or revoked");
    }

    @Test
    void tracesAndEntities_screeningKey_403NamingTheRoleNeeded() {
        var trace = screening.post("/api/v1/traces", traceBody());
        var entity = screening.get("/api/v1/entities/exchange:harbor_exchange");

        assertThat(trace.statusCode()).isEqualTo(403);
        assertThat(json(trace).get("detail").asText())
                .isEqualTo("key 'kestrel-screening' has role screening; POST /api/v1/traces needs analyst");
        assertThat(entity.statusCode()).isEqualTo(403);
        assertThat(entity.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith(Problem.CONTENT_TYPE));
    }

    @Test
    void traces_analystKey_sameJsonAsTheCli() {
        var r = analyst.post("/api/v1/traces", traceBody());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(Json.write(new TraceQuery("ethereum", demo.scenario().scamWallets(), "USDT",
                null, null, 10).run(demo.graph().store())));
    }

    @Test
    void screen_screeningKey_answered() {
        var r = screening.post("/api/v1/screen", "{\"chain\":\"ethereum\",\"addresses\":[\""
                + demo.scenario().scamWallets().get(0) + "\"]}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("results").get(0).get("address").asText()).isEqualTo(demo.scenario().scamWallets().get(0));
    }

    @Test
    void audit_pagingNotInAsciiDigits_400NamingTheField() {
        // Long.parseLong reads Arabic-Indic and other scripts' digits; the API takes ASCII only.
        var arabicIndicOne = admin.get("/api/v1/audit?limit=%D9%A1");
        var padded = admin.get("/api/v1/audit?from=%201");

        assertThat(arabicIndicOne.statusCode()).isEqualTo(400);
        assertThat(json(arabicIndicOne).get("field").asText()).isEqualTo("limit");
        assertThat(padded.statusCode()).isEqualTo(400);
        assertThat(json(padded).get("field").asText()).isEqualTo("from");
    }

    @Test
    void audit_screeningOrAnalystKey_403() {
        assertThat(screening.get("/api/v1/audit").statusCode()).isEqualTo(403);
        assertThat(analyst.get("/api/v1/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void audit_adminKey_readsWhoAskedWhatAndWhatWasAnswered_refusedRequestsToo() {
        String body = traceBody();
        var answered = analyst.post("/api/v1/traces?format=csv", body);
        screening.get("/api/v1/entities/exchange:harbor_exchange");
        anonymous.get("/api/v1/addresses/ethereum/" + demo.scenario().scamWallets().get(1));

        List<JsonNode> entries = audit();

        JsonNode trace = entries.stream().filter(e -> "fiu-analyst".equals(e.get("keyName").asText(null))
                && "format=csv".equals(e.get("query").asText(null))).findFirst().orElseThrow();
        assertThat(trace.get("role").asText()).isEqualTo("analyst");
        assertThat(trace.get("method").asText()).isEqualTo("POST");
        assertThat(trace.get("route").asText()).isEqualTo("/api/v1/traces");
        assertThat(trace.get("status").asInt()).isEqualTo(200);
        assertThat(trace.get("bodyBytes").asLong()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
        assertThat(trace.get("bodySha256").asText()).isEqualTo(Sha256.hex(body));
        assertThat(trace.get("bodyHead").asText()).isEqualTo(body);
        assertThat(trace.get("responseBytes").asLong()).isEqualTo(answered.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(trace.get("remote").asText()).isEqualTo("127.0.0.1");
        JsonNode refused = entries.stream().filter(e -> "/api/v1/entities/exchange:harbor_exchange".equals(e.get("path").asText())
                && "kestrel-screening".equals(e.get("keyName").asText(null))).findFirst().orElseThrow();
        assertThat(refused.get("status").asInt()).isEqualTo(403);
        assertThat(refused.get("route").asText()).isEqualTo("/api/v1/entities/{id}");
        assertThat(refused.get("pathParams").asText()).isEqualTo("{\"id\":\"exchange:harbor_exchange\"}");
        JsonNode anonymousEntry = entries.stream().filter(e -> e.get("keyName").isNull()
                && e.get("path").asText().endsWith(demo.scenario().scamWallets().get(1))).findFirst().orElseThrow();
        assertThat(anonymousEntry.get("status").asInt()).isEqualTo(401);
        assertThat(anonymousEntry.get("keyName").isNull()).isTrue();
        // Each entry carries the hash of the one before it.
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).get("prevHash").asText()).isEqualTo(entries.get(i - 1).get("hash").asText());
        }
    }

    @Test
    void audit_entryFromTheApi_recomputesToItsHash() throws Exception {
        analyst.get("/api/v1/health");

        List<JsonNode> entries = audit();
        JsonNode last = entries.get(entries.size() - 1);
        AuditEntry entry = Json.MAPPER.treeToValue(last, AuditEntry.class);

        assertThat(entry.expectedHash()).isEqualTo(entry.hash());
    }

    @Test
    void health_burstBeyondTheKeysRate_429WithRetryAfter() {
        List<HttpResponse<String>> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            burst.add(oncePerSecond.get("/api/v1/health"));
        }

        assertThat(burst.get(0).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = burst.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(limited).get("detail").asText())
                .isEqualTo("key 'slow-screening' may make 1 request(s) per second; retry in 1 s");
        assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith(Problem.CONTENT_TYPE));
    }

    @Test
    void audit_manyConcurrentRequests_eachRecordedOnceAndTheChainIntact() throws Exception {
        long before = demo.graph().store().audit().head().orElseThrow().seq();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                String path = i % 3 == 0 ? "/api/v1/health?n=" + i : "/api/v1/addresses/ethereum/"
                        + demo.scenario().scamWallets().get(i % 3) + "?n=" + i;
                statuses.add(pool.submit(() -> load.get(path).statusCode()));
            }
            for (Future<Integer> s : statuses) {
                assertThat(s.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }

        var verification = demo.graph().store().audit().verify();
        assertThat(verification.intact()).as(verification.problem()).isTrue();
        long after = verification.head().orElseThrow().seq();
        assertThat(after - before).isEqualTo(300);
        assertThat(demo.graph().store().audit().entries(before + 1, 300)).extracting(AuditEntry::query)
                .doesNotHaveDuplicates().hasSize(300);
    }
}
