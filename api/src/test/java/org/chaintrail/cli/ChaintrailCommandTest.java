package org.chaintrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chaintrail.demo.ScamCentreScenario.address;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.query.Json;
import org.chaintrail.query.TraceQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command line against the demo case, through {@code --neo4j-uri} to the test JVM's embedded
 * server: the same path an external server or cluster takes.
 */
class ChaintrailCommandTest {
    private static DemoGraph.Loaded demo;
    private static String uri;

    @BeforeAll
    static void load() {
        demo = DemoGraph.load();
        uri = demo.graph().embeddedBoltUri().orElseThrow().toString();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            var cli = ChaintrailCommand.commandLine();
            cli.setErr(new PrintWriter(err, true));
            int exit = cli.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void trace_json_sameObjectAsTheQuery() {
        List<String> args = new ArrayList<>(List.of("trace", "--neo4j-uri", uri, "--chain", "ethereum", "--asset", "USDT"));
        demo.scenario().scamWallets().forEach(s -> args.addAll(List.of("--seed", s)));

        Run r = run(args.toArray(String[]::new));

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(Json.write(new TraceQuery("ethereum", demo.scenario().scamWallets(), "USDT",
                "forward", "haircut", 10).run(demo.graph().store())));
    }

    @Test
    void trace_table_namesEntitiesAndDepositAddresses() {
        Run r = run("trace", "--neo4j-uri", uri, "--seed", demo.scenario().scamWallets().get(0),
                "--seed", demo.scenario().scamWallets().get(1), "--seed", demo.scenario().scamWallets().get(2),
                "--format", "table");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Harbor Exchange", "Kestrel Exchange", "FogMix", "Mekong OTC Desk",
                address("harbor-deposit-peel-a"), "deposit-address", "16000", "12000", "10000");
    }

    @Test
    void address_json_sameAsTheApiView() {
        Run r = run("address", "--neo4j-uri", uri, "--chain", "ethereum", address("mekong-otc"));

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"name\" : \"Mekong OTC Desk\"", "\"category\" : \"otc_desk\"",
                "\"received\" : \"15000\"");
    }

    @Test
    void trace_malformedSeed_exit2NamingTheValue() {
        Run r = run("trace", "--neo4j-uri", uri, "--seed", "0xbad");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("seeds[0]", "0xbad");
    }

    @Test
    void trace_missingSeed_exit2WithUsage() {
        Run r = run("trace", "--neo4j-uri", uri);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--seed");
    }
}
