package org.chaintrail.ingest.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.bitcoinj.core.Transaction;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.bitcoin.ScriptedBitcoinNode.Verbosity3;
import org.chaintrail.ingest.rpc.Backoff;
import org.chaintrail.model.AddressSummary.AssetTotals;
import org.chaintrail.model.AddressSummary;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.ScriptType;
import org.chaintrail.model.UtxoInput;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@link RegtestScenario} (blocks 0–109 built with bitcoinj: several inputs, change, every
 * output kind, a spend inside its output's block) served by {@link ScriptedBitcoinNode} as Bitcoin
 * Core would, through {@link BitcoinCoreClient}, {@link NodeBlockSource} and {@link UtxoIngestor}
 * into the real embedded Neo4j. Every expectation is {@link RegtestExpectation}: computed from the
 * bitcoinj blocks and the locks the outputs were made with.
 */
class RegtestScenarioTest {
    private static final Chain BTC = Chain.BITCOIN;
    private static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 8, 3);

    private static RegtestScenario scenario;
    private static RegtestExpectation whole;
    private static ScriptedBitcoinNode node;

    private GraphStore store;

    @BeforeAll
    static void build() {
        scenario = new RegtestScenario();
        whole = RegtestExpectation.of(scenario.main, 0, scenario.main.height());
        node = ScriptedBitcoinNode.start(scenario.main.blocks());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @BeforeEach
    void setUp() {
        store = TestGraph.fresh().store();
        node.serve(scenario.main.blocks());
        node.verbosity3(Verbosity3.ANSWERED);
    }

    private BitcoinCoreClient client() {
        return new BitcoinCoreClient(node.uri(), Duration.ofSeconds(5), FAST, 100);
    }

    /** Blocks first..last of the node; a small batch, so that writes span several batches. */
    private UtxoIngestReport ingest(BitcoinCoreClient client, long first, long last) {
        try (NodeBlockSource source = new NodeBlockSource(client, first, last)) {
            return new UtxoIngestor(store, BTC, 25, 10_000).run(source, OptionalLong.empty());
        }
    }

    @ParameterizedTest
    @EnumSource(Verbosity3.class)
    void run_wholeScenario_everyTransactionAddressAndCountExact(Verbosity3 mode) {
        node.verbosity3(mode);
        BitcoinCoreClient client = client();

        UtxoIngestReport report = ingest(client, 0, 109);

        assertThat(client.verbosity()).isEqualTo(mode == Verbosity3.ANSWERED ? 3 : 2);
        assertThat(report.blocks()).isEqualTo(110);
        assertThat(report.transactions()).isEqualTo(whole.transactions().size());
        assertThat(report.fees()).isEqualTo(whole.totalFees()).isEqualTo(10_000 + 10_000 + 5_000 + 30_000 + 5_000);
        assertThat(store.counts()).containsAllEntriesOf(whole.counts());
        assertThat(store.checkpoint(BTC)).contains(new Checkpoint(BTC, 109, scenario.main.block(109).getHashAsString()));
        assertTransactionsStored(whole);
        assertFlowsStored(whole);
    }

    @Test
    void run_verbosity3AndVerbosity2_sameGraph() {
        ingest(client(), 0, 109);
        Map<String, Object> withPrevouts = snapshot();
        store.deleteAllForTests();
        node.verbosity3(Verbosity3.REFUSED);

        ingest(client(), 0, 109);

        assertThat(snapshot()).isEqualTo(withPrevouts);
    }

    @Test
    void run_spendOfAnOutputInTheSameBlock_resolvedFromThatBlock() {
        node.verbosity3(Verbosity3.REFUSED);
        long asked = node.calls("getrawtransaction"); // the node is shared by the tests

        UtxoIngestReport report = ingest(client(), 0, 109);

        Transaction fanOut = scenario.fanOut;
        Transaction spend = scenario.sameBlockSpend;
        UtxoTransaction stored = store.utxo().transaction(BTC, spend.getTxId().toString()).orElseThrow();
        // Both in block 107: fanOut's P2TR 7 BTC and alice's change of 26.9999 BTC.
        assertThat(stored.inputs()).containsExactly(
                new UtxoInput(0, new OutPoint(fanOut.getTxId().toString(), 2), Optional.of(new UtxoOutput(2,
                        700_000_000L, ScriptType.WITNESS_V1_TAPROOT, scenario.frankLock.graphAddress()))),
                new UtxoInput(1, new OutPoint(fanOut.getTxId().toString(), 5), Optional.of(new UtxoOutput(5,
                        2_699_990_000L, ScriptType.WITNESS_V0_KEYHASH, scenario.aliceLock.graphAddress()))));
        assertThat(stored.fee()).hasValue(10_000);
        assertThat(scenario.main.block(107).getTransactions()).contains(fanOut, spend);
        // Nothing was asked of the node: every spent output came from the block or the cache.
        assertThat(node.calls("getrawtransaction")).isEqualTo(asked);
        assertThat(report.resolved().source()).isZero();
    }

    @Test
    void run_transactionWithSixInputsOfSixAddresses_eachInputAndTheFeeExact() {
        ingest(client(), 0, 109);

        UtxoTransaction stored = store.utxo().transaction(BTC, scenario.sixInputs.getTxId().toString()).orElseThrow();

        assertThat(stored).isEqualTo(whole.transactions().get(stored.txid()));
        assertThat(stored.inputs()).extracting(i -> i.prevout().orElseThrow().address()).doesNotHaveDuplicates()
                .containsExactly(scenario.minerLock.graphAddress(), scenario.carolLock.graphAddress(),
                        scenario.daveLock.graphAddress(), scenario.p2sh.graphAddress(), scenario.p2wsh.graphAddress(),
                        scenario.bare.graphAddress());
        assertThat(stored.inputs()).extracting(i -> i.prevout().orElseThrow().type()).containsExactly(
                ScriptType.PUBKEY, ScriptType.WITNESS_V0_KEYHASH, ScriptType.PUBKEYHASH, ScriptType.SCRIPTHASH,
                ScriptType.WITNESS_V0_SCRIPTHASH, ScriptType.MULTISIG);
        assertThat(stored.inputValue()).hasValue(16_600_000_000L);
        assertThat(stored.outputs()).containsExactly(
                new UtxoOutput(0, 15_000_000_000L, ScriptType.WITNESS_V1_TAPROOT, scenario.frankLock.graphAddress()),
                new UtxoOutput(1, 1_599_970_000L, ScriptType.PUBKEYHASH, scenario.daveLock.graphAddress()));
        assertThat(stored.fee()).hasValue(30_000).hasValue(whole.fees().get(stored.txid()));
    }

    @Test
    void run_toBlock107ThenResumedAfterTheCheckpoint_sameGraphAsOneRun() {
        ingest(client(), 0, 109);
        Map<String, Object> oneRun = snapshot();
        store.deleteAllForTests();
        // Without prevouts in the blocks, so that the second run must find spent outputs somewhere.
        node.verbosity3(Verbosity3.REFUSED);
        BitcoinCoreClient client = client();

        UtxoIngestReport first = ingest(client, 0, 107);
        Checkpoint at = store.checkpoint(BTC).orElseThrow();
        UtxoIngestReport second = ingest(client, at.number() + 1, client.blockCount());

        assertThat(at).isEqualTo(new Checkpoint(BTC, 107, scenario.main.block(107).getHashAsString()));
        assertThat(first.blocks() + second.blocks()).isEqualTo(110);
        // A new ingestor starts with an empty cache: the six inputs of block 108 and the three of 109
        // spend outputs of blocks 1-107, found in the graph.
        assertThat(second.resolved().graph()).isEqualTo(9);
        assertThat(second.resolved().source()).isZero();
        assertThat(snapshot()).isEqualTo(oneRun);
        assertTransactionsStored(whole);
        assertFlowsStored(whole);
    }

    @Test
    void run_fromBlock107OnANodeWithoutVerbosity3_earlierOutputsComeFromGetrawtransaction() {
        node.verbosity3(Verbosity3.REFUSED);
        RegtestExpectation tail = RegtestExpectation.of(scenario.main, 107, 109);

        long asked = node.calls("getrawtransaction"); // the node is shared by the tests

        UtxoIngestReport report = ingest(client(), 107, 109);

        // Spent outputs of blocks 1-6: alice's, bob's (107), miner's, carol's, dave's (108).
        assertThat(report.resolved().source()).isEqualTo(5);
        assertThat(node.calls("getrawtransaction") - asked).isEqualTo(5);
        assertThat(report.fees()).isEqualTo(tail.totalFees());
        assertThat(store.counts()).containsAllEntriesOf(tail.counts());
        for (UtxoTransaction expected : tail.transactions().values()) {
            UtxoTransaction stored = store.utxo().transaction(BTC, expected.txid()).orElseThrow();
            assertThat(stored.outputs()).isEqualTo(expected.outputs());
            assertThat(stored.inputs()).extracting(UtxoInput::spent)
                    .isEqualTo(expected.inputs().stream().map(UtxoInput::spent).toList());
        }
        assertFlowsStored(tail);
    }

    /** Each transaction as stored equals the expected one: inputs with address and value, outputs, sizes, fee. */
    private void assertTransactionsStored(RegtestExpectation expected) {
        for (UtxoTransaction t : expected.transactions().values()) {
            UtxoTransaction stored = store.utxo().transaction(BTC, t.txid()).orElseThrow();
            assertThat(stored).as(t.txid()).isEqualTo(t);
            if (!t.coinbase()) {
                assertThat(stored.fee()).as(t.txid()).hasValue(expected.fees().get(t.txid()));
            }
        }
    }

    /** Per address: what it received and sent, in satoshi and in number of outputs and inputs. */
    private void assertFlowsStored(RegtestExpectation expected) {
        expected.flows().forEach((address, f) -> {
            AssetTotals totals = store.addressSummary(BTC, address).orElseThrow().totals().get(0);
            assertThat(List.of(totals.received(), totals.transfersIn(), totals.sent(), totals.transfersOut()))
                    .as(address).containsExactly(BigInteger.valueOf(f[0]), f[1], BigInteger.valueOf(f[2]), f[3]);
        });
    }

    /** Counts, checkpoint, every expected transaction and address as the graph gives them back. */
    private Map<String, Object> snapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("counts", store.counts());
        snapshot.put("checkpoint", store.checkpoint(BTC));
        whole.transactions().keySet().forEach(txid -> snapshot.put(txid, store.utxo().transaction(BTC, txid)));
        whole.flows().keySet().forEach(address -> snapshot.put(address,
                store.addressSummary(BTC, address).map(AddressSummary::totals)));
        return snapshot;
    }
}
