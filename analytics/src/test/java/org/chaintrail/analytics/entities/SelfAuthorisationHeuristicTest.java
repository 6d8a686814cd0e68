package org.chaintrail.analytics.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.chaintrail.analytics.entities.TestLedger.ETH;
import static org.chaintrail.analytics.entities.TestLedger.addr;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chaintrail.analytics.clustering.ClusterExplainer;
import org.chaintrail.analytics.clustering.ClusterExplanation;
import org.chaintrail.analytics.clustering.ClusterLink;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Membership;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Self-authorisation on a hand-built graph in the real embedded Neo4j. Each approval's expected
 * fate is on its line; only OWNER and SPENDER end up in one entity.
 */
class SelfAuthorisationHeuristicTest {
    private static final String TOKEN = addr("70c3e");
    private static final BigInteger UNLIMITED = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private static final String OWNER = addr("a11ce");
    private static final String SPENDER = addr("a11ce2");
    private static final String FRIEND = addr("f1");
    private static final String ROUTER = addr("dec0de");
    private static final String SWAPPER = addr("5a");
    private static final String HOT = addr("e1");
    private static final String TRADER = addr("7a");
    private static final String REVOKER = addr("80");
    private static final String OLD_SPENDER = addr("81");
    private static final String DRAINER = addr("d4a1");
    private static final List<String> VICTIMS = List.of(addr("71"), addr("72"), addr("73"), addr("74"));
    private static final String DEPOSIT = addr("de9");
    private static final String DEPOSIT_SPENDER = addr("de95");
    private static final String NEVER_PAID = addr("99");
    private static final String LURKER = addr("98");

    private GraphStore store;
    private String approval;
    private String secondApproval;
    private String spenderPaid;

    @BeforeEach
    void graph() {
        store = TestGraph.fresh().store();
        TestLedger l = new TestLedger().token(TOKEN, "TKN").label(HOT, "Harbor Exchange", "exchange", "harbor");
        // OWNER lets SPENDER, an EOA (it paid FRIEND ether), spend its tokens, twice: joined.
        approval = l.approve(100, TOKEN, OWNER, SPENDER, UNLIMITED);
        spenderPaid = l.ether(101, SPENDER, FRIEND, 1_000);
        secondApproval = l.approve(102, TOKEN, OWNER, SPENDER, BigInteger.valueOf(5));
        // SWAPPER approves ROUTER, a contract: it only passes ether on inside calls. Not joined.
        l.approve(103, TOKEN, SWAPPER, ROUTER, UNLIMITED);
        l.internalEther(104, ROUTER, SWAPPER, 7);
        l.ether(104, SWAPPER, FRIEND, 1);
        // TRADER approves HOT, an exchange's EOA: a service is never joined.
        l.approve(105, TOKEN, TRADER, HOT, UNLIMITED);
        l.ether(106, HOT, TRADER, 5);
        // The token contract approves FRIEND, an EOA: a token is no one's wallet. Not joined.
        l.approve(107, TOKEN, TOKEN, FRIEND, UNLIMITED);
        l.ether(107, FRIEND, SWAPPER, 2);
        // REVOKER sets OLD_SPENDER's allowance to zero: a revocation joins nothing.
        l.approve(108, TOKEN, REVOKER, OLD_SPENDER, BigInteger.ZERO);
        l.ether(109, OLD_SPENDER, FRIEND, 1);
        // Four victims approve DRAINER, an EOA: more owners than three, a drainer, not anyone's own key.
        for (int i = 0; i < VICTIMS.size(); i++) {
            l.approve(110 + i, TOKEN, VICTIMS.get(i), DRAINER, UNLIMITED);
        }
        l.ether(115, DRAINER, FRIEND, 1);
        // DEPOSIT only ever pays HOT (a deposit address of Harbor): a member of a service, not joined.
        l.ether(116, DEPOSIT, HOT, 3);
        l.approve(117, TOKEN, DEPOSIT, DEPOSIT_SPENDER, UNLIMITED);
        l.ether(118, DEPOSIT_SPENDER, FRIEND, 1);
        // LURKER approves NEVER_PAID, which never paid a transaction: maybe a contract. Not joined.
        l.approve(119, TOKEN, LURKER, NEVER_PAID, UNLIMITED);
        l.writeTo(store);
    }

    @Test
    void links_ownerAndEoaSpender_oneLinkWithBothApprovalsThenTheProofOfTheEoa() {
        new EntityResolver(store, ETH).resolve(); // the deposit address joins Harbor first

        List<AccountLink> links = new SelfAuthorisationHeuristic(store, ETH).links();

        assertThat(links).singleElement().satisfies(link -> {
            assertThat(link.a()).isEqualTo(OWNER);
            assertThat(link.b()).isEqualTo(SPENDER);
            assertThat(link.heuristic()).isEqualTo(AccountHeuristic.SELF_AUTHORISATION);
            assertThat(link.evidence()).containsExactly(approval, secondApproval, spenderPaid);
        });
    }

    @Test
    void links_fourOwnersAllowed_theDrainerIsJoinedWithEachVictim() {
        new EntityResolver(store, ETH).resolve();

        List<AccountLink> links = new SelfAuthorisationHeuristic(store, ETH, 4).links();

        // The limit is what keeps victims of approval phishing apart from the drainer.
        // In owner order: 0x…71 sorts before 0x…0a11ce.
        assertThat(links).extracting(AccountLink::a, AccountLink::b).containsExactly(
                tuple(VICTIMS.get(0), DRAINER), tuple(VICTIMS.get(1), DRAINER), tuple(VICTIMS.get(2), DRAINER),
                tuple(VICTIMS.get(3), DRAINER), tuple(OWNER, SPENDER));
    }

    @Test
    void resolve_selfAuthorisation_oneClusterOfOwnerAndSpenderWithTheApprovalsAsEvidence() {
        EntityResolver.Report report = new EntityResolver(store, ETH, Set.of(AccountHeuristic.SELF_AUTHORISATION))
                .resolve();

        String cluster = "cluster:ethereum:" + OWNER; // 0x…0a11ce sorts before 0x…a11ce2
        assertThat(report.links()).containsExactly(Map.entry("self-authorisation", 1L));
        assertThat(report.heuristicMembers()).isEqualTo(2);
        assertThat(report.clusters()).isEqualTo(1);
        assertThat(report.depositAddresses()).isEqualTo(1);
        assertThat(store.memberships(ETH, List.of(OWNER, SPENDER)).values()).flatExtracting(m -> m)
                .extracting(Membership::address, Membership::entityId, Membership::via, Membership::evidence)
                .containsExactly(
                        tuple(OWNER, cluster, "self-authorisation", List.of(approval, secondApproval, spenderPaid)),
                        tuple(SPENDER, cluster, "self-authorisation", List.of(approval, secondApproval, spenderPaid)));
        assertThat(store.entities().page(cluster, 10, 10)).hasValueSatisfying(page -> {
            assertThat(page.entity().name()).isEqualTo("cluster " + OWNER);
            assertThat(page.entity().category()).isEqualTo("unknown");
            assertThat(page.kind()).isEqualTo("cluster");
            assertThat(page.members()).isEqualTo(2);
        });
        // Nobody else was joined to anything by the heuristic.
        List<String> others = List.of(ROUTER, SWAPPER, HOT, TRADER, TOKEN, FRIEND, REVOKER, OLD_SPENDER, DRAINER,
                VICTIMS.get(0), VICTIMS.get(3), DEPOSIT, DEPOSIT_SPENDER, LURKER, NEVER_PAID);
        assertThat(store.memberships(ETH, others).values()).flatExtracting(m -> m).extracting(Membership::via)
                .containsOnly("label", "deposit-address");
    }

    @Test
    void explain_ownerAndSpender_bothMembersWithTheApprovalAsTheirTransaction() {
        new EntityResolver(store, ETH, Set.of(AccountHeuristic.SELF_AUTHORISATION)).resolve();

        ClusterExplanation why = new ClusterExplainer(store, ETH, 3).explain(SPENDER, OWNER);

        assertThat(why.entityId()).contains("cluster:ethereum:" + OWNER);
        assertThat(why.paths()).singleElement().satisfies(path -> {
            assertThat(path).extracting(ClusterLink::heuristic).containsExactly("self-authorisation",
                    "self-authorisation");
            assertThat(path).extracting(l -> l.txid().orElseThrow()).containsExactly(approval, approval);
            assertThat(path.get(0).evidence()).isEqualTo("transactions " + approval + ", " + secondApproval + ", "
                    + spenderPaid);
        });
        assertThat(why.note()).contains("by self-authorisation");
    }

    @Test
    void resolve_twice_sameGraph() {
        EntityResolver resolver = new EntityResolver(store, ETH, Set.of(AccountHeuristic.SELF_AUTHORISATION));
        resolver.resolve();
        var counts = store.counts();
        var memberships = store.memberships(ETH, List.of(OWNER, SPENDER, DEPOSIT, HOT));

        resolver.resolve();

        assertThat(store.counts()).isEqualTo(counts).containsEntry("Entity", 2L).containsEntry(":MEMBER_OF", 4L);
        assertThat(store.memberships(ETH, List.of(OWNER, SPENDER, DEPOSIT, HOT))).isEqualTo(memberships);
    }

    @Test
    void resolve_afterALabelImport_keepsTheHeuristicsChosenLast() {
        new EntityResolver(store, ETH, Set.of(AccountHeuristic.SELF_AUTHORISATION)).resolve();

        EntityResolver.Report report = new EntityResolver(store, ETH).resolve(); // what labels import runs

        assertThat(report.links()).containsExactly(Map.entry("self-authorisation", 1L));
        assertThat(store.memberships(ETH, List.of(OWNER, SPENDER))).hasSize(2);
    }

    @Test
    void resolve_withoutHeuristics_labelsAndDepositAddressesOnly() {
        new EntityResolver(store, ETH, Set.of(AccountHeuristic.SELF_AUTHORISATION)).resolve();

        EntityResolver.Report report = new EntityResolver(store, ETH, Set.of()).resolve();

        assertThat(report.links()).isEmpty();
        assertThat(store.memberships(ETH, List.of(OWNER, SPENDER))).isEmpty();
        assertThat(store.counts()).containsEntry("Entity", 1L);
        assertThat(new EntityResolver(store, ETH).resolve().links()).isEmpty();
    }

    @Test
    void constructor_heuristicsOnBitcoinOrNoOwnerAllowed_rejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new EntityResolver(store, Chain.BITCOIN, Set.of(AccountHeuristic.SELF_AUTHORISATION)));
        assertThrows(IllegalArgumentException.class, () -> new SelfAuthorisationHeuristic(store, ETH, 0));
        assertThat(assertThrows(IllegalArgumentException.class, () -> AccountHeuristic.ofFlag("change-one-time"))
                .getMessage()).contains("airdrop, self-authorisation");
    }
}
