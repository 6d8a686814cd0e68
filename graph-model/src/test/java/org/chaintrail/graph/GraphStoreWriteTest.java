package org.chaintrail.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.model.Label;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.WriteBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.ClientException;

/**
 * {@link GraphStore#write}: only new transfers are created, and a batch, its checkpoint included,
 * lands whole or not at all. Failures are real: a uniqueness constraint that only these tests
 * add makes one statement of the transaction fail on the server.
 */
class GraphStoreWriteTest {
    private static final Chain ETH = Chain.ETHEREUM;
    private static final String USDT = "0xdac17f958d2ee523a2206206994597c13d831ec7";
    private static final String ALICE = "0x00000000000000000000000000000000000a11ce";
    private static final String BOB = "0x0000000000000000000000000000000000000b0b";
    private static final String CAROL = "0x000000000000000000000000000000000000ca01";
    private static final String BLOCK_100 = "0x" + "a".repeat(64);
    private static final String BLOCK_101 = "0x" + "b".repeat(64);
    private static final String[] TEST_CONSTRAINTS = {"test_checkpoint_hash", "test_label_text"};

    private GraphConnection connection;
    private GraphStore store;

    @BeforeEach
    void setUp() {
        connection = TestGraph.fresh();
        store = connection.store();
    }

    @AfterEach
    void dropTestConstraints() {
        for (String name : TEST_CONSTRAINTS) {
            cypher("DROP CONSTRAINT " + name + " IF EXISTS");
        }
    }

    private void cypher(String statement) {
        try (var session = connection.driver().session()) {
            session.run(statement).consume();
        }
    }

    private static Transfer usdt(int tx, long block, String from, String to, long amount) {
        return new Transfer(ETH, "0x" + String.format("%064x", tx), block, tx, 0, 1_700_000_000L + block, from, to,
                USDT, BigInteger.valueOf(amount));
    }

    private static WriteBatch batch(List<Block> blocks, List<Transfer> transfers, Optional<Checkpoint> checkpoint) {
        return new WriteBatch(blocks, List.of(Asset.token(ETH, USDT, "USDT", 6)), transfers, List.of(), checkpoint);
    }

    @Test
    void write_batchWhoseTransfersPartlyExist_createsOnlyTheNewOnesOnce() {
        Block b100 = new Block(ETH, 100, BLOCK_100, 1_700_000_100L);
        store.write(batch(List.of(b100), List.of(usdt(1, 100, ALICE, BOB, 10), usdt(2, 100, BOB, ALICE, 20)),
                Optional.empty()));

        store.write(batch(List.of(b100, new Block(ETH, 101, BLOCK_101, 1_700_000_101L)), List.of(
                usdt(2, 100, BOB, ALICE, 999), // stored already: its amount stays 20
                usdt(3, 101, BOB, CAROL, 30), // new, to a new address
                usdt(3, 101, BOB, CAROL, 31), // the same id twice in one batch: the first counts
                usdt(1, 100, ALICE, BOB, 10)), // stored already
                Optional.empty()));

        assertThat(store.counts()).containsEntry("Transfer", 3L).containsEntry(":IN", 3L).containsEntry(":OUT", 3L)
                .containsEntry("Address", 3L).containsEntry("Block", 2L).containsEntry("Asset", 1L);
        assertThat(store.transfersFrom(ETH, USDT, List.of(BOB))).extracting(Transfer::to, Transfer::amount)
                .containsExactly(tuple(ALICE, BigInteger.valueOf(20)),
                        tuple(CAROL, BigInteger.valueOf(30)));
        assertThat(store.transfersTo(ETH, USDT, List.of(BOB))).extracting(Transfer::from, Transfer::txIndex)
                .containsExactly(tuple(ALICE, 1));
    }

    @Test
    void write_checkpointViolatesConstraint_dataWrittenEarlierInTheBatchRolledBack() {
        store.write(batch(List.of(new Block(ETH, 100, BLOCK_100, 1_700_000_100L)),
                List.of(usdt(1, 100, ALICE, BOB, 10)), Optional.of(new Checkpoint(ETH, 100, BLOCK_100))));
        var before = store.counts();
        cypher("CREATE CONSTRAINT test_checkpoint_hash FOR (c:Checkpoint) REQUIRE c.hash IS UNIQUE");

        // The checkpoint comes last in the transaction; BSC's with Ethereum's block hash breaks the constraint.
        ClientException e = assertThrows(ClientException.class, () -> store.write(batch(
                List.of(new Block(ETH, 101, BLOCK_101, 1_700_000_101L)), List.of(usdt(2, 101, BOB, CAROL, 20)),
                Optional.of(new Checkpoint(Chain.BSC, 5, BLOCK_100)))));

        assertThat(e.code()).isEqualTo("Neo.ClientError.Schema.ConstraintValidationFailed");
        assertThat(store.counts()).isEqualTo(before).containsEntry("Transfer", 1L).containsEntry("Address", 2L)
                .containsEntry("Block", 1L).containsEntry("Checkpoint", 1L);
        assertThat(store.checkpoint(ETH)).contains(new Checkpoint(ETH, 100, BLOCK_100));
        assertThat(store.checkpoint(Chain.BSC)).isEmpty();
        assertThat(store.lastBlocks()).containsEntry("ethereum", 100L);
    }

    @Test
    void write_labelsFailAfterTransfers_neitherTheDataNorTheNewCheckpointStored() {
        store.write(batch(List.of(new Block(ETH, 100, BLOCK_100, 1_700_000_100L)),
                List.of(usdt(1, 100, ALICE, BOB, 10)), Optional.of(new Checkpoint(ETH, 100, BLOCK_100))));
        cypher("CREATE CONSTRAINT test_label_text FOR (l:Label) REQUIRE l.label IS UNIQUE");
        // Two attributions with one text: two Label nodes, which the test constraint forbids.
        Label exchange = new Label("Harbor", Optional.of("exchange"), Optional.empty(), Optional.empty(), "test",
                Optional.empty());
        Label mixer = new Label("Harbor", Optional.of("mixer"), Optional.empty(), Optional.empty(), "test",
                Optional.empty());

        assertThrows(ClientException.class, () -> store.write(new WriteBatch(
                List.of(new Block(ETH, 101, BLOCK_101, 1_700_000_101L)), List.of(),
                List.of(usdt(2, 101, BOB, CAROL, 20), usdt(3, 101, CAROL, ALICE, 5)),
                List.of(new AddressLabel(ETH, CAROL, exchange), new AddressLabel(ETH, ALICE, mixer)),
                Optional.of(new Checkpoint(ETH, 101, BLOCK_101)))));

        assertThat(store.counts()).containsEntry("Transfer", 1L).containsEntry(":IN", 1L).containsEntry(":OUT", 1L)
                .containsEntry("Address", 2L).containsEntry("Block", 1L).containsEntry("Label", 0L);
        assertThat(store.checkpoint(ETH)).contains(new Checkpoint(ETH, 100, BLOCK_100));
        assertThat(store.transfersFrom(ETH, USDT, List.of(BOB, CAROL))).isEmpty();
    }
}
