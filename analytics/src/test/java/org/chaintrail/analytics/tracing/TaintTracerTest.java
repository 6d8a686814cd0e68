package org.chaintrail.analytics.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Small graphs, built inline; amounts in whole tokens of a 6-decimal token. */
class TaintTracerTest {
    private static final Chain ETH = Chain.ETHEREUM;
    private static final String TOKEN = "0x00000000000000000000000000000000000000aa";
    private static final Asset USD = Asset.token(ETH, TOKEN, "TUSD", 6);
    private static final String SEED = addr("5eed");
    private static final String MULE = addr("a1");
    private static final String CLEAN = addr("c1ea");
    private static final String EARLY = addr("ea21");
    private static final String EXCHANGE_HOT = addr("e1");
    private static final String DEPOSIT = addr("d1");
    private static final String MIXER = addr("f0");
    // Sends to the exchange and to a friend, so the deposit-address heuristic leaves it alone.
    private static final String NEXT = addr("a2");
    private static final String FRIEND = addr("f21e");

    private GraphStore store;
    private final List<Transfer> transfers = new ArrayList<>();
    private final List<Block> blocks = new ArrayList<>();

    private static String addr(String tail) {
        return "0x" + "0".repeat(40 - tail.length()) + tail;
    }

    private void transfer(long block, String from, String to, long tokens) {
        String hash = String.format("0x%064x", block);
        blocks.add(new Block(ETH, block, hash, 1_700_000_000L + block * 12));
        transfers.add(new Transfer(ETH, hash, block, 0, 0, 1_700_000_000L + block * 12, from, to, TOKEN,
                BigInteger.valueOf(tokens).multiply(BigInteger.TEN.pow(6))));
    }

    private static AddressLabel label(String address, String name, String category) {
        return new AddressLabel(ETH, address, new Label(name, Optional.of(category), Optional.empty(), Optional.empty(),
                "test", Optional.of("forensic")));
    }

    @BeforeEach
    void setUp() {
        store = TestGraph.fresh().store();
        transfer(1, CLEAN, MULE, 300);     // clean money reaches the mule first
        transfer(2, MULE, EARLY, 100);     // before any taint: carries none, EARLY is not reached
        transfer(3, SEED, MULE, 200);      // proceeds: mule now holds 200 clean + 200 tainted
        transfer(4, MULE, DEPOSIT, 100);   // haircut: 100 · 200/400 = 50 tainted, to a deposit address
        transfer(5, DEPOSIT, EXCHANGE_HOT, 100); // the sweep: a terminal passes no taint on
        transfer(6, MULE, MIXER, 60);      // 60 · 150/300 = 30 tainted, into the mixer
        transfer(7, MULE, NEXT, 240);      // 240 · 120/240 = 120 tainted, one hop further
        transfer(8, NEXT, EXCHANGE_HOT, 200); // hop 3: 200 · 120/240 = 100 tainted reach the exchange
        transfer(9, NEXT, FRIEND, 40);     // hop 3: the last 20 tainted rest with a private wallet
        store.write(new WriteBatch(blocks, List.of(USD), transfers, List.of(
                label(EXCHANGE_HOT, "Kestrel Exchange", "exchange"),
                label(MIXER, "FogMix", "mixing_service"))));
        new EntityResolver(store, ETH).resolve();
    }

    private TraceResult trace(int maxHops) {
        return new TaintTracer(store, new TraceRequest(ETH, List.of(SEED), USD, Direction.FORWARD,
                HaircutTaint.INSTANCE, maxHops)).trace();
    }

    @Test
    void trace_fundsMixedWithCleanMoney_haircutSplitsTaint() {
        TraceResult r = trace(10);

        assertThat(r.endpoints()).extracting(TraceResult.Endpoint::address, TraceResult.Endpoint::taintedAmount)
                .containsExactly(
                        tuple(EXCHANGE_HOT, "100"),
                        tuple(DEPOSIT, "50"),
                        tuple(MIXER, "30"));
        assertThat(r.summary().seedFlow()).isEqualTo("200");
        assertThat(r.summary().taintedToEndpoints()).isEqualTo("180");
        // The friend keeps its 20: 200 = 180 at endpoints + 20 still held.
        assertThat(r.summary().taintStillHeld()).isEqualTo("20");
        assertThat(r.holders()).extracting(TraceResult.Holder::address, TraceResult.Holder::taintedAmount,
                TraceResult.Holder::hop).containsExactly(tuple(FRIEND, "20", 3));
        assertThat(r.endpoints().get(1).via()).isEqualTo("deposit-address");
        assertThat(r.endpoints().get(1).entity().name()).isEqualTo("Kestrel Exchange");
        assertThat(r.endpoints().get(1).txHashes()).containsExactly(String.format("0x%064x", 4));
        assertThat(r.endpoints().get(0).shareOfSeedFlow()).isEqualTo("0.500000");
        assertThat(r.entities()).extracting(e -> e.entity().name(), TraceResult.EntityTotal::taintedAmount)
                .containsExactly(tuple("Kestrel Exchange", "150"),
                        tuple("FogMix", "30"));
    }

    @Test
    void trace_transferBeforeTaintArrived_carriesNone() {
        TraceResult r = trace(10);

        assertThat(r.flows()).extracting(TraceResult.Flow::to).doesNotContain(EARLY, CLEAN);
        assertThat(r.flows()).extracting(TraceResult.Flow::hop, TraceResult.Flow::to)
                .containsExactly(tuple(1, MULE),
                        tuple(2, DEPOSIT),
                        tuple(2, MIXER),
                        tuple(2, NEXT),
                        tuple(3, EXCHANGE_HOT),
                        tuple(3, FRIEND));
    }

    @Test
    void trace_hopLimitTwo_cutsTheThirdHopAndSaysHowMuch() {
        TraceResult r = trace(2);

        assertThat(r.endpoints()).extracting(TraceResult.Endpoint::address).containsExactly(DEPOSIT, MIXER);
        // 100 to the exchange + 20 to the friend
        assertThat(r.summary().cutByHopLimit()).isEqualTo(new TraceResult.Cut("120", 2));
    }

    @Test
    void trace_budgetSpentAfterTheFirstHop_mulesTaintCountedAsCutNotHeld() {
        TraceResult r = new TaintTracer(store, new TraceRequest(ETH, List.of(SEED), USD, Direction.FORWARD,
                HaircutTaint.INSTANCE, 10), TimeBudget.of(Duration.ZERO)).trace();

        // Only the seed's own transfer was followed; the mule's 200 may have moved on since.
        assertThat(r.flows()).extracting(TraceResult.Flow::hop, TraceResult.Flow::to, TraceResult.Flow::taintedAmount)
                .containsExactly(tuple(1, MULE, "200"));
        assertThat(r.summary().cutByTimeBudget()).isEqualTo(new TraceResult.TimeBudgetCut(0, 1, "200", 1));
        assertThat(r.summary().seedFlow()).isEqualTo("200");
        assertThat(r.summary().taintStillHeld()).isEqualTo("0");
        assertThat(r.holders()).isEmpty();
        assertThat(r.endpoints()).isEmpty();
    }

    @Test
    void trace_budgetNotSpent_noCutReported() {
        TraceResult r = new TaintTracer(store, new TraceRequest(ETH, List.of(SEED), USD, Direction.FORWARD,
                HaircutTaint.INSTANCE, 10), TimeBudget.of(Duration.ofHours(1))).trace();

        assertThat(r.summary().cutByTimeBudget()).isNull();
        assertThat(r).isEqualTo(trace(10));
    }

    @Test
    void trace_sameGraphTwice_sameResult() {
        assertThat(trace(10)).isEqualTo(trace(10));
    }

    @Test
    void trace_asOfBlockSix_laterBlocksAsIfNeverStored() {
        var request = new TraceRequest(ETH, List.of(SEED), USD, Direction.FORWARD, HaircutTaint.INSTANCE, 10);

        TraceResult r = new TaintTracer(store, request.asOf(6)).trace();

        // Blocks 7-9 do not exist for it: the mule still holds its 120 and nothing is cut.
        assertThat(r.snapshot()).containsEntry("ethereum", 6L);
        assertThat(r.flows()).extracting(TraceResult.Flow::blockNumber).containsExactly(3L, 4L, 6L);
        assertThat(r.endpoints()).extracting(TraceResult.Endpoint::address, TraceResult.Endpoint::taintedAmount)
                .containsExactly(tuple(DEPOSIT, "50"), tuple(MIXER, "30"));
        assertThat(r.holders()).extracting(TraceResult.Holder::address, TraceResult.Holder::taintedAmount)
                .containsExactly(tuple(MULE, "120"));
        assertThat(r.summary().cutByWindow()).isEqualTo(new TraceResult.Cut("0", 0));
    }

    @Test
    void trace_untilBlockSix_laterBlocksStillMoveTheMulesTaint() {
        var request = new TraceRequest(ETH, List.of(SEED), USD, Direction.FORWARD, HaircutTaint.INSTANCE, 10,
                Window.parse(null, "6"), BigInteger.ZERO, TraceRequest.DEFAULT_STOP_AT);

        TraceResult r = new TaintTracer(store, request).trace();

        // The window's end, unlike an as-of block, sees block 7 take the mule's 120 and counts it as cut.
        assertThat(r.snapshot()).containsEntry("ethereum", 9L);
        assertThat(r.holders()).isEmpty();
        assertThat(r.summary().cutByWindow()).isEqualTo(new TraceResult.Cut("120", 1));
    }

    @Test
    void trace_backwardAsOfBlockSix_laterPaymentsDoNotDilute() {
        var request = new TraceRequest(ETH, List.of(MIXER), USD, Direction.BACKWARD, HaircutTaint.INSTANCE, 10);

        TraceResult asOf = new TaintTracer(store, request.asOf(6)).trace();
        TraceResult all = new TaintTracer(store, request).trace();

        // Replayed backward, the mule holds the mixer's 60 traced and the deposit's 100: 160, which
        // the seed's 200 more than cover, so all 60 trace back to the seed. Read with block 7, the
        // 240 paid out later are held too: 200 · 60/400 = 30.
        assertThat(asOf.flows()).filteredOn(f -> f.from().equals(SEED))
                .extracting(TraceResult.Flow::taintedAmount).containsExactly("60");
        assertThat(all.flows()).filteredOn(f -> f.from().equals(SEED))
                .extracting(TraceResult.Flow::taintedAmount).containsExactly("30");
    }
}
