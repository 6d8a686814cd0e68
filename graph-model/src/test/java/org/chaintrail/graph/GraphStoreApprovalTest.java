package org.chaintrail.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Approval;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.model.Entity;
import org.chaintrail.model.Label;
import org.chaintrail.model.Membership;
import org.chaintrail.model.ServiceCategory;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.WriteBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.ClientException;

/**
 * Approvals in the graph: {@code (owner)-[:APPROVED]->(spender)} edges written with the block's
 * transfers, once, and rolled back with them; and the reads account clustering makes.
 */
class GraphStoreApprovalTest {
    private static final Chain ETH = Chain.ETHEREUM;
    private static final String USDT = "0xdac17f958d2ee523a2206206994597c13d831ec7";
    private static final String ALICE = "0x00000000000000000000000000000000000a11ce";
    private static final String BOB = "0x0000000000000000000000000000000000000b0b";
    private static final String CAROL = "0x000000000000000000000000000000000000ca01";
    private static final String DAVE = "0x000000000000000000000000000000000000da7e";
    private static final String BLOCK_100 = "0x" + "a".repeat(64);
    private static final String BLOCK_101 = "0x" + "b".repeat(64);
    private static final BigInteger UNLIMITED = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final List<String> SERVICES = List.of(ServiceCategory.values()).stream()
            .map(ServiceCategory::concept).toList();

    private GraphConnection connection;
    private GraphStore store;

    @BeforeEach
    void setUp() {
        connection = TestGraph.fresh();
        store = connection.store();
    }

    @AfterEach
    void dropTestConstraint() {
        try (var session = connection.driver().session()) {
            session.run("DROP CONSTRAINT test_label_text_approvals IF EXISTS").consume();
        }
    }

    private static String tx(int n) {
        return "0x" + String.format("%064x", n);
    }

    private static Transfer usdt(int n, long block, String from, String to, long amount) {
        return new Transfer(ETH, tx(n), block, n, 0, 1_700_000_000L + block, from, to, USDT, BigInteger.valueOf(amount));
    }

    private static Approval approve(int n, long block, int logIndex, String owner, String spender, BigInteger amount) {
        return new Approval(ETH, tx(n), block, n, logIndex, USDT, owner, spender, amount);
    }

    private static WriteBatch block(long number, String hash, List<Transfer> transfers, List<Approval> approvals) {
        return new WriteBatch(List.of(new Block(ETH, number, hash, 1_700_000_000L + number)),
                List.of(Asset.token(ETH, USDT, "USDT", 6)), transfers, List.of(),
                Optional.of(new Checkpoint(ETH, number, hash)), approvals);
    }

    @Test
    void write_blockWithApprovals_storedOnceAsEdgesWithExactAmounts() {
        WriteBatch b100 = block(100, BLOCK_100, List.of(usdt(1, 100, ALICE, BOB, 10)), List.of(
                approve(1, 100, 1, ALICE, BOB, UNLIMITED), // unlimited: 78 digits, kept as text
                approve(2, 100, 0, BOB, CAROL, BigInteger.valueOf(5_000_000)),
                approve(2, 100, 0, BOB, CAROL, BigInteger.valueOf(7)))); // same id again: the first counts

        store.write(b100);
        var once = store.counts();
        store.write(b100);

        assertThat(store.counts()).isEqualTo(once);
        assertThat(once).containsEntry(":APPROVED", 2L).containsEntry("Address", 3L).containsEntry("Transfer", 1L);
        assertThat(store.approvals(ETH))
                .extracting(Approval::owner, Approval::spender, Approval::amount, Approval::txIndex, Approval::logIndex)
                .containsExactly(tuple(ALICE, BOB, UNLIMITED, 1, 1),
                        tuple(BOB, CAROL, BigInteger.valueOf(5_000_000), 2, 0));
    }

    @Test
    void write_labelsFailAfterApprovals_approvalsRolledBackWithTheRest() {
        try (var session = connection.driver().session()) {
            session.run("CREATE CONSTRAINT test_label_text_approvals FOR (l:Label) REQUIRE l.label IS UNIQUE").consume();
        }
        Label exchange = new Label("Harbor", Optional.of("exchange"), Optional.empty(), Optional.empty(), "test",
                Optional.empty());
        Label mixer = new Label("Harbor", Optional.of("mixer"), Optional.empty(), Optional.empty(), "test",
                Optional.empty());
        WriteBatch failing = new WriteBatch(List.of(new Block(ETH, 100, BLOCK_100, 1_700_000_100L)), List.of(),
                List.of(usdt(1, 100, ALICE, BOB, 10)),
                List.of(new AddressLabel(ETH, CAROL, exchange), new AddressLabel(ETH, ALICE, mixer)),
                Optional.of(new Checkpoint(ETH, 100, BLOCK_100)), List.of(approve(1, 100, 1, ALICE, DAVE, UNLIMITED)));

        assertThrows(ClientException.class, () -> store.write(failing));

        assertThat(store.counts()).containsEntry(":APPROVED", 0L).containsEntry("Address", 0L)
                .containsEntry("Transfer", 0L);
        assertThat(store.approvals(ETH)).isEmpty();
    }

    @Test
    void rollback_reorganisedBlock_itsApprovalsGoAndAddressesLeftWithNothingToo() {
        store.write(block(100, BLOCK_100, List.of(usdt(1, 100, ALICE, BOB, 10)),
                List.of(approve(1, 100, 1, ALICE, BOB, UNLIMITED)))); // stays: block 100 is kept
        store.write(block(101, BLOCK_101, List.of(usdt(2, 101, BOB, CAROL, 3)),
                List.of(approve(2, 101, 1, BOB, DAVE, BigInteger.TEN), // goes, and Dave had nothing else
                        approve(3, 101, 2, CAROL, ALICE, BigInteger.ONE)))); // goes; Carol's transfer goes too
        assertThat(store.counts()).containsEntry(":APPROVED", 3L).containsEntry("Address", 4L);

        store.rollback(new Checkpoint(ETH, 100, BLOCK_100));

        assertThat(store.approvals(ETH)).extracting(Approval::owner, Approval::spender, Approval::blockNumber)
                .containsExactly(tuple(ALICE, BOB, 100L));
        assertThat(store.counts()).containsEntry(":APPROVED", 1L).containsEntry("Address", 2L)
                .containsEntry("Transfer", 1L);
        assertThat(store.traits(ETH, List.of(CAROL, DAVE), SERVICES)).isEmpty();
    }

    @Test
    void traits_eoaTokenServiceAndEntities_eachAsTheGraphShowsIt() {
        String firstPayment = tx(7);
        store.write(new WriteBatch(List.of(new Block(ETH, 100, BLOCK_100, 1_700_000_100L)),
                List.of(Asset.token(ETH, USDT, "USDT", 6)), List.of(
                // Bob paid ether twice: the earlier transaction is his proof of being an EOA.
                new Transfer(ETH, tx(9), 100, 9, Transfer.NATIVE_LOG_INDEX, 1, BOB, ALICE, Asset.NATIVE, BigInteger.ONE),
                new Transfer(ETH, firstPayment, 100, 7, Transfer.NATIVE_LOG_INDEX, 1, BOB, CAROL, Asset.NATIVE,
                        BigInteger.TWO),
                // Carol passed ether on inside a contract call: no proof, contracts do that too.
                new Transfer(ETH, tx(8), 100, 8, Transfer.internalIndex(0), 1, CAROL, DAVE, Asset.NATIVE, BigInteger.ONE),
                // The token contract itself appears as an address.
                usdt(10, 100, USDT, DAVE, 5)),
                List.of(new AddressLabel(ETH, DAVE, new Label("Harbor hot wallet", Optional.of("exchange"),
                        Optional.empty(), Optional.of("harbor"), "test", Optional.empty())))));
        store.replaceEntities(ETH, List.of(new Entity("exchange:harbor", "Harbor", "exchange")),
                List.of(new Membership(ETH, DAVE, "exchange:harbor", "label", List.of()),
                        new Membership(ETH, ALICE, "exchange:harbor", "deposit-address", List.of(tx(9)))));

        var traits = store.traits(ETH, List.of(ALICE, BOB, CAROL, DAVE, USDT, "0x" + "e".repeat(40)), SERVICES);

        assertThat(traits).containsOnlyKeys(ALICE, BOB, CAROL, DAVE, USDT);
        assertThat(traits.get(BOB).sentTransaction()).contains(firstPayment);
        assertThat(traits.get(BOB).isExternallyOwned()).isTrue();
        assertThat(traits.get(BOB).isService()).isFalse();
        assertThat(traits.get(CAROL).sentTransaction()).isEmpty();
        assertThat(traits.get(USDT).tokenContract()).isTrue();
        assertThat(traits.get(DAVE).serviceLabel()).isTrue();
        assertThat(traits.get(ALICE).serviceLabel()).isFalse();
        assertThat(traits.get(ALICE).isService()).isTrue(); // a deposit address of the exchange
        assertThat(traits.get(ALICE).entities()).extracting(Entity::id).containsExactly("exchange:harbor");
    }

    @Test
    void equalAmountFanOuts_onlyGroupsWithEnoughDistinctPayees() {
        store.write(new WriteBatch(List.of(), List.of(), List.of(
                usdt(1, 100, ALICE, BOB, 50), usdt(2, 101, ALICE, CAROL, 50), usdt(3, 102, ALICE, DAVE, 50), // 3 payees
                usdt(4, 103, ALICE, BOB, 51), // another amount: its own group of one
                usdt(5, 104, BOB, CAROL, 50), usdt(6, 105, BOB, CAROL, 50), // one payee twice
                usdt(7, 106, CAROL, DAVE, 0), usdt(8, 107, CAROL, BOB, 0), usdt(9, 108, CAROL, ALICE, 0)), // zero: spam
                List.of()));

        assertThat(store.equalAmountFanOuts(ETH, 3)).extracting(Transfer::txHash)
                .containsExactly(tx(1), tx(2), tx(3));
        assertThat(store.equalAmountFanOuts(ETH, 4)).isEmpty();
        assertThrows(IllegalArgumentException.class, () -> store.equalAmountFanOuts(ETH, 1));
    }

    @Test
    void addClusters_thenReplaceEntities_clustersAreRebuiltNotKept() {
        store.write(new WriteBatch(List.of(), List.of(), List.of(usdt(1, 100, ALICE, BOB, 1)), List.of()));
        String id = "cluster:ethereum:" + BOB;
        store.addClusters(ETH, List.of(new Entity(id, "cluster " + BOB, "unknown")),
                List.of(new Membership(ETH, ALICE, id, "airdrop", List.of(tx(1))),
                        new Membership(ETH, BOB, id, "airdrop", List.of(tx(1)))));

        assertThat(store.memberships(ETH, List.of(ALICE)).get(ALICE)).singleElement()
                .satisfies(m -> assertThat(m.evidence()).containsExactly(tx(1)));
        assertThat(store.entities().page(id, 10, 10)).hasValueSatisfying(p -> {
            assertThat(p.kind()).isEqualTo("cluster");
            assertThat(p.members()).isEqualTo(2);
            assertThat(p.membersByVia()).containsEntry("airdrop", 2L);
        });

        store.replaceEntities(ETH, List.of(), List.of());

        assertThat(store.memberships(ETH, List.of(ALICE, BOB))).isEmpty();
        assertThat(store.counts()).containsEntry("Entity", 0L);
    }
}
