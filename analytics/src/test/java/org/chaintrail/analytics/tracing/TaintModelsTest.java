package org.chaintrail.analytics.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.chaintrail.analytics.entities.EntityResolver;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.WriteBatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One small graph on which poison, haircut and FIFO disagree, with every figure worked out by
 * hand below. Whole tokens of a 6-decimal token; one transfer per block.
 *
 * <pre>
 *  b1  CLEAN → MULE      100  clean money first
 *  b2  MULE  → EARLY      60  before any taint: carries none under every model; MULE keeps 40 clean
 *  b3  SEED  → MULE       60  proceeds: MULE holds 40 clean then 60 tainted (haircut: 60 %)
 *  b4  MULE  → DEPOSIT    50  haircut 50·60/100 = 30 │ poison 50 │ FIFO: 40 clean + 10 tainted = 10
 *  b5  MULE  → PEEL1      50  haircut 50·30/50  = 30 │ poison 50 │ FIFO: 50 tainted = 50
 *  b6  PEEL1 → MIXER      10  haircut 10·30/50  =  6 │ poison 10 │ FIFO 10
 *  b7  PEEL1 → PEEL2      40  haircut 40·24/40  = 24 │ poison 40 │ FIFO 40
 *  b8  PEEL2 → HOT        30  haircut 30·24/40  = 18 │ poison 30 │ FIFO 30
 *  b9  PEEL2 → FRIEND     10  haircut 10·6/10   =  6 │ poison 10 │ FIFO 10 (FRIEND keeps it)
 *  b10 DEPOSIT → HOT      50  the sweep that makes DEPOSIT a deposit address; a terminal passes nothing
 * </pre>
 * Haircut and FIFO conserve the seed's 60 (endpoints + held); poison counts 100.
 */
class TaintModelsTest {
    private static final Chain ETH = Chain.ETHEREUM;
    private static final String TOKEN = "0x00000000000000000000000000000000000000bb";
    private static final Asset USD = Asset.token(ETH, TOKEN, "TUSD", 6);
    private static final String SEED = addr("5eed");
    private static final String CLEAN = addr("c1ea");
    private static final String MULE = addr("a1");
    private static final String EARLY = addr("ea21");
    private static final String DEPOSIT = addr("d1");
    private static final String PEEL1 = addr("b1");
    private static final String PEEL2 = addr("b2");
    private static final String MIXER = addr("f0");
    private static final String HOT = addr("e1");
    private static final String FRIEND = addr("f21e");

    private static GraphStore store;

    private static String addr(String tail) {
        return "0x" + "0".repeat(40 - tail.length()) + tail;
    }

    @BeforeAll
    static void load() {
        store = TestGraph.fresh().store();
        List<Block> blocks = new ArrayList<>();
        List<Transfer> transfers = new ArrayList<>();
        String[][] edges = {
            {CLEAN, MULE, "100"}, {MULE, EARLY, "60"}, {SEED, MULE, "60"}, {MULE, DEPOSIT, "50"}, {MULE, PEEL1, "50"},
            {PEEL1, MIXER, "10"}, {PEEL1, PEEL2, "40"}, {PEEL2, HOT, "30"}, {PEEL2, FRIEND, "10"}, {DEPOSIT, HOT, "50"}};
        for (int i = 0; i < edges.length; i++) {
            long block = i + 1;
            String hash = String.format("0x%064x", block);
            blocks.add(new Block(ETH, block, hash, 1_700_000_000L + block * 12));
            transfers.add(new Transfer(ETH, hash, block, 0, 0, 1_700_000_000L + block * 12, edges[i][0], edges[i][1],
                    TOKEN, new BigInteger(edges[i][2]).multiply(BigInteger.TEN.pow(6))));
        }
        store.write(new WriteBatch(blocks, List.of(USD), transfers, List.of(
                label(HOT, "Kestrel Exchange", "exchange"), label(MIXER, "FogMix", "mixing_service"))));
        new EntityResolver(store, ETH).resolve();
    }

    private static AddressLabel label(String address, String name, String category) {
        return new AddressLabel(ETH, address, new Label(name, Optional.of(category), Optional.empty(), Optional.empty(),
                "test", Optional.of("forensic")));
    }

    private static TraceResult trace(TaintModel model, Direction direction, String seed, Window window,
                                     long minTokens, Set<String> stopAt) {
        return new TaintTracer(store, new TraceRequest(ETH, List.of(seed), USD, direction, model, 10, window,
                BigInteger.valueOf(minTokens).multiply(BigInteger.TEN.pow(6)), stopAt)).trace();
    }

    private static TraceResult forward(TaintModel model) {
        return trace(model, Direction.FORWARD, SEED, Window.ALL, 0, TraceRequest.DEFAULT_STOP_AT);
    }

    @Test
    void trace_haircut_splitsByShareAndConservesTaint() {
        TraceResult r = forward(HaircutTaint.INSTANCE);

        assertThat(r.endpoints()).extracting(TraceResult.Endpoint::address, TraceResult.Endpoint::taintedAmount)
                .containsExactly(tuple(DEPOSIT, "30"), tuple(HOT, "18"), tuple(MIXER, "6"));
        assertThat(r.holders()).extracting(TraceResult.Holder::address, TraceResult.Holder::taintedAmount)
                .containsExactly(tuple(FRIEND, "6"));
        assertThat(r.summary().seedFlow()).isEqualTo("60");
        assertThat(r.summary().taintedToEndpoints()).isEqualTo("54");
    }

    @Test
    void trace_poison_everythingAfterTaintIsTainted() {
        TraceResult r = forward(PoisonTaint.INSTANCE);

        assertThat(r.endpoints()).extracting(TraceResult.Endpoint::address, TraceResult.Endpoint::taintedAmount)
                .containsExactly(tuple(DEPOSIT, "50"), tuple(HOT, "30"), tuple(MIXER, "10"));
        assertThat(r.holders()).extracting(TraceResult.Holder::address, TraceResult.Holder::taintedAmount)
                .containsExactly(tuple(FRIEND, "10"));
        assertThat(r.summary().taintedToEndpoints()).isEqualTo("90"); // more than the seed's 60: poison over-counts
    }

    @Test
    void trace_fifo_firstInFirstOutAndConservesTaint() {
        TraceResult r = forward(FifoTaint.INSTANCE);

        assertThat(r.endpoints()).extracting(TraceResult.Endpoint::address, TraceResult.Endpoint::taintedAmount)
                .containsExactly(tuple(HOT, "30"), tuple(DEPOSIT, "10"), tuple(MIXER, "10"));
        assertThat(r.holders()).extracting(TraceResult.Holder::address, TraceResult.Holder::taintedAmount)
                .containsExactly(tuple(FRIEND, "10"));
        assertThat(r.summary().taintedToEndpoints()).isEqualTo("50");
    }

    @Test
    void trace_everyModel_earlyPaymentCarriesNothing() {
        for (TaintModel model : TaintModel.all()) {
            assertThat(forward(model).flows()).extracting(TraceResult.Flow::to).as(model.name()).doesNotContain(EARLY);
        }
    }

    @Test
    void trace_windowEndsAtBlock4_laterTaintCutAndReported() {
        TraceResult r = trace(HaircutTaint.INSTANCE, Direction.FORWARD, SEED, Window.parse(null, "4"), 0,
                TraceRequest.DEFAULT_STOP_AT);

        assertThat(r.endpoints()).extracting(TraceResult.Endpoint::address).containsExactly(DEPOSIT);
        assertThat(r.summary().cutByWindow()).isEqualTo(new TraceResult.Cut("30", 1)); // b5, MULE → PEEL1
        assertThat(r.parameters().until()).isEqualTo("4");
    }

    @Test
    void trace_minAmount15_dustCutAndReported() {
        TraceResult r = trace(HaircutTaint.INSTANCE, Direction.FORWARD, SEED, Window.ALL, 15,
                TraceRequest.DEFAULT_STOP_AT);

        assertThat(r.endpoints()).extracting(TraceResult.Endpoint::address, TraceResult.Endpoint::taintedAmount)
                .containsExactly(tuple(DEPOSIT, "30"), tuple(HOT, "18"));
        assertThat(r.summary().cutAsDust()).isEqualTo(new TraceResult.Cut("12", 2)); // b6 (6) and b9 (6)
        assertThat(r.holders()).isEmpty();
    }

    @Test
    void trace_stopAtExchangesOnly_mixerHoldsItsTaint() {
        TraceResult r = trace(HaircutTaint.INSTANCE, Direction.FORWARD, SEED, Window.ALL, 0, Set.of("exchange"));

        assertThat(r.endpoints()).extracting(TraceResult.Endpoint::address).containsExactly(DEPOSIT, HOT);
        assertThat(r.holders()).extracting(TraceResult.Holder::address, TraceResult.Holder::taintedAmount)
                .containsExactly(tuple(MIXER, "6"), tuple(FRIEND, "6")); // a tie: by address
    }

    /**
     * Backward from PEEL2, the mirror image (reverse chain order, payee in the payer's place):
     * PEEL1 passes back PEEL2's 40; PEEL1's 50 of outflow (40 traced + 10 to the mixer) came from
     * MULE's 50 at b5, so 40 of it is traced; at MULE, 40 traced among 100 of later outflow (b5, b4),
     * so b3's 60 from SEED carries 60·40/100 = 24, leaving 16 traced among 40; b2 adds 60 of outflow,
     * so b1's 100 from CLEAN carries 100·16/100 = 16. The 40 comes from SEED (24) and CLEAN (16),
     * the mirror of forward haircut's 60 % at PEEL2.
     */
    @Test
    void trace_backwardHaircut_mirrorsForward() {
        TraceResult r = trace(HaircutTaint.INSTANCE, Direction.BACKWARD, PEEL2, Window.ALL, 0,
                TraceRequest.DEFAULT_STOP_AT);

        assertThat(r.summary().seedFlow()).isEqualTo("40");
        assertThat(r.holders()).extracting(TraceResult.Holder::address, TraceResult.Holder::taintedAmount,
                TraceResult.Holder::hop).containsExactly(tuple(SEED, "24", 3), tuple(CLEAN, "16", 3));
        assertThat(r.flows()).extracting(TraceResult.Flow::from, TraceResult.Flow::to, TraceResult.Flow::hop)
                .containsExactly(tuple(CLEAN, MULE, 3), tuple(SEED, MULE, 3), tuple(MULE, PEEL1, 2),
                        tuple(PEEL1, PEEL2, 1));
    }

    @Test
    void trace_backwardFromTheExchange_depositAddressIsAnEndpoint() {
        TraceResult r = trace(HaircutTaint.INSTANCE, Direction.BACKWARD, HOT, Window.ALL, 0, Set.of("exchange"));

        // HOT received 30 from PEEL2 and 50 from its own deposit address, which ends the trail.
        assertThat(r.endpoints()).extracting(TraceResult.Endpoint::address, TraceResult.Endpoint::taintedAmount,
                TraceResult.Endpoint::via).containsExactly(tuple(DEPOSIT, "50", "deposit-address"));
        assertThat(r.summary().seedFlow()).isEqualTo("80");
    }

    /**
     * Backward FIFO from PEEL2 follows forward FIFO's matching. PEEL1's inflow axis: b5 [0,50);
     * its outputs took b6 [0,10) and b7 [10,50), so PEEL2's 40 are units [10,50) of b5: lots
     * clean 10 + traced 40 back to MULE. MULE's inflow: b1 [0,100), b3 [100,160); outputs b2 took
     * [0,60), b4 [60,110), b5 [110,160), so b5's traced [10,50) are [120,160), all inside b3 from
     * SEED: 40 to SEED, nothing to CLEAN. (Haircut, above, splits the same 40 as 24 and 16.)
     */
    @Test
    void trace_backwardFifo_followsForwardFifosMatching() {
        TraceResult r = trace(FifoTaint.INSTANCE, Direction.BACKWARD, PEEL2, Window.ALL, 0,
                TraceRequest.DEFAULT_STOP_AT);

        assertThat(r.holders()).extracting(TraceResult.Holder::address, TraceResult.Holder::taintedAmount,
                TraceResult.Holder::hop).containsExactly(tuple(SEED, "40", 3));
        assertThat(r.flows()).extracting(TraceResult.Flow::from, TraceResult.Flow::taintedAmount)
                .containsExactly(tuple(SEED, "40"), tuple(MULE, "40"), tuple(PEEL1, "40"));
    }

    /**
     * Backward FIFO from HOT (stopping at exchanges): 50 from its deposit address ends there; the
     * 30 from PEEL2 are PEEL2's units [0,30) of b7, so PEEL1's [10,40) of b5, so MULE's [120,150),
     * inside b3: 30 to SEED.
     */
    @Test
    void trace_backwardFifoFromTheExchange_partialLotsMapExactly() {
        TraceResult r = trace(FifoTaint.INSTANCE, Direction.BACKWARD, HOT, Window.ALL, 0, Set.of("exchange"));

        assertThat(r.endpoints()).extracting(TraceResult.Endpoint::address, TraceResult.Endpoint::taintedAmount)
                .containsExactly(tuple(DEPOSIT, "50"));
        assertThat(r.holders()).extracting(TraceResult.Holder::address, TraceResult.Holder::taintedAmount)
                .containsExactly(tuple(SEED, "30"));
    }

    /** Traces of many seed sets run together give, one by one, exactly what each gives alone. */
    @Test
    void runAll_seedSetsModelsAndHopLimitsMixed_eachOutcomeEqualsItsTraceAlone() {
        List<List<String>> seedSets = List.of(List.of(SEED), List.of(MULE), List.of(PEEL1), List.of(DEPOSIT),
                List.of(SEED, PEEL2), List.of(FRIEND), List.of(HOT), List.of(EARLY));
        List<TaintModel> models = List.of(HaircutTaint.INSTANCE, PoisonTaint.INSTANCE, FifoTaint.INSTANCE);
        for (Direction direction : Direction.values()) {
            List<TraceRequest> requests = new ArrayList<>();
            for (int i = 0; i < seedSets.size(); i++) {
                requests.add(new TraceRequest(ETH, seedSets.get(i), USD, direction, models.get(i % models.size()),
                        i % 2 == 0 ? 10 : 2, Window.ALL, BigInteger.ZERO, TraceRequest.DEFAULT_STOP_AT));
            }

            List<TaintTracer.Outcome> together = TaintTracer.runAll(store, requests, store.lastBlocks());

            assertThat(together).hasSize(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                assertThat(together.get(i)).as(direction + " " + seedSets.get(i))
                        .isEqualTo(new TaintTracer(store, requests.get(i)).run());
            }
            // Not vacuous: traces that reach endpoints are among them (forward, the seed's reaches HOT).
            assertThat(together).anySatisfy(o -> assertThat(o.result().endpoints()).isNotEmpty());
            if (direction == Direction.FORWARD) {
                assertThat(together.get(0).result().endpoints()).extracting(TraceResult.Endpoint::address).contains(HOT);
            }
        }
    }

    @Test
    void runAll_directionsMixed_refusedNamingBoth() {
        var forward = new TraceRequest(ETH, List.of(SEED), USD, Direction.FORWARD, HaircutTaint.INSTANCE, 10);
        var backward = new TraceRequest(ETH, List.of(HOT), USD, Direction.BACKWARD, HaircutTaint.INSTANCE, 10);

        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TaintTracer.runAll(store, List.of(forward, backward), store.lastBlocks()));
        assertThat(e.getMessage()).contains("FORWARD").contains("BACKWARD");
    }
}
