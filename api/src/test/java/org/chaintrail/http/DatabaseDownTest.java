package org.chaintrail.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chaintrail.cli.ChaintrailCommand;
import org.chaintrail.graph.ChildJvm;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.WriteBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API on a Neo4j in another process ({@code chaintrail neo4j-server}, loopback) that is killed
 * with SIGKILL, or frozen with SIGSTOP, mid-service: requests are answered 503 with Retry-After as
 * problems, never 500, and within the client's timeout (the driver's waits are bounded); once the
 * server is back (on the same store and port, or thawed), the same requests are answered as before.
 */
class DatabaseDownTest {
    private static final Pattern READY = Pattern.compile("Neo4j serving (bolt://127\\.0\\.0\\.1:\\d+)");
    private static final String ALICE = "0x" + "a".repeat(40);
    private static final String BOB = "0x" + "b".repeat(40);

    @TempDir
    Path tmp;

    @Test
    void requests_databaseKilledThenRestarted_503WithRetryAfterThenAnsweredAgain() throws Exception {
        Path store = tmp.resolve("graph");
        ChildJvm db = neo4jServer(store, 0);
        URI uri = boltUri(db);
        try (GraphConnection graph = GraphConnection.external(uri, null, null)) {
            storeOneTransfer(graph);
            Javalin app = ApiServer.create(graph, "127.0.0.1", 0).start();
            try {
                ApiClient client = new ApiClient(app, null);
                HttpResponse<String> before = client.get("/api/v1/addresses/ethereum/" + BOB);
                assertThat(before.statusCode()).isEqualTo(200);
                assertThat(ApiClient.json(before).get("totals").get(0).get("received").asText()).isEqualTo("100");

                db.process().destroyForcibly(); // SIGKILL: no clean shutdown, its sockets simply close
                assertThat(db.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

                HttpResponse<String> down = client.post("/api/v1/screen",
                        "{\"chain\":\"ethereum\",\"addresses\":[\"" + BOB + "\"]}");
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(down.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(v -> assertThat(v).startsWith(Problem.CONTENT_TYPE));
                assertThat(ApiClient.json(down).get("type").asText())
                        .isEqualTo("https://chaintrail.org/problems/graph-unavailable");

                db = neo4jServer(store, uri.getPort());
                assertThat(boltUri(db)).isEqualTo(uri);
                HttpResponse<String> after = client.get("/api/v1/addresses/ethereum/" + BOB);
                assertThat(after.statusCode()).isEqualTo(200);
                assertThat(after.body()).isEqualTo(before.body());
                // The audit chain is intact across the outage and the two answered requests are on record;
                // the refusal's entry is too if the graph was back before the writer gave up on it.
                HttpResponse<String> audit = client.get("/api/v1/audit?from=1&limit=100");
                assertThat(audit.statusCode()).isEqualTo(200);
                List<String> recorded = new ArrayList<>();
                ApiClient.json(audit).get("entries").forEach(e -> recorded.add(e.get("method").asText() + " "
                        + e.get("path").asText() + " " + e.get("status").asInt()));
                recorded.remove("POST /api/v1/screen 503");
                assertThat(recorded).containsExactly("GET /api/v1/addresses/ethereum/" + BOB + " 200",
                        "GET /api/v1/addresses/ethereum/" + BOB + " 200");
                assertThat(graph.store().audit().verify().intact()).isTrue();
            } finally {
                app.stop();
            }
        } finally {
            db.process().destroyForcibly().waitFor();
        }
    }

    /**
     * The Neo4j process frozen (SIGSTOP: alive, its sockets open, answering nothing) mid-service: a
     * request is answered 503 within the driver's bounded waits instead of hanging, because the
     * server's keep-alive hint lets the driver drop a silent connection; after SIGCONT the same
     * request is answered as before.
     */
    @Test
    void request_databaseFrozenThenThawed_503WithinSecondsThenAnsweredAgain() throws Exception {
        ChildJvm db = neo4jServer(tmp.resolve("frozen"), 0);
        try (GraphConnection graph = GraphConnection.external(boltUri(db), null, null)) {
            storeOneTransfer(graph);
            Javalin app = ApiServer.create(graph, "127.0.0.1", 0).start();
            try {
                ApiClient client = new ApiClient(app, null);
                String path = "/api/v1/addresses/ethereum/" + BOB;
                HttpResponse<String> before = client.get(path);
                assertThat(before.statusCode()).isEqualTo(200);

                signal("STOP", db.process());
                long start = System.nanoTime();
                HttpResponse<String> frozen = client.get(path);
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                signal("CONT", db.process());

                assertThat(frozen.statusCode()).as(frozen.body()).isEqualTo(503);
                assertThat(frozen.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(ApiClient.json(frozen).get("type").asText())
                        .isEqualTo("https://chaintrail.org/problems/graph-unavailable");
                // Two missed keep-alives of 5 s, then the driver's 5 s of retries and a 5 s connect.
                assertThat(seconds).as("seconds until the answer").isLessThan(40);
                HttpResponse<String> after = client.get(path);
                assertThat(after.statusCode()).isEqualTo(200);
                assertThat(after.body()).isEqualTo(before.body());
            } finally {
                app.stop();
            }
        } finally {
            signal("CONT", db.process());
            db.process().destroyForcibly().waitFor();
        }
    }

    private static void signal(String name, Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    /** One transfer of 100 ETH from ALICE to BOB in block 5. */
    private static void storeOneTransfer(GraphConnection graph) {
        graph.store().write(new WriteBatch(List.of(new Block(Chain.ETHEREUM, 5, "0x" + "5".repeat(64), 1_700_000_000L)),
                List.of(Asset.nativeCoin(Chain.ETHEREUM)),
                List.of(new Transfer(Chain.ETHEREUM, "0x" + "1".repeat(64), 5, 0, -1, 1_700_000_000L, ALICE, BOB,
                        Asset.NATIVE, BigInteger.TEN.pow(20))),
                List.of()));
    }

    private static ChildJvm neo4jServer(Path store, int port) throws Exception {
        ChildJvm db = ChildJvm.start(ChaintrailCommand.class, "neo4j-server", "--store", store.toString(),
                "--bolt-port", Integer.toString(port));
        db.await("Neo4j serving ");
        return db;
    }

    private static URI boltUri(ChildJvm db) {
        Matcher m = READY.matcher(db.output());
        assertThat(m.find()).as(db.output()).isTrue();
        return URI.create(m.group(1));
    }
}
