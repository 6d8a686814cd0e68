package org.chaintrail.ingest.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.graph.TestGraph;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.model.BitcoinAddress;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.ScriptType;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoInput;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where spent outputs are found, in order: the same block, the cache of recent unspent outputs,
 * the outputs still on their way to the graph, the graph (one query per block), the source.
 * Made-up txids; real address encodings; the real embedded Neo4j.
 */
class PrevoutResolverTest {
    private static final Chain BTC = Chain.BITCOIN;

    private GraphStore store;
    private final Map<OutPoint, UtxoOutput> unwritten = new HashMap<>();
    private final List<Collection<OutPoint>> asked = new ArrayList<>();
    private final Map<OutPoint, UtxoOutput> nodeKnows = new HashMap<>();

    @BeforeEach
    void setUp() {
        store = TestGraph.fresh().store();
    }

    private PrevoutResolver resolver(int capacity) {
        return new PrevoutResolver(BTC, store.utxo(), outpoints -> {
            asked.add(List.copyOf(outpoints));
            Map<OutPoint, UtxoOutput> answer = new HashMap<>();
            outpoints.forEach(p -> Optional.ofNullable(nodeKnows.get(p)).ifPresent(o -> answer.put(p, o)));
            return answer;
        }, capacity, unwritten);
    }

    private static String txid(int n) {
        return String.format("%064x", n);
    }

    private static UtxoOutput pay(int index, long value, int key) {
        byte[] hash = new byte[20];
        hash[19] = (byte) key;
        return new UtxoOutput(index, value, ScriptType.PUBKEYHASH, BitcoinAddress.p2pkh(hash));
    }

    private static UtxoTransaction coinbase(int n, UtxoOutput out) {
        return new UtxoTransaction(txid(n), 0, true, List.of(), List.of(out), 100, 100);
    }

    private static UtxoTransaction spend(int n, int index, OutPoint spent, UtxoOutput out) {
        return new UtxoTransaction(txid(n), index, false, List.of(new UtxoInput(0, spent, Optional.empty())),
                List.of(out), 200, 200);
    }

    private static UtxoBlock block(long number, UtxoTransaction... txs) {
        return new UtxoBlock(new Block(BTC, number, String.format("%064x", 1000 + number), 1_600_000_000L + number),
                String.format("%064x", 999 + number), List.of(txs));
    }

    @Test
    void resolve_spendOfAnOutputInTheSameBlock_resolvedWithoutAskingAnyone() {
        UtxoBlock b = block(1, coinbase(1, pay(0, 50, 1)), spend(2, 1, new OutPoint(txid(1), 0), pay(0, 40, 2)));

        UtxoBlock resolved = resolver(10).resolve(b);

        assertThat(resolved.transactions().get(1).inputs().get(0).prevout()).contains(pay(0, 50, 1));
        assertThat(resolved.transactions().get(1).fee()).hasValue(10);
        assertThat(asked).isEmpty();
    }

    @Test
    void resolve_outputStillOnItsWayToTheGraph_foundAmongTheUnwritten() {
        PrevoutResolver resolver = resolver(1);
        resolver.resolve(block(1, coinbase(1, pay(0, 50, 1))));
        resolver.resolve(block(2, coinbase(2, pay(0, 50, 2)))); // pushes block 1's output out of a cache of one
        unwritten.put(new OutPoint(txid(1), 0), pay(0, 50, 1));

        UtxoBlock resolved = resolver.resolve(block(3, coinbase(3, pay(0, 50, 3)),
                spend(4, 1, new OutPoint(txid(1), 0), pay(0, 50, 4))));

        assertThat(resolved.transactions().get(1).inputs().get(0).prevout()).contains(pay(0, 50, 1));
        assertThat(resolver.counts()).isEqualTo(new PrevoutSources(1, 0, 0));
        assertThat(asked).isEmpty();
    }

    @Test
    void resolve_outputsInTheGraphAndAtTheNode_graphFirstThenOneBatchToTheNode() {
        store.utxo().write(List.of(block(1, coinbase(1, pay(0, 50, 1)))), Optional.empty());
        nodeKnows.put(new OutPoint(txid(7), 3), pay(3, 70, 7));
        nodeKnows.put(new OutPoint(txid(1), 0), pay(0, 999, 9)); // must not be asked: the graph has it

        UtxoBlock resolved = resolver(10).resolve(block(2, coinbase(2, pay(0, 50, 2)),
                spend(3, 1, new OutPoint(txid(1), 0), pay(0, 45, 3)),
                spend(4, 2, new OutPoint(txid(7), 3), pay(0, 60, 4))));

        assertThat(resolved.transactions().get(1).inputs().get(0).prevout()).contains(pay(0, 50, 1));
        assertThat(resolved.transactions().get(2).inputs().get(0).prevout()).contains(pay(3, 70, 7));
        assertThat(asked).containsExactly(List.of(new OutPoint(txid(7), 3)));
    }

    @Test
    void resolve_outputNobodyKnows_failsNamingTheInputAndTheOutpoint() {
        OutPoint unknown = new OutPoint(txid(8), 1);

        assertThatThrownBy(() -> resolver(10).resolve(block(5, coinbase(5, pay(0, 50, 5)),
                spend(6, 1, unknown, pay(0, 10, 6)))))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("block 5").hasMessageContaining(txid(6)).hasMessageContaining(unknown.toString());
    }

    @Test
    void resolve_outputSpentOnce_leavesTheCache() {
        PrevoutResolver resolver = resolver(10);
        resolver.resolve(block(1, coinbase(1, pay(0, 50, 1))));
        resolver.resolve(block(2, coinbase(2, pay(0, 50, 2)), spend(3, 1, new OutPoint(txid(1), 0), pay(0, 50, 3))));

        // A second spend of the same output (invalid on chain) is not answered from memory.
        assertThatThrownBy(() -> resolver.resolve(block(3, coinbase(4, pay(0, 50, 4)),
                spend(5, 1, new OutPoint(txid(1), 0), pay(0, 50, 5)))))
                .isInstanceOf(IngestException.class);
    }
}
