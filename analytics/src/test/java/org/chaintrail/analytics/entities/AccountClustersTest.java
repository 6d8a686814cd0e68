package org.chaintrail.analytics.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.chaintrail.analytics.entities.TestLedger.ETH;
import static org.chaintrail.analytics.entities.TestLedger.addr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chaintrail.analytics.clustering.ClusterAttributor;
import org.chaintrail.model.AddressTraits;
import org.chaintrail.model.Entity;
import org.chaintrail.model.Membership;
import org.junit.jupiter.api.Test;

/** How links become entities: a new cluster, a join of the one entity a group touches, or a conflict. */
class AccountClustersTest {
    private static final AccountHeuristic AIRDROP = AccountHeuristic.AIRDROP;
    private static final AccountHeuristic SELF = AccountHeuristic.SELF_AUTHORISATION;
    private static final Entity RING = new Entity("scam:ring", "Ring", "scam");
    private static final Entity HARBOR = new Entity("exchange:harbor", "Harbor", "exchange");
    private static final Entity KESTREL = new Entity("exchange:kestrel", "Kestrel", "exchange");
    private static final String A = addr("a1");
    private static final String B = addr("b1");
    private static final String C = addr("c1");
    private static final String D = addr("d1");
    private static final String E = addr("e1");
    private static final String F = addr("f1");
    private static final String G = addr("f2");

    private static String tx(int n) {
        return "0x" + String.format("%064x", n);
    }

    private static AddressTraits in(String address, Entity entity) {
        return new AddressTraits(address, Optional.empty(), false, false, List.of(entity));
    }

    @Test
    void compute_groupTouchingOneEntity_itsOtherMembersJoinItByTheirLinks() {
        // A is already in RING; B is linked to A (self-authorisation) and to C (airdrop).
        List<AccountLink> links = List.of(new AccountLink(A, B, SELF, List.of(tx(1))),
                new AccountLink(C, B, AIRDROP, List.of(tx(2), tx(3), tx(1))));

        AccountClusters.Result result = new AccountClusters(ETH, links, Map.of(A, in(A, RING))).compute();

        assertThat(result.clusters()).isEmpty();
        assertThat(result.conflicts()).isEmpty();
        assertThat(result.memberships()).extracting(Membership::address, Membership::entityId, Membership::via,
                Membership::evidence).containsExactly(
                tuple(B, "scam:ring", "airdrop+self-authorisation", List.of(tx(1), tx(2), tx(3))),
                tuple(C, "scam:ring", "airdrop", List.of(tx(2), tx(3), tx(1))));
    }

    @Test
    void compute_groupTouchingTwoServices_conflictReportedAndNobodyJoined() {
        List<AccountLink> links = List.of(new AccountLink(D, F, SELF, List.of(tx(1))),
                new AccountLink(F, E, AIRDROP, List.of(tx(2))));

        AccountClusters.Result result = new AccountClusters(ETH, links,
                Map.of(D, in(D, KESTREL), E, in(E, HARBOR))).compute();

        assertThat(result.memberships()).isEmpty();
        assertThat(result.clusters()).isEmpty();
        assertThat(result.conflicts()).containsExactly(new ClusterAttributor.Conflict("cluster:ethereum:" + D,
                List.of("exchange:harbor", "exchange:kestrel")));
    }

    @Test
    void compute_groupTouchingNoEntity_clusterOfItsSmallestAddressWithAtMostTenTransactionsEach() {
        List<String> many = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            many.add(tx(i));
        }
        List<AccountLink> links = List.of(new AccountLink(G, F, AIRDROP, many));

        AccountClusters.Result result = new AccountClusters(ETH, links, Map.of()).compute();

        assertThat(result.clusters()).containsExactly(new Entity("cluster:ethereum:" + F, "cluster " + F, "unknown"));
        assertThat(result.memberships()).extracting(Membership::address, Membership::evidence).containsExactly(
                tuple(F, many.subList(0, 10)), tuple(G, many.subList(0, 10)));
    }
}
