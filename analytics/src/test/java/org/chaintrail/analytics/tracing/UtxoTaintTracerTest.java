package org.chaintrail.analytics.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.chaintrail.analytics.TestUtxoChain.address;
import static org.chaintrail.analytics.TestUtxoChain.out;
import static org.chaintrail.analytics.TestUtxoChain.txid;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.chaintrail.analytics.TestUtxoChain;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.WriteBatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Small Bitcoin graphs, built inline: one transaction per block, txid = the block number in hex.
 * Amounts in satoshi (1 BTC = 100,000,000), printed in BTC.
 */
class UtxoTaintTracerTest {
    private static final Chain BTC = Chain.BITCOIN;
    private static final Asset COIN = Asset.nativeCoin(BTC);
    private static final long SAT = 100_000_000L;
    private static final String SOURCE_EXCHANGE = address(1);
    private static final String CLEAN = address(2);
    private static final String SEED = address(3);
    private static final String MULE = address(4);
    private static final String EXCHANGE = address(5);
    private static final String HOLDER = address(6);
    private static final String HOP2 = address(7);
    private static final String HOP3 = address(8);

    private GraphStore store;
    private final TestUtxoChain chain = new TestUtxoChain();

    private void tx(long block, List<OutPoint> spends, Object... payments) {
        chain.tx(block, spends, payments);
    }

    private static AddressLabel exchange(String address, String name) {
        return new AddressLabel(BTC, address, new Label(name, Optional.of("exchange"), Optional.empty(),
                Optional.empty(), "test", Optional.of("forensic")));
    }

    @BeforeEach
    void setUp() {
        store = TestGraph.fresh().store();
        tx(1, List.of(), SOURCE_EXCHANGE, 10 * SAT, CLEAN, 4 * SAT);  // coinbase: the exchange's and a clean wallet's coins
        tx(2, List.of(out(1, 0)), SEED, 6 * SAT, SOURCE_EXCHANGE, 399_000_000L); // withdrawal to the seed; fee 0.01
        tx(3, List.of(out(2, 0)), MULE, 4 * SAT, SEED, 199_990_000L);  // hop 1: 4 to the mule, change to the seed; fee 0.0001
        // hop 2: clean input first, tainted second; 3 to the exchange, 4.99 to a private wallet, fee 0.01
        tx(4, List.of(out(1, 1), out(3, 0)), EXCHANGE, 3 * SAT, HOLDER, 499_000_000L);
        tx(5, List.of(out(3, 1)), HOP2, 199_980_000L);                 // the seed spends its change: hop 1
        tx(6, List.of(out(5, 0)), HOP3, 199_970_000L);                 // hop 2
        tx(7, List.of(out(6, 0)), EXCHANGE, 199_960_000L);             // hop 3, into the exchange
        store.utxo().write(chain.blocks(), Optional.empty());
        store.write(WriteBatch.ofLabels(List.of(exchange(EXCHANGE, "Kestrel Exchange"),
                exchange(SOURCE_EXCHANGE, "Osprey Exchange"))));
    }

    private TraceResult trace(List<String> seeds, Direction direction, TaintModel model, int maxHops) {
        return new UtxoTaintTracer(store, new TraceRequest(BTC, seeds, COIN, direction, model, maxHops)).trace();
    }

    private TraceResult forward(TaintModel model, int maxHops) {
        return trace(List.of(SEED), Direction.FORWARD, model, maxHops);
    }

    /** What the test computes by hand: satoshi, exact, printed in BTC as the tracer prints it. */
    private static String btc(BigDecimal satoshi) {
        return satoshi.setScale(0, RoundingMode.HALF_EVEN).movePointLeft(8).stripTrailingZeros().toPlainString();
    }

    @Test
    void trace_budgetSpentAfterTheFirstHop_outputsReachedCountedAsCut() {
        TraceResult r = new UtxoTaintTracer(store, new TraceRequest(BTC, List.of(SEED), COIN, Direction.FORWARD,
                HaircutTaint.INSTANCE, 10), TimeBudget.of(Duration.ZERO)).trace();

        // Hop 1 is both of the seed's spends: 4 to the mule (block 3) and 1.9998 to HOP2 (block 5);
        // neither output was followed further, so 5.9998 is cut and only the two fees are burned.
        assertThat(r.flows()).extracting(TraceResult.Flow::hop).containsOnly(1);
        assertThat(r.flows()).extracting(TraceResult.Flow::to).contains(MULE, HOP2).doesNotContain(EXCHANGE, HOP3);
        assertThat(r.summary().cutByTimeBudget()).isEqualTo(new TraceResult.TimeBudgetCut(0, 1, "5.9998", 2));
        assertThat(r.summary().seedFlow()).isEqualTo("6");
        assertThat(r.summary().taintBurned()).isEqualTo("0.0002");
        assertThat(r.summary().taintStillHeld()).isEqualTo("0");
        assertThat(forward(HaircutTaint.INSTANCE, 10).summary().cutByTimeBudget()).isNull();
    }

    @Test
    void trace_seedPaysThroughTwoHopsWithChange_followsEveryOutput() {
        TraceResult r = forward(HaircutTaint.INSTANCE, 10);

        assertThat(r.flows()).extracting(TraceResult.Flow::txHash, TraceResult.Flow::blockNumber,
                        TraceResult.Flow::from, TraceResult.Flow::to, TraceResult.Flow::amount,
                        TraceResult.Flow::taintedAmount, TraceResult.Flow::hop)
                .containsExactly(
                        tuple(txid(3), 3L, SEED, MULE, "4", "4", 1),
                        tuple(txid(3), 3L, SEED, SEED, "1.9999", "1.9999", 1), // change: still the seed's
                        tuple(txid(4), 4L, MULE, EXCHANGE, "3", "1.5", 2),
                        tuple(txid(4), 4L, MULE, HOLDER, "4.99", "2.495", 2),
                        tuple(txid(5), 5L, SEED, HOP2, "1.9998", "1.9998", 1),
                        tuple(txid(6), 6L, HOP2, HOP3, "1.9997", "1.9997", 2),
                        tuple(txid(7), 7L, HOP3, EXCHANGE, "1.9996", "1.9996", 3));
        assertThat(r.flows().get(0).timestamp()).isEqualTo("2020-09-13T12:56:40Z");
        // The seed spent 6 and 1.9999 of which 1.9999 came back to it: 6 left the seeds.
        assertThat(r.summary().seedFlow()).isEqualTo("6");
        assertThat(r.parameters().asset()).isEqualTo(new TraceResult.AssetRef("BTC", null, 8));
    }

    @Test
    void trace_taintedAndCleanInputsMixed_haircutSplitsByValue() {
        TraceResult r = forward(HaircutTaint.INSTANCE, 10);

        // tx 4 spends 4 clean + 4 tainted = 8: each output carries value · 4/8.
        BigDecimal share = BigDecimal.valueOf(4 * SAT).divide(BigDecimal.valueOf(8 * SAT));
        assertThat(flowInto(r, txid(4), EXCHANGE).taintedAmount())
                .isEqualTo(btc(BigDecimal.valueOf(3 * SAT).multiply(share))).isEqualTo("1.5");
        assertThat(flowInto(r, txid(4), HOLDER).taintedAmount())
                .isEqualTo(btc(BigDecimal.valueOf(499_000_000L).multiply(share))).isEqualTo("2.495");
    }

    @Test
    void trace_taintedAndCleanInputsMixed_poisonTaintsEveryOutput() {
        TraceResult r = forward(PoisonTaint.INSTANCE, 10);

        assertThat(flowInto(r, txid(4), EXCHANGE).taintedAmount()).isEqualTo("3");
        assertThat(flowInto(r, txid(4), HOLDER).taintedAmount()).isEqualTo("4.99");
        // The whole fee is tainted too: 0.0001 · 4 hops + 0.01.
        assertThat(r.summary().taintBurned()).isEqualTo("0.0104");
    }

    @Test
    void trace_taintedAndCleanInputsMixed_fifoFillsOutputsInInputOrder() {
        TraceResult r = forward(FifoTaint.INSTANCE, 10);

        // Inputs [4 clean, 4 tainted] fill outputs [3, 4.99] then the fee 0.01: the exchange gets
        // clean units 0..3, the holder 1 clean + 3.99 tainted, the fee the last 0.01 tainted.
        assertThat(r.flows()).extracting(TraceResult.Flow::txHash, TraceResult.Flow::to)
                .doesNotContain(tuple(txid(4), EXCHANGE));
        assertThat(flowInto(r, txid(4), HOLDER).taintedAmount()).isEqualTo("3.99");
        assertThat(r.endpoints()).extracting(TraceResult.Endpoint::address, TraceResult.Endpoint::taintedAmount,
                TraceResult.Endpoint::txHashes).containsExactly(tuple(EXCHANGE, "1.9996", List.of(txid(7))));
        assertThat(r.summary().taintBurned()).isEqualTo("0.0104");
        assertThat(r.summary().taintStillHeld()).isEqualTo("3.99");
    }

    @Test
    void trace_fees_minersShareIsBurnedAndTaintIsConserved() {
        TraceResult r = forward(HaircutTaint.INSTANCE, 10);

        // Fees 0.0001 (tx 3), 0.01 · 4/8 (tx 4), 0.0001 (tx 5, 6, 7), all from tainted inputs.
        assertThat(r.summary().taintBurned()).isEqualTo("0.0054");
        // 6 = 3.4996 to the exchange + 2.495 held + 0.0054 to miners.
        assertThat(r.summary().taintedToEndpoints()).isEqualTo("3.4996");
        assertThat(r.summary().taintStillHeld()).isEqualTo("2.495");
        assertThat(new BigDecimal(r.summary().taintedToEndpoints()).add(new BigDecimal(r.summary().taintStillHeld()))
                .add(new BigDecimal(r.summary().taintBurned()))).isEqualByComparingTo(r.summary().seedFlow());
    }

    @Test
    void trace_outputToExchange_isEndpointAndNotFollowed() {
        TraceResult r = forward(HaircutTaint.INSTANCE, 10);

        assertThat(r.endpoints()).extracting(TraceResult.Endpoint::address, TraceResult.Endpoint::category,
                        TraceResult.Endpoint::taintedAmount, TraceResult.Endpoint::shareOfSeedFlow,
                        TraceResult.Endpoint::txHashes, TraceResult.Endpoint::firstTime)
                .containsExactly(tuple(EXCHANGE, "exchange", "3.4996", "0.583267", List.of(txid(4), txid(7)),
                        "2020-09-13T13:06:40Z"));
        assertThat(r.flows()).extracting(TraceResult.Flow::from).doesNotContain(EXCHANGE);
    }

    @Test
    void trace_unspentTaintedOutput_isHolder() {
        TraceResult r = forward(HaircutTaint.INSTANCE, 10);

        assertThat(r.holders()).extracting(TraceResult.Holder::address, TraceResult.Holder::taintedAmount,
                TraceResult.Holder::hop).containsExactly(tuple(HOLDER, "2.495", 2));
    }

    @Test
    void trace_hopLimit_cutsTransactionsBeyondIt() {
        TraceResult r = forward(HaircutTaint.INSTANCE, 2);

        // tx 7 is the third transaction from the seed: its 1.9997 tainted input is not followed.
        assertThat(r.summary().cutByHopLimit()).isEqualTo(new TraceResult.Cut("1.9997", 1));
        assertThat(r.endpoints()).extracting(TraceResult.Endpoint::address, TraceResult.Endpoint::taintedAmount)
                .containsExactly(tuple(EXCHANGE, "1.5"));
        assertThat(r.flows()).extracting(TraceResult.Flow::txHash).doesNotContain(txid(7));
        // HOP3 spent its output, beyond the limit: it holds nothing.
        assertThat(r.holders()).extracting(TraceResult.Holder::address).containsExactly(HOLDER);
        assertThat(r.summary().taintBurned()).isEqualTo("0.0053");
    }

    @Test
    void trace_untilBlock5_cutsLaterTransactionsAsWindow() {
        TraceResult r = new UtxoTaintTracer(store, new TraceRequest(BTC, List.of(SEED), COIN, Direction.FORWARD,
                HaircutTaint.INSTANCE, 10, Window.parse(null, "5"), BigInteger.ZERO, TraceRequest.DEFAULT_STOP_AT))
                .trace();

        // tx 6 (block 6) spends HOP2's 1.9998 tainted: not followed, and tx 7 is never reached.
        assertThat(r.summary().cutByWindow()).isEqualTo(new TraceResult.Cut("1.9998", 1));
        assertThat(r.flows()).extracting(TraceResult.Flow::blockNumber).allMatch(b -> b <= 5);
        assertThat(r.holders()).extracting(TraceResult.Holder::address).containsExactly(HOLDER);
        assertThat(r.summary().taintBurned()).isEqualTo("0.0052");
    }

    @Test
    void trace_outputBelowMinAmount_cutAsDust() {
        TraceResult r = new UtxoTaintTracer(store, new TraceRequest(BTC, List.of(SEED), COIN, Direction.FORWARD,
                HaircutTaint.INSTANCE, 10, Window.ALL, BigInteger.valueOf(2 * SAT), TraceRequest.DEFAULT_STOP_AT))
                .trace();

        // HOP2's 1.9998 is below 2 BTC; the seed's own change of 1.9999 is not a transfer away.
        assertThat(r.summary().cutAsDust()).isEqualTo(new TraceResult.Cut("1.9998", 1));
        assertThat(r.flows()).extracting(TraceResult.Flow::to).doesNotContain(HOP2, HOP3).contains(SEED);
        assertThat(r.endpoints()).extracting(TraceResult.Endpoint::taintedAmount).containsExactly("1.5");
    }

    @Test
    void trace_backwardFromExchangeDeposit_reachesSeedAndSourceExchange() {
        TraceResult r = trace(List.of(EXCHANGE), Direction.BACKWARD, HaircutTaint.INSTANCE, 10);

        // The exchange received 3 (tx 4) + 1.9996 (tx 7). Back through tx 4 it splits by input value
        // (4 clean wallet, 4 mule: 1.5 each); through tx 7, 6, 5 the fee is clean, so 1.9996 reaches the seed.
        assertThat(r.summary().seedFlow()).isEqualTo("4.9996");
        assertThat(r.flows()).extracting(TraceResult.Flow::txHash, TraceResult.Flow::from, TraceResult.Flow::to,
                        TraceResult.Flow::amount, TraceResult.Flow::taintedAmount, TraceResult.Flow::hop)
                .containsExactly(
                        tuple(txid(2), SOURCE_EXCHANGE, SEED, "10", "3.4996", 3),
                        tuple(txid(3), SEED, MULE, "6", "3.4996", 2),
                        tuple(txid(4), CLEAN, EXCHANGE, "4", "1.5", 1),
                        tuple(txid(4), MULE, EXCHANGE, "4", "1.5", 1),
                        tuple(txid(5), SEED, HOP2, "1.9999", "1.9996", 3),
                        tuple(txid(6), HOP2, HOP3, "1.9998", "1.9996", 2),
                        tuple(txid(7), HOP3, EXCHANGE, "1.9997", "1.9996", 1));
        // The trail ends at the exchange the seed withdrew from; the clean wallet's coins were mined.
        assertThat(r.endpoints()).extracting(TraceResult.Endpoint::address, TraceResult.Endpoint::taintedAmount,
                TraceResult.Endpoint::txHashes).containsExactly(tuple(SOURCE_EXCHANGE, "3.4996", List.of(txid(2))));
        assertThat(r.summary().taintBurned()).isEqualTo("1.5");
        assertThat(r.holders()).isEmpty();
    }

    @Test
    void trace_runTwice_givesEqualResults() {
        for (TaintModel model : TaintModel.all()) {
            TraceResult first = forward(model, 10);
            TraceResult second = forward(model, 10);

            assertThat(second).isEqualTo(first);
            assertThat(second.toString()).isEqualTo(first.toString());
        }
        assertThat(trace(List.of(EXCHANGE), Direction.BACKWARD, FifoTaint.INSTANCE, 10).toString())
                .isEqualTo(trace(List.of(EXCHANGE), Direction.BACKWARD, FifoTaint.INSTANCE, 10).toString());
    }

    private static TraceResult.Flow flowInto(TraceResult r, String txHash, String to) {
        return r.flows().stream().filter(f -> f.txHash().equals(txHash) && f.to().equals(to)).findFirst()
                .orElseThrow(() -> new AssertionError("no flow into " + to + " in " + txHash));
    }

    @Test
    void trace_asOfBlockThree_laterSpendsAsIfNeverStored() {
        var request = new TraceRequest(BTC, List.of(SEED), COIN, Direction.FORWARD, HaircutTaint.INSTANCE, 10);

        TraceResult r = new UtxoTaintTracer(store, request.asOf(3)).trace();

        // Blocks 4-7 spend the mule's output and the seed's change; as of block 3 both are unspent.
        assertThat(r.snapshot()).containsEntry("bitcoin", 3L);
        assertThat(r.flows()).extracting(TraceResult.Flow::txHash).containsExactly(txid(3), txid(3));
        assertThat(r.holders()).extracting(TraceResult.Holder::address, TraceResult.Holder::taintedAmount)
                .containsExactly(tuple(MULE, "4"));
        assertThat(r.endpoints()).isEmpty();
    }
}
