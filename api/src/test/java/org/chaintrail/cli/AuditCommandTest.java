package org.chaintrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.model.AuditEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.GraphDatabase;

/** {@code chaintrail audit verify} through {@code --neo4j-uri} to the test JVM's embedded server. */
class AuditCommandTest {
    private GraphConnection graph;
    private String uri;

    @BeforeEach
    void setUp() {
        graph = TestGraph.fresh();
        uri = graph.embeddedBoltUri().orElseThrow().toString();
        graph.store().audit().append(List.of(event("/api/v1/health", 200), event("/api/v1/traces", 403),
                event("/api/v1/audit", 200)));
    }

    private static AuditEntry.Event event(String path, int status) {
        return new AuditEntry.Event(Instant.parse("2025-03-01T10:00:00Z"), "fiu-analyst", "analyst", "127.0.0.1", "GET",
                path, path, Map.of(), null, 0, null, null, status, 100, 900);
    }

    /** Changes the graph as someone with direct access to the database could, past the API. */
    private void tamper(String cypher) {
        try (var driver = GraphDatabase.driver(uri, AuthTokens.none()); var session = driver.session()) {
            session.run(cypher).consume();
        }
    }

    @Test
    void verify_untouchedLog_exit0WithTheCountAndHead() {
        String head = graph.store().audit().head().orElseThrow().hash();

        CliRun r = CliRun.on(uri, "audit", "verify");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("audit log intact: 3 entries checked; head: entry 3, hash " + head + "\n");
    }

    @Test
    void verify_statusRewritten_exit1NamingTheEntry() {
        tamper("MATCH (e:AuditEntry {seq: 2}) SET e.status = 200");

        CliRun r = CliRun.on(uri, "audit", "verify");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("audit log BROKEN at entry 2: its hash does not match its content; "
                + "1 entries before it check out");
    }

    @Test
    void verify_entryDeleted_exit1NamingTheGap() {
        tamper("MATCH (e:AuditEntry {seq: 2}) DETACH DELETE e");

        CliRun r = CliRun.on(uri, "audit", "verify");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("audit log BROKEN at entry 2: entry 2 is missing (the next stored is 3)");
    }
}
