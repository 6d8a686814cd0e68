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
 * with SIGKILL mid-service: requests are answered 503 with Retry-After as problems, never 500,
 * and within the client's timeout (the driver's waits are bounded); once the server is back on the
 * same store and port, the same requests are answered as before, on the same connection.
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
            // One transfer of 100 ETH from ALICE to BOB in block 5.
            graph.store().write(new WriteBatch(List.of(new Block(Chain.ETHEREUM, 5, "0x" + "5".repeat(64), 1_700_000_000L)),
                    List.of(Asset.nativeCoin(Chain.ETHEREUM)),
                    List.of(new Transfer(Chain.ETHEREUM, "0x" + "1".repeat(64), 5, 0, -1, 1_700_000_000L, ALICE, BOB,
                            Asset.NATIVE, BigInteger.TEN.pow(20))),
                    List.of()));
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
