package org.chaintrail.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.chaintrail.analytics.entities.EntityResolver;
import org.chaintrail.analytics.tracing.Direction;
import org.chaintrail.analytics.tracing.HaircutTaint;
import org.chaintrail.analytics.tracing.TaintTracer;
import org.chaintrail.analytics.tracing.TraceRequest;
import org.chaintrail.analytics.tracing.TraceResult;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.PlainCypherTrace;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.model.Amounts;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.WriteBatch;
import org.chaintrail.query.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A small economy (2,000 addresses, 10,000 transfers, one case) through the real embedded Neo4j. */
class SyntheticChainTest {
    private static final SyntheticChain.Config SMALL = new SyntheticChain.Config(2_000, 10_000, 1, 7L);
    private static final SyntheticChain.Plan PLAN = new SyntheticChain(SMALL).plan();
    private static final SyntheticChain.Case CASE = PLAN.cases().get(0);

    private static GraphConnection graph;
    private static TraceResult result;
    private static Map<String, Long> counts;

    @BeforeAll
    static void loadAndTrace() {
        graph = load();
        counts = graph.store().counts();
        result = trace();
    }

    private static GraphConnection load() {
        GraphConnection g = TestGraph.fresh();
        new SyntheticChain(SMALL).generate(g.store()::write);
        new EntityResolver(g.store(), SyntheticChain.CHAIN).resolve();
        return g;
    }

    private static TraceResult trace() {
        return new TaintTracer(graph.store(), new TraceRequest(SyntheticChain.CHAIN, PLAN.seeds(), SyntheticChain.USDT,
                Direction.FORWARD, HaircutTaint.INSTANCE, 10)).trace();
    }

    private static String usdt(BigInteger baseUnits) {
        return Amounts.format(baseUnits, Optional.of(6));
    }

    private static BigInteger sum(List<Transfer> transfers) {
        return transfers.stream().map(Transfer::amount).reduce(BigInteger.ZERO, BigInteger::add);
    }

    @Test
    void generate_smallEconomy_storesExactlyTheTransfersAndServiceLabels() {
        assertThat(counts.get("Transfer")).isEqualTo(10_000L);
        assertThat(counts.get(":IN")).isEqualTo(10_000L);
        assertThat(counts.get(":OUT")).isEqualTo(10_000L);
        assertThat(counts.get("Label")).isEqualTo(10L); // 4 exchanges × 2 hot wallets, the mixer, the OTC desk
        assertThat(counts.get("Entity")).isEqualTo(6L); // 4 exchanges, the mixer, the OTC desk
        assertThat(counts.get("Address")).isBetween(1_500L, 2_000L);
    }

    @Test
    void generate_sameSeed_sameBatches() {
        List<WriteBatch> first = new ArrayList<>();
        List<WriteBatch> second = new ArrayList<>();
        new SyntheticChain(SMALL).generate(first::add);
        new SyntheticChain(SMALL).generate(second::add);

        assertThat(first).hasSize(1).isEqualTo(second);
        assertThat(first.get(0).transfers()).hasSize(10_000).isSortedAccordingTo(Transfer.CHAIN_ORDER);
        assertThat(new SyntheticChain(new SyntheticChain.Config(2_000, 10_000, 1, 8L)).plan().cases().get(0).victims())
                .isNotEqualTo(CASE.victims());
    }

    @Test
    void generate_sameSeedAgain_sameCountsAndSameTraceJson() {
        String json = Json.write(result);

        graph = load(); // wipes the graph and loads the same configuration again

        assertThat(graph.store().counts()).isEqualTo(counts);
        assertThat(Json.write(trace())).isEqualTo(json);
    }

    @Test
    void trace_caseSeed_reachesEveryDepositAddressOfTheCase() {
        Map<String, TraceResult.Endpoint> endpoints = result.endpoints().stream()
                .collect(Collectors.toMap(TraceResult.Endpoint::address, Function.identity()));

        assertThat(PLAN.seeds()).containsExactly(CASE.scamWallet());
        assertThat(endpoints).containsKeys(CASE.depositAddresses().toArray(String[]::new));
        for (String deposit : CASE.depositAddresses()) {
            assertThat(endpoints.get(deposit).via()).isEqualTo("deposit-address");
            assertThat(endpoints.get(deposit).category()).isEqualTo("exchange");
        }
        assertThat(endpoints.get(PLAN.mixer()).category()).isEqualTo("mixing_service");
        assertThat(endpoints.get(PLAN.otcDesk()).category()).isEqualTo("otc_desk");
    }

    @Test
    void trace_peelChainDeposits_receivedOnlyProceedsSoAllOfItIsTainted() {
        // The third and fourth deposit addresses are paid by the peel chain alone, which carries
        // nothing but the scam wallet's proceeds: under haircut every unit they received is tainted.
        var store = graph.store();
        for (String deposit : CASE.depositAddresses().subList(2, 4)) {
            List<Transfer> in = store.transfersTo(SyntheticChain.CHAIN, SyntheticChain.USDT_CONTRACT, List.of(deposit));
            assertThat(in).extracting(Transfer::from).allMatch(CASE.peelChain()::contains);
            assertThat(result.endpoints()).filteredOn(e -> e.address().equals(deposit))
                    .extracting(TraceResult.Endpoint::taintedAmount).containsExactly(usdt(sum(in)));
        }
        List<Transfer> out = store.transfersFrom(SyntheticChain.CHAIN, SyntheticChain.USDT_CONTRACT, PLAN.seeds());
        assertThat(out).extracting(Transfer::to).containsOnly(CASE.consolidation());
        assertThat(result.summary().seedFlow()).isEqualTo(usdt(sum(out)));
    }

    @Test
    void plainCypherTrace_smallEconomy_findsTheCaseTerminals() {
        var outcome = new PlainCypherTrace(graph).run(SyntheticChain.CHAIN, PLAN.seeds(), SyntheticChain.USDT_CONTRACT, 7,
                Duration.ofSeconds(60));

        assertThat(outcome).isInstanceOf(PlainCypherTrace.Finished.class);
        var finished = (PlainCypherTrace.Finished) outcome;
        assertThat(finished.terminals()).extracting(PlainCypherTrace.Reached::address)
                .contains(CASE.depositAddresses().toArray(String[]::new))
                .contains(PLAN.mixer(), PLAN.otcDesk())
                .isSorted();
        assertThat(finished.paths()).isGreaterThanOrEqualTo(finished.terminals().size());
    }

    @Test
    void plainCypherTrace_budgetTooShort_reportsTimedOut() {
        var outcome = new PlainCypherTrace(graph).run(SyntheticChain.CHAIN, PLAN.seeds(), SyntheticChain.USDT_CONTRACT, 50,
                Duration.ofMillis(1));

        assertThat(outcome).isEqualTo(new PlainCypherTrace.TimedOut(Duration.ofMillis(1)));
    }

    @Test
    void config_tooFewAddresses_namesTheValue() {
        assertThatThrownBy(() -> new SyntheticChain.Config(500, 10_000, 1, 7L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 500");
    }

    @Test
    void generate_200kTransfers_userDegreesHaveAPowerLawTailBesideTheHotWallets() {
        Map<String, Integer> degree = new java.util.HashMap<>();
        new SyntheticChain(new SyntheticChain.Config(40_000, 200_000, 3, SyntheticChain.Config.DEFAULT_SEED))
                .generate(b -> b.transfers().forEach(t -> {
                    degree.merge(t.from(), 1, Integer::sum);
                    degree.merge(t.to(), 1, Integer::sum);
                }));
        java.util.Set<String> services = new java.util.HashSet<>(List.of(PLAN.mixer(), PLAN.otcDesk()));
        for (int hot = 0; hot < 8; hot++) {
            services.add(SyntheticChain.address(hot));
        }
        int[] users = degree.entrySet().stream().filter(e -> !services.contains(e.getKey())
                        && !e.getKey().equals(SyntheticChain.CHAIN.zeroAddress()))
                .mapToInt(Map.Entry::getValue).sorted().toArray();
        int median = users[users.length / 2];
        int busiest = users[users.length - 1];
        long over128 = java.util.Arrays.stream(users).filter(d -> d >= 128).count();
        long over512 = java.util.Arrays.stream(users).filter(d -> d >= 512).count();
        // A tail that falls off like a power (about 3x fewer users per doubling of degree), not exponentially
        assertThat(median).isEqualTo(6);
        assertThat(busiest).isGreaterThan(200 * median);
        assertThat(over128).isGreaterThanOrEqualTo(30);
        assertThat(over512).isGreaterThanOrEqualTo(3);
        // and the exchanges' hot wallets, each in thousands of transfers
        for (int hot = 0; hot < 8; hot++) {
            assertThat(degree.get(SyntheticChain.address(hot))).isGreaterThan(5_000);
        }
    }
}
