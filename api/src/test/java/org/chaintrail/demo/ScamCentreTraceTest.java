package org.chaintrail.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.chaintrail.demo.ScamCentreScenario.address;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.query.Json;
import org.chaintrail.query.TraceQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo case traced end to end (files → importers → Neo4j → entities → tracer), against
 * figures worked out by hand from DESIGN.md's haircut rule and the amounts the scenario chose.
 */
class ScamCentreTraceTest {
    private static DemoGraph.Loaded demo;
    private static TraceResult result;

    @BeforeAll
    static void loadAndTrace() {
        demo = DemoGraph.load();
        result = trace(10);
    }

    private static TraceResult trace(int maxHops) {
        return new TraceQuery("ethereum", demo.scenario().scamWallets(), "USDT", "forward", "haircut", maxHops)
                .run(demo.graph().store());
    }

    /** Base units of USDT as the decimal text the tracer prints (6 decimals, no trailing zeros). */
    private static String usdt(BigInteger baseUnits) {
        BigDecimal tokens = new BigDecimal(baseUnits, 6);
        return tokens.signum() == 0 ? "0" : tokens.stripTrailingZeros().toPlainString();
    }

    private static BigInteger proceeds() {
        return demo.scenario().victimPayments().stream().map(ScamCentreScenario.Payment::amount)
                .reduce(BigInteger.ZERO, BigInteger::add);
    }

    @Test
    void trace_scamWallets_endpointsMatchHandComputedHaircut() {
        // The layering wallet holds 10,000 − 500 = 9,500 clean when 38,000 of proceeds arrive, so
        // 38,000 / 47,500 = 80 % of everything it pays out is tainted.
        String mixer = "16000";   // 20,000 × 0.8
        String otc = "12000";     // 15,000 × 0.8
        String kestrel = "10000"; // 12,500 × 0.8
        // The peel chain carries only proceeds (P − 38,000): every peel is tainted in full.
        var peels = demo.scenario().peels();
        BigInteger peelA = peels.get("harbor-deposit-peel-a").get(0).add(peels.get("harbor-deposit-peel-a").get(1));
        BigInteger peelB = peels.get("harbor-deposit-peel-b").get(0).add(demo.scenario().peelChainRemainder());

        assertThat(result.endpoints())
                .extracting(TraceResult.Endpoint::address, TraceResult.Endpoint::taintedAmount,
                        TraceResult.Endpoint::via)
                .containsExactlyInAnyOrder(
                        tuple(address("fogmix"), mixer, "label"),
                        tuple(address("mekong-otc"), otc, "label"),
                        tuple(address("kestrel-deposit-layering"), kestrel, "deposit-address"),
                        tuple(address("harbor-deposit-peel-a"), usdt(peelA), "deposit-address"),
                        tuple(address("harbor-deposit-peel-b"), usdt(peelB), "deposit-address"));
        assertThat(peelA.add(peelB)).isEqualTo(proceeds().subtract(ScamCentreScenario.PROCEEDS_TO_LAYERING));
    }

    @Test
    void trace_scamWallets_entityTotalsAndSummaryAccountForAllProceeds() {
        BigInteger harbor = proceeds().subtract(ScamCentreScenario.PROCEEDS_TO_LAYERING);

        assertThat(result.entities()).extracting(e -> e.entity().id(), TraceResult.EntityTotal::taintedAmount)
                .containsExactlyInAnyOrder(
                        tuple("exchange:harbor_exchange", usdt(harbor)),
                        tuple("mixing_service:fogmix", "16000"),
                        tuple("otc_desk:mekong_otc", "12000"),
                        tuple("exchange:kestrel_exchange", "10000"));
        assertThat(result.summary().seedFlow()).isEqualTo(usdt(proceeds()));
        assertThat(result.summary().taintedToEndpoints()).isEqualTo(usdt(proceeds()));
        assertThat(result.summary().cutByHopLimit()).isEqualTo(new TraceResult.Cut("0", 0));
        assertThat(result.summary().taintStillHeld()).isEqualTo("0");
        assertThat(result.holders()).isEmpty();
        assertThat(result.parameters().asset().decimals()).isEqualTo(6);
    }

    @Test
    void trace_scamWallets_flowsCarryEvidenceAndHops() {
        // Seeds → consolidation (1) → peel-1 (2) → peel-2 (3) → peel-3 (4) → peel-4 (5) → deposit (6).
        assertThat(result.flows()).filteredOn(f -> f.to().equals(address("harbor-deposit-peel-b")))
                .extracting(TraceResult.Flow::hop).containsExactly(4, 6);
        assertThat(result.flows()).filteredOn(f -> f.hop() == 1).extracting(TraceResult.Flow::to)
                .containsOnly(address("consolidation"));
        assertThat(result.flows()).allSatisfy(f -> assertThat(f.txHash()).matches("0x[0-9a-f]{64}"));
        // The early payment to the supplier predates the proceeds and the failed transfer moved nothing.
        assertThat(result.flows()).extracting(TraceResult.Flow::to).doesNotContain(address("early-supplier"));
    }

    @Test
    void trace_hopLimitFive_cutsTheLastPeelAndReportsIt() {
        TraceResult cut = trace(5);

        BigInteger last = demo.scenario().peelChainRemainder();
        assertThat(cut.summary().cutByHopLimit()).isEqualTo(new TraceResult.Cut(usdt(last), 1));
        // What the hop limit stops is counted where it stopped, not again as held by the last peel wallet.
        assertThat(cut.summary().taintStillHeld()).isEqualTo("0");
    }

    @Test
    void trace_sameDataTwice_byteIdenticalJson() {
        assertThat(Json.write(trace(10))).isEqualTo(Json.write(result));
    }

    /**
     * Backward from the scam wallets: hop 1 is every victim payment, exactly; behind each victim,
     * the USDT it bought at Kestrel (a_i + 100, of which it paid a_i on: haircut backward traces
     * exactly a_i to Kestrel's hot wallet), so all of the proceeds come from Kestrel.
     */
    @Test
    void trace_backwardFromScamWallets_findsEveryVictimPaymentAndTheirExchange() {
        TraceResult back = new TraceQuery("ethereum", demo.scenario().scamWallets(), "USDT", "backward", "haircut", 10)
                .run(demo.graph().store());

        var expected = demo.scenario().victimPayments().stream()
                .map(p -> tuple(p.victim(), p.wallet(), usdt(p.amount()), 1)).toList();
        assertThat(back.flows()).filteredOn(f -> f.hop() == 1)
                .extracting(TraceResult.Flow::from, TraceResult.Flow::to, TraceResult.Flow::amount, TraceResult.Flow::hop)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(back.flows()).filteredOn(f -> f.hop() == 1).allSatisfy(f ->
                assertThat(f.taintedAmount()).isEqualTo(f.amount()));
        assertThat(back.summary().seedFlow()).isEqualTo(usdt(proceeds()));
        assertThat(back.endpoints()).extracting(TraceResult.Endpoint::address, TraceResult.Endpoint::taintedAmount)
                .containsExactly(tuple(address("kestrel-hot-wallet"), usdt(proceeds())));
        assertThat(back.holders()).isEmpty();
    }

    /** Every victim bought more than it paid, all at Kestrel: each model traces all proceeds there. */
    @Test
    void trace_backwardEveryModel_allProceedsFromKestrel() {
        for (String model : List.of("haircut", "poison", "fifo")) {
            TraceResult back = new TraceQuery("ethereum", demo.scenario().scamWallets(), "USDT", "backward", model, 10)
                    .run(demo.graph().store());

            assertThat(back.endpoints()).as(model).extracting(TraceResult.Endpoint::address,
                    TraceResult.Endpoint::taintedAmount).containsExactly(tuple(address("kestrel-hot-wallet"),
                    usdt(model.equals("poison") ? victimsBought() : proceeds())));
        }
    }

    /** Poison counts everything a touched victim received: what it bought, not only what it paid. */
    private static BigInteger victimsBought() {
        return demo.scenario().victimPayments().stream().map(ScamCentreScenario.Payment::victim).distinct()
                .map(v -> demo.scenario().victimPayments().stream().filter(p -> p.victim().equals(v))
                        .map(ScamCentreScenario.Payment::amount).reduce(BigInteger.ZERO, BigInteger::add)
                        .add(BigInteger.valueOf(100).multiply(ScamCentreScenario.MICRO)))
                .reduce(BigInteger.ZERO, BigInteger::add);
    }

    @Test
    void trace_victimsPaidTheSeeds_victimsAreNotInTheForwardTrace() {
        List<String> victims = demo.scenario().victimPayments().stream().map(ScamCentreScenario.Payment::victim).toList();
        assertThat(result.flows()).extracting(TraceResult.Flow::from).doesNotContainAnyElementsOf(victims);
    }
}
