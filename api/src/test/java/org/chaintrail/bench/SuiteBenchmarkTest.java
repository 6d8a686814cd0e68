package org.chaintrail.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite at 10,000 transfers (depth 4, so that the plain Cypher query finishes) through the real embedded Neo4j: its structure, that the three
 * traces agree, and that JSON and PNG are written. Figures are not asserted: they are the bench's
 * output, not the test's.
 */
class SuiteBenchmarkTest {
    private static final long SIZE = 10_000;
    private static final int RUNS = 3;
    private static final SuiteBenchmark.Settings SETTINGS = new SuiteBenchmark.Settings(List.of(SIZE),
            SyntheticChain.Config.DEFAULT_SEED, Path.of("unused"), RUNS, 1, 4, 300, Duration.ofSeconds(30), 40, 20);

    @TempDir
    static Path dir;

    private static SuiteReport report;
    private static SuiteReport.SizeFigures figures;
    private static SyntheticChain.Plan plan;

    @BeforeAll
    static void run() {
        SuiteBenchmark.Settings settings = new SuiteBenchmark.Settings(SETTINGS.sizes(), SETTINGS.seed(),
                dir.resolve("bench"), SETTINGS.runs(), SETTINGS.warmup(), SETTINGS.depth(), SETTINGS.naiveTransfers(),
                SETTINGS.plainBudget(), SETTINGS.screenAddresses(), SETTINGS.screenBatch());
        report = new SuiteBenchmark(settings, System.err).run();
        figures = report.sizes().get(0);
        plan = new SyntheticChain(settings.chain(SIZE)).plan();
    }

    @Test
    void run_smallSize_measuresEveryFigureOnTheWholeEconomyAndTheNaivePrefix() {
        assertThat(figures.chain().transfers()).isEqualTo(SIZE);
        assertThat(figures.chain().addresses()).isEqualTo(2_000);
        assertThat(figures.ingest().transfers()).isEqualTo(SIZE);
        assertThat(figures.naive().transfers()).isEqualTo(300);
        assertThat(figures.clustering().entities()).isEqualTo(6); // 4 exchanges, the mixer, the OTC desk
        assertThat(figures.clustering().depositAddresses()).isPositive();
        assertThat(figures.loaded().transfers()).isEqualTo(SIZE);
        assertThat(figures.forward().tracer().runs()).isEqualTo(RUNS);
        assertThat(figures.forward().inMemory().runs()).isEqualTo(RUNS);
        assertThat(figures.backward().tracer().runs()).isEqualTo(RUNS);
        assertThat(figures.exposure().compared()).isEqualTo(RUNS + 1); // the warm-up's too
        assertThat(figures.screen().addresses()).isEqualTo(40);
        assertThat(figures.screen().batch()).isEqualTo(20);
        assertThat(figures.storeBytes()).isPositive();
    }

    @Test
    void run_forwardTrace_inMemoryPlainAndNeo4jAgreeOnTheCasesDepositAddresses() {
        SuiteReport.TraceFigures forward = figures.forward();
        assertThat(forward.inMemoryEqual()).isTrue();
        assertThat(forward.plain().timedOut()).isFalse();
        assertThat(forward.plain().terminals()).isEqualTo(forward.endpoints());
        assertThat(forward.plainAgrees()).isTrue();
        // scam wallet -> consolidation -> layering wallet -> the case's first deposit address: within 4 hops
        plan.cases().forEach(c -> assertThat(forward.endpoints()).contains(c.depositAddresses().get(0)));
        assertThat(forward.endpoints()).contains(plan.mixer(), plan.otcDesk());
    }

    @Test
    void run_backwardTrace_inMemoryPlainAndNeo4jAgree() {
        SuiteReport.TraceFigures backward = figures.backward();
        assertThat(backward.inMemoryEqual()).isTrue();
        assertThat(backward.plain().timedOut()).isFalse();
        assertThat(backward.plain().terminals()).isEqualTo(backward.endpoints());
        assertThat(backward.endpoints()).isNotEmpty();
    }

    @Test
    void run_exposure_inMemoryEqualsNeo4j() {
        assertThat(figures.exposure().inMemoryEqual()).isTrue();
    }

    @Test
    void render_smallSize_eachFigureBesideItsBaseline() {
        String table = report.render();
        assertThat(table).contains("10,000 transfers, 2,000 addresses, 3 laundering cases")
                .contains("import, transfers/s").contains("naive MERGE, first 300")
                .contains("forward trace p50 / p99, ms").contains("backward trace p50 / p99, ms")
                .contains("exposure p50 / p99, ms").contains("screen, addresses/s").contains("clustering, s")
                .contains("clustering peak heap, MB").contains("store on disk, MB")
                .doesNotContain("DIFFER");
        assertThat(table.split("same answer\\n", -1)).hasSize(3); // the two traces
        assertThat(table).contains("the bound; same answers"); // exposure
        assertThat(table.split("same terminals", -1)).hasSize(3);
    }

    @Test
    void write_jsonAndPlot_holdTheFiguresMachineAndParameters() throws IOException {
        Path json = dir.resolve("out/suite.json");
        Path png = dir.resolve("out/suite.png");
        report.write(json, png);

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.path("benchmark").asText()).isEqualTo("suite");
        assertThat(root.at("/parameters/sizes/0").asLong()).isEqualTo(SIZE);
        assertThat(root.at("/parameters/seed").asLong()).isEqualTo(SyntheticChain.Config.DEFAULT_SEED);
        assertThat(root.at("/parameters/runs").asInt()).isEqualTo(RUNS);
        assertThat(root.at("/machine/cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(root.at("/machine/maxHeapBytes").asLong()).isEqualTo(Runtime.getRuntime().maxMemory());
        JsonNode size = root.at("/sizes/0");
        assertThat(size.path("transfers").asLong()).isEqualTo(SIZE);
        assertThat(size.at("/import/transfers").asLong()).isEqualTo(SIZE);
        assertThat(size.at("/naive/transfers").asLong()).isEqualTo(300);
        assertThat(size.at("/forward/inMemoryEqual").asBoolean()).isTrue();
        assertThat(size.at("/forward/plainAgrees").asBoolean()).isTrue();
        assertThat(size.at("/backward/inMemoryEqual").asBoolean()).isTrue();
        assertThat(size.at("/backward/plainAgrees").asBoolean()).isTrue();
        assertThat(size.at("/forward/tracer/p50Ms").isNumber()).isTrue();
        assertThat(size.at("/storeBytes").asLong()).isEqualTo(figures.storeBytes());

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1560);
        assertThat(image.getHeight()).isEqualTo(720);
    }

    @Test
    void settings_sizesNotAscending_namesThem() {
        assertThatThrownBy(() -> new SuiteBenchmark.Settings(List.of(50_000L, 20_000L), 1, Path.of("x"), 20, 3, 10,
                1_000, Duration.ofSeconds(60), 100, 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sizes must be ascending and distinct, were [50000, 20000]");
    }

    @Test
    void settings_naivePrefixLargerThanTheSmallestSize_namesTheValue() {
        assertThatThrownBy(() -> new SuiteBenchmark.Settings(List.of(20_000L), 1, Path.of("x"), 20, 3, 10,
                30_000, Duration.ofSeconds(60), 100, 20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("naive transfers must be 1..20000 (the smallest size), was 30000");
    }
}
