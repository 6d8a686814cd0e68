package org.chaintrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chaintrail.demo.ScamCentreScenario.address;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.query.Json;
import org.chaintrail.query.TraceQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void trace_json_sameObjectAsTheQuery() {
        List<String> args = new ArrayList<>(List.of("trace", "--neo4j-uri", uri, "--chain", "ethereum", "--asset", "USDT"));
        demo.scenario().scamWallets().forEach(s -> args.addAll(List.of("--seed", s)));

        CliRun r = run(args.toArray(String[]::new));

        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(Json.write(new TraceQuery("ethereum", demo.scenario().scamWallets(), "USDT",
                "forward", "haircut", 10).run(demo.graph().store())));
    }

    @Test
    void trace_table_namesEntitiesAndDepositAddresses() {
        CliRun r = run("trace", "--neo4j-uri", uri, "--seed", demo.scenario().scamWallets().get(0),
                "--seed", demo.scenario().scamWallets().get(1), "--seed", demo.scenario().scamWallets().get(2),
                "--format", "table");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Harbor Exchange", "Kestrel Exchange", "FogMix", "Mekong OTC Desk",
                address("harbor-deposit-peel-a"), "deposit-address", "16000", "12000", "10000");
    }

    @Test
    void address_json_sameAsTheApiView() {
        CliRun r = run("address", "--neo4j-uri", uri, "--chain", "ethereum", address("mekong-otc"));

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"name\" : \"Mekong OTC Desk\"", "\"category\" : \"otc_desk\"",
                "\"received\" : \"15000\"");
    }

    @Test
    void trace_csvWithGraphMl_flowsOnStdoutAndSubgraphInFile(@TempDir Path dir) throws Exception {
        Path graphml = dir.resolve("trace.graphml");
        List<String> args = new ArrayList<>(List.of("trace", "--neo4j-uri", uri, "--format", "csv", "--graphml",
                graphml.toString()));
        demo.scenario().scamWallets().forEach(s -> args.addAll(List.of("--seed", s)));

        CliRun r = run(args.toArray(String[]::new));

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("hop,block,timestamp,tx_hash,from,");
        assertThat(r.out().split("\r\n")).hasSize(16); // header + the 15 tainted transfers of the demo case
        assertThat(Files.readString(graphml)).contains("<data key=\"entity\">FogMix</data>");
    }

    @Test
    void trace_backwardPoisonWithLimits_echoesTheParameters() {
        CliRun r = run("trace", "--neo4j-uri", uri, "--seed", address("consolidation"), "--direction", "backward",
                "--model", "poison", "--since", "21000000", "--until", "21000100", "--min-amount", "1",
                "--stop-at", "exchange,sanction");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"direction\" : \"backward\"", "\"model\" : \"poison\"",
                "\"since\" : \"21000000\"", "\"minAmount\" : \"1\"", "\"stopAt\" : [ \"exchange\", \"sanction\" ]");
    }

    @Test
    void exposure_table_showsScoreAndSources() {
        CliRun r = run("exposure", "--neo4j-uri", uri, address("layering"), "--format", "table");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("risk ", "/100", "Direct counterparties", "mixing_service", "20000");
    }

    @Test
    void cluster_accountHeuristicsOnEthereum_runsThemAfterLabelsAndDepositAddresses() {
        // The demo case has no approvals and no airdrop: the heuristics run and join nobody, so the
        // entities stay what DemoGraph made and the other tests see the same graph.
        CliRun r = run("cluster", "--neo4j-uri", uri, "--chain", "ethereum", "--heuristics", "airdrop,self-authorisation");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("deposit address(es) joined their exchange; account heuristics: 0 airdrop link(s), "
                + "0 self-authorisation link(s), 0 address(es) joined, 0 new cluster(s)");
    }

    @Test
    void cluster_bitcoinHeuristicOnEthereum_exit2NamingTheAccountHeuristics() {
        CliRun r = run("cluster", "--neo4j-uri", uri, "--chain", "ethereum", "--heuristics", "change-one-time");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown account heuristic 'change-one-time'", "airdrop, self-authorisation");
    }

    @Test
    void trace_malformedSeed_exit2NamingTheValue() {
        CliRun r = run("trace", "--neo4j-uri", uri, "--seed", "0xbad");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("seeds[0]", "0xbad");
    }

    @Test
    void trace_missingSeed_exit2WithUsage() {
        CliRun r = run("trace", "--neo4j-uri", uri);

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--seed");
    }
}
