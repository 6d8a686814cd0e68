package org.chaintrail.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScamCentreScenarioTest {
    private static final Path COMMITTED = Path.of(System.getProperty("chaintrail.root", ".."), "fixtures", "scam-centre");

    @Test
    void generate_sameSeedTwice_sameBytes() {
        assertThat(new ScamCentreScenario(7).generate().files())
                .isEqualTo(new ScamCentreScenario(7).generate().files());
        assertThat(new ScamCentreScenario(7).generate().files())
                .isNotEqualTo(new ScamCentreScenario(8).generate().files());
    }

    @Test
    void generate_defaultSeed_equalsTheCommittedFixtures() throws IOException {
        Map<String, String> files = new ScamCentreScenario(ScamCentreScenario.DEFAULT_SEED).generate().files();

        assertThat(files).hasSize(6);
        for (var f : files.entrySet()) {
            assertThat(Files.readString(COMMITTED.resolve(f.getKey()), StandardCharsets.UTF_8))
                    .as("fixtures/scam-centre/%s (regenerate with: ./chaintrail demo --no-serve, then copy "
                            + "data/demo/fixtures)", f.getKey())
                    .isEqualTo(f.getValue());
        }
    }

    @Test
    void generate_defaultSeed_victimsPayEachScamWalletAndEveryPaymentIsWholeCents() {
        var g = new ScamCentreScenario(ScamCentreScenario.DEFAULT_SEED).generate();

        assertThat(g.victimPayments()).extracting(ScamCentreScenario.Payment::wallet)
                .containsAll(g.scamWallets());
        assertThat(g.victimPayments()).allSatisfy(p ->
                assertThat(p.amount().mod(java.math.BigInteger.valueOf(10_000))).isZero());
        assertThat(g.files().get("ethereum-etl/receipts.csv")).contains(",0,20000000000\n"); // one failed tx
    }
}
