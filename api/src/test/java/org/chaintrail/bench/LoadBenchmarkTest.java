package org.chaintrail.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.chaintrail.demo.DemoGraph;
import org.chaintrail.demo.ScamCentreScenario;
import org.chaintrail.http.ApiServer;
import org.chaintrail.query.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load client against the real server on the demo case: it counts what it sent and what failed.
 * No speed is asserted; {@code chaintrail bench load} measures that.
 */
class LoadBenchmarkTest {
    private static Javalin app;

    @BeforeAll
    static void start() {
        app = ApiServer.create(DemoGraph.load().graph(), "127.0.0.1", 0).start();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    private static LoadBenchmark.Settings settings(LoadBenchmark.Endpoint endpoint, int perRequest, double rate,
                                                   List<String> pool) {
        return new LoadBenchmark.Settings(URI.create("http://127.0.0.1:" + app.port()), Optional.empty(), 2,
                Duration.ZERO, Duration.ofSeconds(1), perRequest, endpoint, "ethereum", pool, 7, rate);
    }

    @Test
    void run_screenOfTheDemoDeposits_everyRequestAnsweredAndCounted() throws Exception {
        var report = new LoadBenchmark(settings(LoadBenchmark.Endpoint.SCREEN, 5, 0,
                ScamCentreScenario.screenedAddresses()), System.err).run();

        assertThat(report.known()).isEqualTo(30);
        assertThat(report.errors()).isZero();
        assertThat(report.requests()).isPositive();
        assertThat(report.screened()).isEqualTo(report.requests() * 5);
        assertThat(report.latenciesMs().get("p50")).isPositive()
                .isLessThanOrEqualTo(report.latenciesMs().get("p99")).isLessThanOrEqualTo(report.latenciesMs().get("max"));
        JsonNode json = Json.MAPPER.readTree(report.json());
        assertThat(json.get("endpoint").asText()).isEqualTo("screen");
        assertThat(json.get("screenedAddresses").asLong()).isEqualTo(report.screened());
        assertThat(json.get("pool").get("known").asInt()).isEqualTo(30);
    }

    @Test
    void run_exposureAtAFixedRate_oneAddressARequest() throws Exception {
        var report = new LoadBenchmark(settings(LoadBenchmark.Endpoint.EXPOSURE, 20, 5,
                ScamCentreScenario.screenedAddresses()), System.err).run();

        assertThat(report.errors()).isZero();
        assertThat(report.screened()).isEqualTo(report.requests());
        // Five due a second for one second: the sixth is due at the window's end.
        assertThat(report.requests()).isEqualTo(5);
        assertThat(report.render()).contains("5.0 requests/s due");
    }

    @Test
    void run_addressesTheGraphNeverSaw_countedAsUnknownInThePool() throws Exception {
        var report = new LoadBenchmark(settings(LoadBenchmark.Endpoint.SCREEN, 1, 0,
                List.of("0x" + "6".repeat(40), ScamCentreScenario.address("layering"))), System.err).run();

        assertThat(report.known()).isEqualTo(1);
        assertThat(report.errors()).isZero();
    }

    @Test
    void settings_poolSmallerThanARequest_refusedNamingBoth() {
        assertThatThrownBy(() -> settings(LoadBenchmark.Endpoint.SCREEN, 20, 0, List.of("0x" + "6".repeat(40))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 1 distinct")
                .hasMessageContaining("needs 20");
    }

    @Test
    void run_wrongChainForThePool_failsOnTheFirstScreenWithTheProblem() {
        var wrong = new LoadBenchmark.Settings(URI.create("http://127.0.0.1:" + app.port()), Optional.empty(), 1,
                Duration.ZERO, Duration.ofSeconds(1), 1, LoadBenchmark.Endpoint.SCREEN, "bitcoin",
                List.of(ScamCentreScenario.address("layering")), 7, 0);

        assertThatThrownBy(() -> new LoadBenchmark(wrong, System.err).run())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("answered 400");
    }
}
