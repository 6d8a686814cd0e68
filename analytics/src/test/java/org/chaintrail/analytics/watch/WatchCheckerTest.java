package org.chaintrail.analytics.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.chaintrail.analytics.TestUtxoChain.out;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.chaintrail.analytics.TestUtxoChain;
import org.chaintrail.analytics.entities.EntityResolver;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestCases;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Alert;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Entity;
import org.chaintrail.model.Label;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.Watch;
import org.chaintrail.model.WriteBatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A small ledger built inline, written in two parts around the watch; whole tokens of a 6-decimal token. */
class WatchCheckerTest {
    private static final Chain ETH = Chain.ETHEREUM;
    private static final String TOKEN = "0x00000000000000000000000000000000000000aa";
    private static final Asset USD = Asset.token(ETH, TOKEN, "TUSD", 6);
    private static final String SEED = addr("5eed");
    private static final String PAYER = addr("9a7e");
    private static final String MULE = addr("a1");
    private static final String CLEAN = addr("c1ea");
    private static final String EARLY = addr("ea21");
    private static final String EXCHANGE_HOT = addr("e1");
    private static final String DEPOSIT = addr("d1");
    private static final String MIXER = addr("f0");
    private static final Instant NOW = Instant.parse("2024-11-01T10:00:00Z");

    private GraphStore store;
    private WatchChecker checker;

    private static String addr(String tail) {
        return "0x" + "0".repeat(40 - tail.length()) + tail;
    }

    private static String tx(long block) {
        return String.format("0x%064x", block);
    }

    /** Writes one transfer per block, as an ingest commit would, and rebuilds the entities. */
    private void ingest(long[][] blocks, String[][] parties) {
        List<Block> written = new ArrayList<>();
        List<Transfer> transfers = new ArrayList<>();
        for (int i = 0; i < blocks.length; i++) {
            long block = blocks[i][0];
            written.add(new Block(ETH, block, tx(block), 1_700_000_000L + block * 12));
            transfers.add(new Transfer(ETH, tx(block), block, 0, 0, 1_700_000_000L + block * 12, parties[i][0],
                    parties[i][1], TOKEN, BigInteger.valueOf(blocks[i][1]).multiply(BigInteger.TEN.pow(6))));
        }
        store.write(new WriteBatch(written, List.of(USD), transfers, List.of(
                label(EXCHANGE_HOT, "Kestrel Exchange", "exchange"), label(MIXER, "FogMix", "mixing_service"))));
        new EntityResolver(store, ETH).resolve();
    }

    private static AddressLabel label(String address, String name, String category) {
        return new AddressLabel(ETH, address, new Label(name, Optional.of(category), Optional.empty(), Optional.empty(),
                "test", Optional.of("forensic")));
    }

    private Watch watch(String id, String model, long sinceBlock) {
        Watch w = new Watch(id, "case-1", ETH, SEED, TOKEN, model, 10, sinceBlock, "alice", NOW, OptionalLong.empty());
        store.watches().add(w);
        return w;
    }

    @BeforeEach
    void setUp() {
        GraphConnection graph = TestGraph.fresh();
        store = graph.store();
        assertThat(TestCases.open(graph, "watched wallets")).isEqualTo("case-1");
        checker = new WatchChecker(store, Clock.fixed(NOW, ZoneOffset.UTC));
        ingest(new long[][] {{1, 300}, {2, 100}, {3, 500}},
                new String[][] {
                        {CLEAN, MULE},   // clean money reaches the mule first
                        {MULE, EARLY},   // the mule now holds 200 clean
                        {PAYER, SEED}}); // the scam wallet is paid: the watch is added after this block
    }

    /** The money moves after the watch was added, and a deposit address sweeps to its exchange. */
    private void moneyMoves() {
        ingest(new long[][] {{4, 200}, {5, 100}, {6, 100}, {7, 60}, {8, 40}},
                new String[][] {
                        {SEED, MULE},          // the mule holds 200 clean + 200 tainted
                        {MULE, DEPOSIT},       // haircut: 100 · 200/400 = 50 tainted, hop 2
                        {DEPOSIT, EXCHANGE_HOT}, // the sweep makes it Kestrel's deposit address; passes no taint
                        {MULE, MIXER},         // 60 · 150/300 = 30 tainted, hop 2
                        {SEED, MIXER}});       // 40, all tainted, hop 1
    }

    @Test
    void check_fundsReachTerminals_oneAlertPerArrivalWithExactTaint() {
        watch("w1", "haircut", 4);
        moneyMoves();

        WatchCheck check = checker.check(ETH);

        assertThat(check.raised()).extracting(Alert::terminal, Alert::txHash, Alert::blockNumber, Alert::amount,
                        Alert::hops, a -> a.entity().map(Entity::id).orElse(null), a -> a.category().orElse(null))
                .containsExactly(
                        tuple(DEPOSIT, tx(5), 5L, "50", 2, "exchange:kestrel_exchange", "exchange"),
                        tuple(MIXER, tx(7), 7L, "30", 2, "mixing_service:fogmix", "mixing_service"),
                        tuple(MIXER, tx(8), 8L, "40", 1, "mixing_service:fogmix", "mixing_service"));
        assertThat(check.raised()).allSatisfy(a -> {
            assertThat(a.watched()).isEqualTo(SEED);
            assertThat(a.asset()).isEqualTo("TUSD");
            assertThat(a.contract()).contains(TOKEN);
            assertThat(a.raisedAt()).isEqualTo(NOW);
            assertThat(a.id()).isEqualTo(Alert.idOf("w1", a.terminal(), a.txHash()));
        });
        assertThat(check.checkedThrough()).hasValue(8);
        assertThat(store.watches().active(ETH)).singleElement().extracting(Watch::checkedThrough)
                .isEqualTo(OptionalLong.of(8));
        assertThat(store.watches().alertsOfCase("case-1")).hasSize(3);
    }

    @Test
    void check_again_raisesOnlyNewArrivals() {
        watch("w1", "haircut", 4);
        moneyMoves();
        checker.check(ETH);

        WatchCheck again = checker.check(ETH);
        ingest(new long[][] {{9, 100}}, new String[][] {{MULE, MIXER}}); // 100 · 120/240 = 50 tainted
        WatchCheck later = checker.check(ETH);

        assertThat(again.raised()).isEmpty();
        assertThat(later.raised()).extracting(Alert::txHash, Alert::amount).containsExactly(tuple(tx(9), "50"));
        assertThat(store.watches().alertsOfCase("case-1")).hasSize(4);
    }

    @Test
    void check_windowStartsAfterTheSeedsPayment_cleanHistoryStillDilutes() {
        // Poison taints the mule's whole later output; the clean 100 it paid before (block 2) stays clean.
        watch("w1", "poison", 4);
        moneyMoves();

        assertThat(checker.check(ETH).raised()).extracting(Alert::terminal, Alert::amount)
                .containsExactly(tuple(DEPOSIT, "100"), tuple(MIXER, "60"), tuple(MIXER, "40"));
    }

    @Test
    void check_watchFromALaterBlock_raisesNothingButRecordsTheCheck() {
        watch("w1", "haircut", 9);
        moneyMoves();

        WatchCheck check = checker.check(ETH);

        assertThat(check.raised()).isEmpty();
        assertThat(check.watches()).isEqualTo(1);
        assertThat(store.watches().active(ETH)).singleElement().extracting(Watch::checkedThrough)
                .isEqualTo(OptionalLong.of(8));
    }

    @Test
    void check_removedWatch_raisesNothingMore() {
        watch("w1", "haircut", 4);
        store.watches().remove("case-1", "w1", "bob", NOW);
        moneyMoves();

        WatchCheck check = checker.check(ETH);

        assertThat(check).isEqualTo(new WatchCheck(ETH, 0, OptionalLong.empty(), List.of(), Map.of()));
        assertThat(store.watches().alertsOfCase("case-1")).isEmpty();
    }

    @Test
    void check_oneWatchFails_theOthersAreStillChecked() {
        watch("w1", "no-such-model", 4);
        watch("w2", "haircut", 4);
        moneyMoves();

        WatchCheck check = checker.check(ETH);

        assertThat(check.failures()).containsOnlyKeys("w1");
        assertThat(check.failures().get("w1")).contains("unknown taint model 'no-such-model'");
        assertThat(check.raised()).extracting(Alert::watchId).containsOnly("w2").hasSize(3);
    }

    @Test
    void check_bitcoinWatch_tracesOutputsToTheExchange() {
        String source = TestUtxoChain.address(1);
        String clean = TestUtxoChain.address(2);
        String seed = TestUtxoChain.address(3);
        String mule = TestUtxoChain.address(4);
        String exchange = TestUtxoChain.address(5);
        long sat = 100_000_000L;
        TestUtxoChain chain = new TestUtxoChain();
        chain.tx(1, List.of(), source, 10 * sat, clean, 4 * sat);          // coinbase
        chain.tx(2, List.of(out(1, 0)), seed, 6 * sat, source, 399_000_000L); // the scam wallet is paid
        chain.tx(3, List.of(out(2, 0)), mule, 4 * sat, seed, 199_990_000L);  // hop 1, change back to the seed
        // hop 2: 4 clean + 4 tainted in, so 3 · 4/8 = 1.5 of the 3 to the exchange is tainted
        chain.tx(4, List.of(out(1, 1), out(3, 0)), exchange, 3 * sat, TestUtxoChain.address(6), 499_000_000L);
        chain.tx(5, List.of(out(3, 1)), exchange, 199_980_000L);           // the change, straight in: hop 1
        store.utxo().write(chain.blocks(), Optional.empty());
        store.write(WriteBatch.ofLabels(List.of(new AddressLabel(Chain.BITCOIN, exchange, new Label("Kestrel Exchange",
                Optional.of("exchange"), Optional.empty(), Optional.empty(), "test", Optional.of("forensic"))))));
        new EntityResolver(store, Chain.BITCOIN).resolve();
        store.watches().add(new Watch("w1", "case-1", Chain.BITCOIN, seed, Asset.NATIVE, "haircut", 10, 3, "alice",
                NOW, OptionalLong.empty()));

        WatchCheck check = checker.check(Chain.BITCOIN);

        assertThat(check.raised()).extracting(Alert::terminal, Alert::txHash, Alert::amount, Alert::hops,
                        Alert::asset, a -> a.entity().map(Entity::name).orElse(null))
                .containsExactly(tuple(exchange, TestUtxoChain.txid(4), "1.5", 2, "BTC", "Kestrel Exchange"),
                        tuple(exchange, TestUtxoChain.txid(5), "1.9998", 1, "BTC", "Kestrel Exchange"));
        assertThat(check.raised()).allSatisfy(a -> assertThat(a.contract()).isEmpty());
        assertThat(check.checkedThrough()).hasValue(5);
    }
}
