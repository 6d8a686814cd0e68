package org.chaintrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.query.Cases;
import org.chaintrail.query.Json;
import org.chaintrail.query.Requester;
import org.chaintrail.query.TraceQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code chaintrail case} through {@code --neo4j-uri} to the test JVM's embedded server, over the demo case. */
class CaseCommandTest {
    private static String uri;
    private static String id;

    @BeforeAll
    static void openCase() {
        DemoGraph.Loaded demo = DemoGraph.load();
        uri = demo.graph().embeddedBoltUri().orElseThrow().toString();
        Cases cases = new Cases(demo.graph().store());
        Requester alice = new Requester("alice", false);
        id = cases.create(alice, "Scam centre", "three wallets").id();
        cases.addMember(alice, id, "bob");
        cases.saveTrace(alice, id, new TraceQuery("ethereum", demo.scenario().scamWallets(), "USDT", "forward",
                "haircut", 10));
    }

    /** The command against the test JVM's embedded server. */
    private static CliRun run(String... args) {
        return CliRun.on(uri, args);
    }

    @Test
    void list_oneCase_rowWithItsMembers() {
        CliRun r = run("case", "list");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains(id).contains("Scam centre").contains("alice").contains("bob");
    }

    @Test
    void show_case_theApisJsonWithTheSavedTrace() throws Exception {
        CliRun r = run("case", "show", id);

        assertThat(r.exit()).isZero();
        JsonNode body = Json.MAPPER.readTree(r.out());
        assertThat(body.get("id").asText()).isEqualTo(id);
        assertThat(body.get("traces").get(0).get("id").asText()).isEqualTo("trace-1");
        assertThat(body.get("traces").get(0).get("summary").get("flowCount").asInt()).isEqualTo(15);
    }

    @Test
    void rerun_unchangedData_verdictAndReason() {
        CliRun r = run("case", "rerun", id, "trace-1", "--by", "carol");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith(id + " trace-1: unchanged\n  unchanged: the summary, endpoints and flows are");
    }

    @Test
    void show_unknownCase_exit1NamingIt() {
        CliRun r = run("case", "show", "case-404");
        CliRun rerun = run("case", "rerun", id, "trace-9");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: no case 'case-404'\n");
        assertThat(rerun.exit()).isEqualTo(1);
        assertThat(rerun.err()).isEqualTo("error: no trace 'trace-9' in case '" + id + "'\n");
    }
}
