package org.chaintrail.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.chaintrail.analytics.clustering.UtxoHeuristic;
import org.junit.jupiter.api.Test;

class ClusterBenchmarkTest {

    @Test
    void run_smallStreamAllRules_figuresAgreeWithTheStreamInTextAndJson() throws IOException {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        var settings = new ClusterBenchmark.Settings(new SyntheticUtxoStream.Config(20_000, 3L), UtxoHeuristic.all());

        ClusterBenchmark.Report report = new ClusterBenchmark(settings, new PrintStream(progress, true,
                StandardCharsets.UTF_8)).run();
        JsonNode json = new ObjectMapper().readTree(report.json());

        assertThat(report.statistics().transactions()).isEqualTo(20_000);
        assertThat(report.statistics().addresses()).isEqualTo(report.stream().addresses());
        assertThat(report.statistics().coinJoinsSkipped()).isEqualTo(report.stream().coinJoins());
        assertThat(report.statistics().totalMerges())
                .isEqualTo(report.statistics().addresses() - report.statistics().entities());
        assertThat(json.at("/benchmark").asText()).isEqualTo("cluster");
        assertThat(json.at("/stream/transactions").asLong()).isEqualTo(20_000);
        assertThat(json.at("/heuristics").toString())
                .isEqualTo("[\"common-input\",\"change-one-time\",\"change-script-type\",\"change-round-payment\"]");
        assertThat(json.at("/clusters/entities").asInt()).isEqualTo(report.statistics().entities());
        assertThat(json.at("/clusters/coinJoinsSkipped").asLong()).isEqualTo(report.stream().coinJoins());
        assertThat(json.at("/heap/peakHeapUsedBytes").asLong()).isPositive();
        assertThat(json.at("/time/clusteringSeconds").asDouble()).isPositive();
        assertThat(report.render()).contains("20,000 transactions in", "goal: 10M transactions in < 60 s",
                "not a 10M run");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("20,000 of 20,000 transactions");
    }
}
