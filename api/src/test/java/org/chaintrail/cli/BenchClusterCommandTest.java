package org.chaintrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chaintrail bench cluster}: the options reach the benchmark, bad rule names exit 2. */
class BenchClusterCommandTest {

    private record Run(int exit, String err) {
    }

    /** Runs the command line; the report goes to standard output, which the JSON file mirrors. */
    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        var cli = ChaintrailCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), err.toString());
    }

    @Test
    void benchCluster_smallRunWithTwoRules_writesTheFiguresAsJson(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("figures/cluster.json");

        Run r = run("bench", "cluster", "--transactions", "5000", "--seed", "9", "--heuristics",
                "change-one-time,change-round-payment", "--json", json.toString());

        assertThat(r.exit()).isZero();
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        assertThat(figures.at("/stream/seed").asLong()).isEqualTo(9);
        assertThat(figures.at("/stream/transactions").asLong()).isEqualTo(5_000);
        assertThat(figures.at("/heuristics").toString())
                .isEqualTo("[\"common-input\",\"change-one-time\",\"change-round-payment\"]");
        assertThat(figures.at("/clusters/mergesByRule").size()).isEqualTo(3);
    }

    @Test
    void benchCluster_unknownRule_exit2NamingItAndTheKnownOnes() {
        Run r = run("bench", "cluster", "--transactions", "100", "--heuristics", "change-address-reuse");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown heuristic 'change-address-reuse'", "change-one-time");
    }
}
