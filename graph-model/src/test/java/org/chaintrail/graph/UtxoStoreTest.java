package org.chaintrail.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chaintrail.model.AddressSummary;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.ScriptType;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoInput;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transactions with inputs and outputs in the real embedded Neo4j: a coinbase, a spend of it with
 * payment and change across two blocks, a spend inside one block. Txids and block hashes are made
 * up; the addresses are valid mainnet encodings of each kind.
 */
class UtxoStoreTest {
    private static final Chain BTC = Chain.BITCOIN;
    private static final String MINER = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";
    private static final String SHOP = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy";
    private static final String CHANGE = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4";
    private static final String COINBASE_1 = "01".repeat(32);
    private static final String COINBASE_2 = "02".repeat(32);
    private static final String PAY = "03".repeat(32);
    private static final String SWEEP = "04".repeat(32);

    private GraphStore store;
    private UtxoStore utxo;

    @BeforeEach
    void setUp() {
        store = TestGraph.fresh().store();
        utxo = store.utxo();
    }

    private static UtxoBlock block(long number, List<UtxoTransaction> txs) {
        return new UtxoBlock(new Block(BTC, number, String.format("%064x", number), 1_600_000_000L + number * 600),
                String.format("%064x", number - 1), txs);
    }

    private static UtxoOutput out(int index, long value, ScriptType type, String address) {
        return new UtxoOutput(index, value, type, address);
    }

    private static UtxoInput in(int index, String txid, int vout, UtxoOutput spent) {
        return new UtxoInput(index, new OutPoint(txid, vout), Optional.ofNullable(spent));
    }

    private static final UtxoOutput REWARD = out(0, 5_000_000_000L, ScriptType.PUBKEY, MINER);
    private static final UtxoOutput PAYMENT = out(0, 1_000_000_000L, ScriptType.SCRIPTHASH, SHOP);
    private static final UtxoOutput CHANGE_OUT = out(1, 3_999_990_000L, ScriptType.WITNESS_V0_KEYHASH, CHANGE);

    /** Block 1: a coinbase. Block 2: its own coinbase; a payment with change (fee 10,000); the change swept in the same block. */
    private static List<UtxoBlock> twoBlocks() {
        UtxoTransaction coinbase1 = new UtxoTransaction(COINBASE_1, 0, true, List.of(), List.of(REWARD), 134, 134);
        UtxoTransaction coinbase2 = new UtxoTransaction(COINBASE_2, 0, true, List.of(),
                List.of(out(0, 5_000_020_000L, ScriptType.PUBKEY, MINER)), 134, 134);
        UtxoTransaction pay = new UtxoTransaction(PAY, 1, false, List.of(in(0, COINBASE_1, 0, REWARD)),
                List.of(PAYMENT, CHANGE_OUT), 225, 225);
        UtxoTransaction sweep = new UtxoTransaction(SWEEP, 2, false, List.of(in(0, PAY, 1, CHANGE_OUT)),
                List.of(out(0, 3_999_980_000L, ScriptType.PUBKEY, MINER)), 110, 110);
        return List.of(block(1, List.of(coinbase1)), block(2, List.of(coinbase2, pay, sweep)));
    }

    @Test
    void write_twoBlocks_transactionsReadBackWithResolvedInputsAndFees() {
        utxo.write(twoBlocks(), Optional.of(new Checkpoint(BTC, 2, String.format("%064x", 2))));

        assertThat(store.counts()).containsEntry("Transaction", 4L).containsEntry(":IN", 2L)
                .containsEntry(":OUT", 5L).containsEntry("Address", 3L).containsEntry("Block", 2L)
                .containsEntry("Transfer", 0L);
        UtxoTransaction pay = utxo.transaction(BTC, PAY).orElseThrow();
        assertThat(pay.inputs()).containsExactly(in(0, COINBASE_1, 0, REWARD));
        assertThat(pay.outputs()).containsExactly(PAYMENT, CHANGE_OUT);
        assertThat(pay.fee()).hasValue(10_000L);
        assertThat(utxo.transaction(BTC, COINBASE_1).orElseThrow().coinbase()).isTrue();
        assertThat(utxo.transaction(BTC, "05".repeat(32))).isEmpty();
        assertThat(store.checkpoint(BTC)).contains(new Checkpoint(BTC, 2, String.format("%064x", 2)));
    }

    @Test
    void outputs_storedAndUnknownOutPoints_answersTheStoredOnes() {
        utxo.write(twoBlocks(), Optional.empty());

        Map<OutPoint, UtxoOutput> found = utxo.outputs(BTC, List.of(new OutPoint(PAY, 0), new OutPoint(PAY, 1),
                new OutPoint(PAY, 2), new OutPoint("05".repeat(32), 0)));

        assertThat(found).containsOnly(Map.entry(new OutPoint(PAY, 0), PAYMENT), Map.entry(new OutPoint(PAY, 1), CHANGE_OUT));
    }

    @Test
    void write_sameBlocksTwice_graphUnchanged() {
        utxo.write(twoBlocks(), Optional.empty());
        var first = store.counts();

        utxo.write(twoBlocks(), Optional.empty());

        assertThat(store.counts()).isEqualTo(first);
    }

    @Test
    void write_batchWhoseFirstBlockIsStoredAlready_storesTheRestOnce() {
        List<UtxoBlock> blocks = twoBlocks();
        Checkpoint atTwo = new Checkpoint(BTC, 2, String.format("%064x", 2));
        utxo.write(blocks, Optional.of(atTwo));
        var whole = store.counts();
        store.deleteAllForTests();
        utxo.write(List.of(blocks.get(0)), Optional.empty());

        utxo.write(blocks, Optional.of(atTwo));

        assertThat(store.counts()).isEqualTo(whole);
        assertThat(utxo.transaction(BTC, PAY).orElseThrow().fee()).hasValue(10_000L);
    }

    @Test
    void addressSummary_bitcoinAddress_receivedAndSentInSatoshi() {
        utxo.write(twoBlocks(), Optional.empty());

        AddressSummary miner = store.addressSummary(BTC, MINER).orElseThrow();

        assertThat(miner.totals()).hasSize(1);
        AddressSummary.AssetTotals btc = miner.totals().get(0);
        assertThat(btc.asset().symbol()).contains("BTC");
        assertThat(btc.asset().decimals()).contains(8);
        // Two rewards and the sweep received; the first reward spent.
        assertThat(btc.received()).isEqualTo(BigInteger.valueOf(5_000_000_000L + 5_000_020_000L + 3_999_980_000L));
        assertThat(btc.sent()).isEqualTo(BigInteger.valueOf(5_000_000_000L));
        assertThat(btc.transfersIn()).isEqualTo(3);
        assertThat(btc.transfersOut()).isEqualTo(1);
    }

    @Test
    void rollback_toFirstBlock_secondBlocksTransactionsAndOrphanedAddressesGone() {
        utxo.write(twoBlocks(), Optional.of(new Checkpoint(BTC, 2, String.format("%064x", 2))));

        store.rollback(new Checkpoint(BTC, 1, String.format("%064x", 1)));

        assertThat(store.counts()).containsEntry("Transaction", 1L).containsEntry(":IN", 0L)
                .containsEntry(":OUT", 1L).containsEntry("Address", 1L).containsEntry("Block", 1L);
        assertThat(utxo.transaction(BTC, PAY)).isEmpty();
        assertThat(store.checkpoint(BTC)).contains(new Checkpoint(BTC, 1, String.format("%064x", 1)));
    }

    @Test
    void write_unresolvedInput_refusedAndNothingStored() {
        UtxoTransaction blind = new UtxoTransaction(PAY, 1, false, List.of(in(0, COINBASE_1, 0, null)),
                List.of(PAYMENT), 200, 200);
        UtxoBlock block = block(1, List.of(new UtxoTransaction(COINBASE_1, 0, true, List.of(), List.of(REWARD), 134,
                134), blind));

        assertThatThrownBy(() -> utxo.write(List.of(block), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(PAY).hasMessageContaining("block 1");
        assertThat(store.counts()).containsEntry("Transaction", 0L).containsEntry("Block", 0L);
    }
}
