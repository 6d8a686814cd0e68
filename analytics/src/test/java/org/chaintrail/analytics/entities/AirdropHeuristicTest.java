package org.chaintrail.analytics.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.chaintrail.analytics.entities.TestLedger.ETH;
import static org.chaintrail.analytics.entities.TestLedger.addr;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chaintrail.analytics.clustering.ClusterExplainer;
import org.chaintrail.analytics.clustering.ClusterExplanation;
import org.chaintrail.analytics.clustering.ClusterLink;
import org.chaintrail.analytics.entities.AirdropHeuristic.Rules;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.model.Membership;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Airdrop multi-participation on a hand-built graph in the real embedded Neo4j.
 *
 * <pre>
 *  DROP:  ZERO → TREASURY → D (one source); D pays 1,000 to R00..R19, blocks 200..219: an airdrop
 *         Y paid R00 ether for gas (block 150): Y is an EOA
 *         R00, R01, R02 → Y          three recipients gather at one EOA: joined with Y
 *         R03, R04 → POOL            a DEX pool: a contract, it never paid a transaction: not joined
 *         R05, R06 → HOT             an exchange (labelled): not joined (R05 and R06 become its deposit addresses)
 *         R07, R08 → DEP             DEP pays only HOT: Harbor's deposit address, a service: not joined
 *         R09 → LONER                one forwarder is not enough: not joined
 *  DROP2: D2 pays 500 to 19 addresses in blocks 400..418: one short of an airdrop; S00, S01 → Y2
 *  DROP3: D3 pays 500 to 20 addresses, one every 100 blocks from 1,000: never 20 in 1,000 blocks; T00, T01 → Y3
 *  DROP4: D4 pays 700 to 20 addresses in blocks 600..619, but received DROP4 from five others (an
 *         exchange or a pool, not a distribution wallet); U00, U01 → Y4
 * </pre>
 * Only {R00, R01, R02, Y} becomes an entity. Y2, Y3 and Y4 are EOAs that paid ether.
 */
class AirdropHeuristicTest {
    private static final String DROP = addr("d509");
    private static final String DROP2 = addr("d502");
    private static final String DROP3 = addr("d503");
    private static final String DROP4 = addr("d504");
    private static final String ZERO = ETH.zeroAddress();
    private static final String TREASURY = addr("7e");
    private static final String D = addr("d1");
    private static final String D2 = addr("d2");
    private static final String D3 = addr("d3");
    private static final String D4 = addr("d4");
    private static final String Y = addr("ee");
    private static final String Y2 = addr("e2");
    private static final String Y3 = addr("e3");
    private static final String Y4 = addr("e4");
    private static final String POOL = addr("9a1");
    private static final String BUYER = addr("b0");
    private static final String HOT = addr("e1");
    private static final String DEP = addr("de9");
    private static final String LONER = addr("10e");
    private static final String Z = addr("2e");
    private static final List<String> R = recipients("10", 20);
    private static final List<String> S = recipients("20", 19);
    private static final List<String> T = recipients("30", 20);
    private static final List<String> U = recipients("40", 20);

    private GraphStore store;
    private final List<String> receipts = new ArrayList<>();
    private final List<String> forwards = new ArrayList<>();
    private String yPaid;
    private String approval;
    private String zPaid;

    private static List<String> recipients(String prefix, int n) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            result.add(addr(prefix + String.format("%02x", i)));
        }
        return List.copyOf(result);
    }

    @BeforeEach
    void graph() {
        store = TestGraph.fresh().store();
        TestLedger l = new TestLedger().token(DROP, "DROP").token(DROP2, "DROP2").token(DROP3, "DROP3")
                .token(DROP4, "DROP4").label(HOT, "Harbor Exchange", "exchange", "harbor");
        l.tokens(10, DROP, ZERO, TREASURY, 1_000_000);
        l.tokens(11, DROP, TREASURY, D, 100_000);
        yPaid = l.ether(150, Y, R.get(0), 1_000_000_000_000_000L);
        for (int i = 0; i < R.size(); i++) {
            receipts.add(l.tokens(200 + i, DROP, D, R.get(i), 1_000));
        }
        for (int i = 0; i < 3; i++) {
            forwards.add(l.tokens(300 + i, DROP, R.get(i), Y, 1_000));
        }
        l.tokens(303, DROP, R.get(3), POOL, 1_000);
        l.tokens(304, DROP, R.get(4), POOL, 1_000);
        l.tokens(305, DROP, POOL, BUYER, 1_500);
        l.tokens(306, DROP, R.get(5), HOT, 1_000);
        l.tokens(307, DROP, R.get(6), HOT, 1_000);
        l.ether(308, HOT, BUYER, 5);
        l.tokens(309, DROP, R.get(7), DEP, 1_000);
        l.tokens(310, DROP, R.get(8), DEP, 1_000);
        l.ether(311, DEP, HOT, 3);
        l.tokens(312, DROP, DEP, HOT, 2_000);
        l.tokens(313, DROP, R.get(9), LONER, 1_000);
        l.ether(314, LONER, BUYER, 1);

        l.tokens(390, DROP2, ZERO, D2, 100_000);
        for (int i = 0; i < S.size(); i++) {
            l.tokens(400 + i, DROP2, D2, S.get(i), 500);
        }
        l.tokens(450, DROP2, S.get(0), Y2, 500);
        l.tokens(451, DROP2, S.get(1), Y2, 500);
        l.ether(452, Y2, BUYER, 1);

        l.tokens(990, DROP3, ZERO, D3, 100_000);
        for (int i = 0; i < T.size(); i++) {
            l.tokens(1_000 + 100L * i, DROP3, D3, T.get(i), 500);
        }
        l.tokens(3_000, DROP3, T.get(0), Y3, 500);
        l.tokens(3_001, DROP3, T.get(1), Y3, 500);
        l.ether(3_002, Y3, BUYER, 1);

        for (int i = 0; i < 5; i++) {
            l.tokens(590 + i, DROP4, addr("50" + i), D4, 3_000);
        }
        for (int i = 0; i < U.size(); i++) {
            l.tokens(600 + i, DROP4, D4, U.get(i), 700);
        }
        l.tokens(650, DROP4, U.get(0), Y4, 700);
        l.tokens(651, DROP4, U.get(1), Y4, 700);
        l.ether(652, Y4, BUYER, 1);

        // For the run with both heuristics: R02 lets Z, an EOA, spend its DROP.
        approval = l.approve(320, DROP, R.get(2), Z, BigInteger.valueOf(1_000));
        zPaid = l.ether(321, Z, BUYER, 1);
        l.writeTo(store);
        new EntityResolver(store, ETH).resolve(); // DEP joins Harbor as its deposit address
    }

    @Test
    void links_threeRecipientsGatherAtOneEoa_eachJoinedWithItsReceiptForwardAndTheProof() {
        List<AccountLink> links = new AirdropHeuristic(store, ETH).links();

        assertThat(links).extracting(AccountLink::a, AccountLink::b, AccountLink::heuristic, AccountLink::evidence)
                .containsExactly(
                        tuple(R.get(0), Y, AccountHeuristic.AIRDROP, List.of(receipts.get(0), forwards.get(0), yPaid)),
                        tuple(R.get(1), Y, AccountHeuristic.AIRDROP, List.of(receipts.get(1), forwards.get(1), yPaid)),
                        tuple(R.get(2), Y, AccountHeuristic.AIRDROP, List.of(receipts.get(2), forwards.get(2), yPaid)));
    }

    @Test
    void links_thresholdsLoosened_theCasesJustBelowThemFire() {
        // 19 recipients, 2,000 blocks, five sources: each of DROP2, DROP3 and DROP4 becomes an airdrop.
        List<AccountLink> links = new AirdropHeuristic(store, ETH, new Rules(19, 2_000, 2, 5)).links();

        assertThat(links).extracting(AccountLink::a, AccountLink::b).containsExactlyInAnyOrder(
                tuple(R.get(0), Y), tuple(R.get(1), Y), tuple(R.get(2), Y),
                tuple(S.get(0), Y2), tuple(S.get(1), Y2), tuple(T.get(0), Y3), tuple(T.get(1), Y3),
                tuple(U.get(0), Y4), tuple(U.get(1), Y4));
    }

    @Test
    void resolve_airdrop_oneClusterNamedAfterItsSmallestAddressWithReceiptsAndForwardsAsEvidence() {
        EntityResolver.Report report = new EntityResolver(store, ETH, Set.of(AccountHeuristic.AIRDROP)).resolve();

        String cluster = "cluster:ethereum:" + Y; // 0x…ee sorts before 0x…1000
        assertThat(report.links()).containsExactly(Map.entry("airdrop", 3L));
        assertThat(report.clusters()).isEqualTo(1);
        assertThat(report.heuristicMembers()).isEqualTo(4);
        List<Membership> members = store.memberships(ETH, List.of(Y, R.get(0), R.get(1), R.get(2))).values().stream()
                .flatMap(List::stream).toList();
        assertThat(members).extracting(Membership::address, Membership::entityId, Membership::via, Membership::evidence)
                .containsExactlyInAnyOrder(
                        tuple(Y, cluster, "airdrop", List.of(receipts.get(0), forwards.get(0), yPaid, receipts.get(1),
                                forwards.get(1), receipts.get(2), forwards.get(2))),
                        tuple(R.get(0), cluster, "airdrop", List.of(receipts.get(0), forwards.get(0), yPaid)),
                        tuple(R.get(1), cluster, "airdrop", List.of(receipts.get(1), forwards.get(1), yPaid)),
                        tuple(R.get(2), cluster, "airdrop", List.of(receipts.get(2), forwards.get(2), yPaid)));
        // The pool, the exchange, its deposit address, the loner and the near-airdrops: no heuristic membership.
        List<String> untouched = new ArrayList<>(List.of(POOL, HOT, DEP, LONER, D, TREASURY, Y2, Y3, Y4, Z));
        untouched.addAll(R.subList(3, R.size()));
        untouched.addAll(List.of(S.get(0), S.get(1), T.get(0), T.get(1), U.get(0), U.get(1)));
        assertThat(store.memberships(ETH, untouched).values()).flatExtracting(m -> m).extracting(Membership::via)
                .containsOnly("label", "deposit-address");
        assertThat(store.entities().page(cluster, 10, 10)).hasValueSatisfying(page -> {
            assertThat(page.entity().name()).isEqualTo("cluster " + Y);
            assertThat(page.entity().category()).isEqualTo("unknown");
            assertThat(page.membersByVia()).containsExactly(Map.entry("airdrop", 4L));
        });
    }

    @Test
    void resolve_bothHeuristics_theApprovalAddsZAndR02JoinedByBoth() {
        EntityResolver.Report report = new EntityResolver(store, ETH,
                Set.of(AccountHeuristic.AIRDROP, AccountHeuristic.SELF_AUTHORISATION)).resolve();

        String cluster = "cluster:ethereum:" + Z; // 0x…2e is now the smallest member
        assertThat(report.links()).containsExactly(Map.entry("airdrop", 3L), Map.entry("self-authorisation", 1L));
        assertThat(store.memberships(ETH, List.of(Z, Y, R.get(0), R.get(1), R.get(2))).values()).flatExtracting(m -> m)
                .extracting(Membership::address, Membership::entityId, Membership::via)
                .containsExactlyInAnyOrder(tuple(Z, cluster, "self-authorisation"), tuple(Y, cluster, "airdrop"),
                        tuple(R.get(0), cluster, "airdrop"), tuple(R.get(1), cluster, "airdrop"),
                        tuple(R.get(2), cluster, "airdrop+self-authorisation"));
        assertThat(store.memberships(ETH, List.of(R.get(2))).get(R.get(2)).get(0).evidence())
                .containsExactly(receipts.get(2), forwards.get(2), yPaid, approval, zPaid);
    }

    @Test
    void explain_twoRecipients_bothMembersByAirdropEachWithItsOwnReceipt() {
        new EntityResolver(store, ETH, Set.of(AccountHeuristic.AIRDROP)).resolve();

        ClusterExplanation why = new ClusterExplainer(store, ETH, 3).explain(R.get(0), R.get(2));

        assertThat(why.entityId()).contains("cluster:ethereum:" + Y);
        assertThat(why.paths()).singleElement().satisfies(path -> {
            assertThat(path).extracting(ClusterLink::from, ClusterLink::to, ClusterLink::heuristic).containsExactly(
                    tuple(R.get(0), "cluster:ethereum:" + Y, "airdrop"), tuple("cluster:ethereum:" + Y, R.get(2), "airdrop"));
            assertThat(path).extracting(l -> l.txid().orElseThrow()).containsExactly(receipts.get(0), receipts.get(2));
            assertThat(path.get(1).evidence()).isEqualTo("transactions " + receipts.get(2) + ", " + forwards.get(2)
                    + ", " + yPaid);
        });
    }

    @Test
    void resolve_twice_sameGraph() {
        EntityResolver resolver = new EntityResolver(store, ETH,
                Set.of(AccountHeuristic.AIRDROP, AccountHeuristic.SELF_AUTHORISATION));
        resolver.resolve();
        var counts = store.counts();
        List<String> all = new ArrayList<>(R);
        all.addAll(List.of(Y, Z, DEP, HOT));
        var memberships = store.memberships(ETH, all);

        resolver.resolve();

        // HOT by label; DEP, R05 and R06 as deposit addresses (they only ever paid Harbor); five in the cluster.
        assertThat(store.counts()).isEqualTo(counts).containsEntry("Entity", 2L).containsEntry(":MEMBER_OF", 9L);
        assertThat(store.memberships(ETH, all)).isEqualTo(memberships);
    }

    @Test
    void rules_outOfRange_rejectedNamingTheThreshold() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> new Rules(1, 1_000, 2, 3)).getMessage())
                .isEqualTo("min recipients must be 2 or more, was 1");
        assertThat(assertThrows(IllegalArgumentException.class, () -> new Rules(20, 0, 2, 3)).getMessage())
                .isEqualTo("window must be 1 block or more, was 0");
        assertThat(assertThrows(IllegalArgumentException.class, () -> new Rules(20, 1_000, 1, 3)).getMessage())
                .isEqualTo("min forwarders must be 2 or more, was 1");
    }
}
