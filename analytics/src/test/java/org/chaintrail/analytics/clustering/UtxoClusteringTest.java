package org.chaintrail.analytics.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.chaintrail.analytics.TestUtxoChain.address;
import static org.chaintrail.analytics.TestUtxoChain.hash;
import static org.chaintrail.analytics.TestUtxoChain.out;
import static org.chaintrail.analytics.TestUtxoChain.txid;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.chaintrail.analytics.TestUtxoChain;
import org.chaintrail.analytics.entities.EntityResolver;
import org.chaintrail.graph.ClusterStore;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.model.ConfidenceLevel;
import org.chaintrail.model.EntityPage;
import org.chaintrail.model.Label;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.WriteBatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clustering against the real embedded Neo4j, on a hand-built chain whose clusters are known:
 * A and B are spent together in block 2, C and D in block 3, and B with C in block 4, which
 * joins the two clusters; block 5 is a Whirlpool CoinJoin of H1..H5 that must join nothing.
 */
class UtxoClusteringTest {
    private static final Chain BTC = Chain.BITCOIN;
    private static final long SAT = 100_000_000L;
    private static final String A = address(1);
    private static final String B = address(2);
    private static final String C = address(3);
    private static final String D = address(4);
    private static final String E = address(5);
    private static final String F = address(6);
    private static final String G = address(7);
    private static final List<String> H = List.of(address(11), address(12), address(13), address(14), address(15));
    private static final List<String> MIXED = List.of(address(21), address(22), address(23), address(24), address(25));

    private GraphStore store;
    private final TestUtxoChain chain = new TestUtxoChain();

    private void tx(long block, List<OutPoint> spends, Object... payments) {
        chain.tx(block, spends, payments);
    }

    private void store(long through) {
        List<UtxoBlock> upTo = chain.through(through);
        UtxoBlock last = upTo.get(upTo.size() - 1);
        store.utxo().write(upTo, Optional.of(new Checkpoint(BTC, last.block().number(), last.block().hash())));
    }

    @BeforeEach
    void setUp() {
        store = TestGraph.fresh().store();
        List<Object> coinbase = new ArrayList<>(List.of(A, 5 * SAT, B, 5 * SAT, C, 5 * SAT, D, 5 * SAT, B, SAT, C, SAT));
        H.forEach(h -> coinbase.addAll(List.of(h, 5_010_000L)));
        tx(1, List.of(), coinbase.toArray());
        tx(2, List.of(out(1, 0), out(1, 1)), E, 999_990_000L);
        tx(3, List.of(out(1, 2), out(1, 3)), F, 999_990_000L);
        tx(4, List.of(out(1, 4), out(1, 5)), G, 199_990_000L);
        List<Object> mix = new ArrayList<>();
        MIXED.forEach(m -> mix.addAll(List.of(m, 5_000_000L)));
        tx(5, List.of(out(1, 6), out(1, 7), out(1, 8), out(1, 9), out(1, 10)), mix.toArray());
    }

    private ClusterReport cluster(boolean rebuild, UtxoHeuristic... optIn) {
        return new UtxoClustering(store, BTC, Set.of(optIn)).run(rebuild);
    }

    /** Every clustered address by its cluster's entity id. */
    private Map<String, String> entities() {
        Map<String, String> result = new TreeMap<>();
        List<String> all = new ArrayList<>(List.of(A, B, C, D, E, F, G));
        all.addAll(H);
        all.addAll(MIXED);
        store.memberships(BTC, all).forEach((address, ms) -> ms.stream()
                .filter(m -> m.via().equals(ClusterStore.VIA)).forEach(m -> result.put(address, m.entityId())));
        return result;
    }

    @Test
    void run_coSpentInputs_joinedAndFoundedByTheFirstSeenAddress() {
        store(3);
        ClusterReport first = cluster(false);

        assertThat(first.transactions()).isEqualTo(3);
        assertThat(first.blocks()).isEqualTo(3);
        assertThat(first.moved()).isEqualTo(4);
        assertThat(entities()).containsExactlyInAnyOrderEntriesOf(Map.of(
                A, "cluster:bitcoin:" + A, B, "cluster:bitcoin:" + A,
                C, "cluster:bitcoin:" + C, D, "cluster:bitcoin:" + C));
        assertThat(store.entities().page("cluster:bitcoin:" + A, 10, 10).orElseThrow().members()).isEqualTo(2);
    }

    @Test
    void run_newBlocksJoinClusters_onlyTheMovedAddressesAreWrittenAndTheYoungerEntityGoes() {
        store(3);
        cluster(false);
        store(5);

        ClusterReport second = cluster(false);

        assertThat(second.transactions()).isEqualTo(2);
        assertThat(second.moved()).isEqualTo(2); // C and D join A's cluster
        assertThat(entities()).containsOnlyKeys(A, B, C, D).allSatisfy((k, v) -> assertThat(v).isEqualTo(
                "cluster:bitcoin:" + A));
        assertThat(store.entities().page("cluster:bitcoin:" + C, 10, 10)).isEmpty();
        EntityPage page = store.entities().page("cluster:bitcoin:" + A, 10, 10).orElseThrow();
        assertThat(page.members()).isEqualTo(4);
        assertThat(page.kind()).isEqualTo("cluster");
        // The coinbase paid the four 22 BTC; they paid E, F and G, each transaction a fee of 0.0001.
        assertThat(page.flows()).singleElement().satisfies(f -> {
            assertThat(f.received()).isEqualTo(java.math.BigInteger.valueOf(22 * SAT));
            assertThat(f.sent()).isEqualTo(java.math.BigInteger.valueOf(2 * 999_990_000L + 199_990_000L));
            assertThat(f.txsIn()).isEqualTo(1);
            assertThat(f.txsOut()).isEqualTo(3);
        });
        assertThat(page.counterparties()).extracting(EntityPage.Counterparty::address)
                .containsExactly("coinbase", E.compareTo(F) < 0 ? E : F, E.compareTo(F) < 0 ? F : E, G);
        assertThat(page.counterparties().get(3).evidence()).containsExactly(txid(4));
    }

    @Test
    void run_incrementally_equalsOneRunOverEverything() {
        store(3);
        cluster(false);
        store(5);
        cluster(false);
        Map<String, String> incremental = entities();

        cluster(true);

        assertThat(entities()).isEqualTo(incremental);
    }

    @Test
    void run_whirlpoolCoinJoin_skippedWithItsReasonAndJoinsNothing() {
        store(5);

        ClusterReport report = cluster(false);

        assertThat(report.coinJoins()).containsExactly(Map.entry("whirlpool", 1L));
        assertThat(entities()).doesNotContainKeys(H.toArray(String[]::new));
        assertThat(entities()).doesNotContainKeys(MIXED.toArray(String[]::new));
    }

    @Test
    void run_nothingNew_changesNothing() {
        store(5);
        cluster(false);
        Map<String, Long> counts = store.counts();

        ClusterReport again = cluster(false);

        assertThat(again.transactions()).isZero();
        assertThat(again.moved()).isZero();
        assertThat(store.counts()).isEqualTo(counts);
    }

    @Test
    void run_otherHeuristicsThanStored_refusedUntilRebuild() {
        store(5);
        cluster(false);

        assertThatThrownBy(() -> cluster(false, UtxoHeuristic.CHANGE_ONE_TIME))
                .isInstanceOf(ClusteringException.class).hasMessageContaining("--rebuild");
        assertThat(cluster(true, UtxoHeuristic.CHANGE_ONE_TIME).transactions()).isEqualTo(5);
    }

    @Test
    void run_afterReorgBelowTheClusteredBlock_refusedUntilRebuild() {
        store(5);
        cluster(false);
        store.rollback(new Checkpoint(BTC, 3, hash(3)));

        assertThatThrownBy(() -> cluster(false)).isInstanceOf(ClusteringException.class)
                .hasMessageContaining("block 5").hasMessageContaining("--rebuild");
        cluster(true);
        assertThat(entities()).containsOnlyKeys(A, B, C, D);
        assertThat(entities().get(C)).isEqualTo("cluster:bitcoin:" + C);
    }

    @Test
    void attribution_labelOnOneMember_namesTheCluster_twoOwnersAreAConflict() {
        store(5);
        cluster(false);
        store.write(WriteBatch.ofLabels(List.of(exchange(B, "Kestrel Exchange", "ownership"))));
        new EntityResolver(store, BTC).resolve();

        EntityPage kestrel = store.entities().page("cluster:bitcoin:" + A, 10, 10).orElseThrow();
        assertThat(kestrel.entity().name()).isEqualTo("Kestrel Exchange");
        assertThat(kestrel.entity().category()).isEqualTo("exchange");
        assertThat(kestrel.conflict()).isFalse();
        // The label proves ownership of B; D is tied to B by common inputs: the weakest link is the rule's.
        assertThat(kestrel.entity().confidence()).contains("forensic");
        assertThat(store.attributions(BTC, List.of(D)).get(D).isTerminal()).isTrue();
        assertThat(store.attributions(BTC, List.of(D)).get(D).confidence()).contains(ConfidenceLevel.FORENSIC);
        assertThat(store.attributions(BTC, List.of(B)).get(B).confidence()).contains(ConfidenceLevel.OWNERSHIP);

        store.write(WriteBatch.ofLabels(List.of(exchange(D, "Osprey Exchange", "web_crawl"))));
        EntityResolver.Report report = new EntityResolver(store, BTC).resolve();

        assertThat(report.conflicts()).singleElement().satisfies(c -> assertThat(c.owners())
                .containsExactly("exchange:kestrel_exchange", "exchange:osprey_exchange"));
        EntityPage both = store.entities().page("cluster:bitcoin:" + A, 10, 10).orElseThrow();
        assertThat(both.entity().name()).isEqualTo("conflict: Kestrel Exchange | Osprey Exchange");
        assertThat(both.conflict()).isTrue();
        assertThat(both.entity().confidence()).contains("web_crawl");
        assertThat(both.labels()).extracting(AddressLabel::address).containsExactlyInAnyOrder(B, D);
    }

    @Test
    void explain_addressesJoinedThroughThreeTransactions_givesTheChainWithItsTransactions() {
        store(5);
        cluster(false);

        ClusterExplanation e = new ClusterExplainer(store, BTC, 3).explain(A, D);

        assertThat(e.entityId()).contains("cluster:bitcoin:" + A);
        assertThat(e.paths()).singleElement().satisfies(path -> {
            assertThat(path).extracting(ClusterLink::from, ClusterLink::to, ClusterLink::heuristic)
                    .containsExactly(
                            tuple(A, B, "common-input"),
                            tuple(B, C, "common-input"),
                            tuple(C, D, "common-input"));
            assertThat(path).extracting(l -> l.txid().orElseThrow()).containsExactly(txid(2), txid(4), txid(3));
        });
    }

    @Test
    void explain_addressesInDifferentClusters_saysSoWithNoPath() {
        store(3);
        cluster(false);

        ClusterExplanation e = new ClusterExplainer(store, BTC, 3).explain(A, D);

        assertThat(e.paths()).isEmpty();
        assertThat(e.entityId()).isEmpty();
        assertThat(e.note()).contains("not in one entity");
    }

    private static AddressLabel exchange(String address, String name, String confidence) {
        return new AddressLabel(BTC, address, new Label(name, Optional.of("exchange"), Optional.empty(),
                Optional.empty(), "test", Optional.of(confidence)));
    }
}
