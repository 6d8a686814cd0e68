package org.chaintrail.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.PlacedTransaction;
import org.chaintrail.model.ScriptType;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoInput;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;

/**
 * The UTXO side of the graph (Bitcoin): transactions keep their inputs and outputs, so that
 * clustering and tracing see which outputs a transaction spent and which it created, not a
 * flattened list of address-to-address edges.
 *
 * <p>The shape: {@code (:Transaction {chain, txid, blockNumber, txIndex, timestamp, coinbase, fee,
 * inputValue, outputValue, inputCount, outputCount, size, vsize})};
 * {@code (payer:Address)-[:IN {index, value, prevTxid, prevVout}]->(t)} for each input, with the
 * spent output's value; {@code (t)-[:OUT {index, value, type}]->(payee:Address)} for each output,
 * whose {@code type} is Bitcoin Core's script type. Values are satoshi as integers (they fit 64
 * bits: 21 million BTC is 2.1e15 satoshi). Blocks and checkpoints are those of account chains.
 *
 * <p>Writes are idempotent: a transaction already stored (same chain and txid) is left as it is.
 * That also covers the two historical coinbases that repeat an earlier txid (BIP 30, heights 91842
 * and 91880): as in Bitcoin Core, the earlier one is the one that counts.
 */
public final class UtxoStore {
    private static final String STORED = """
            UNWIND $txids AS txid
            MATCH (t:Transaction {chain: $chain, txid: txid})
            RETURN txid""";

    /*
     * Each distinct address of the batch is merged once, in $addresses order; inputs and outputs
     * name their address by position, so an edge costs no lookup of its own. Only new
     * transactions reach this statement, so their edges are created, not merged.
     */
    private static final String WRITE_TRANSACTIONS = """
            UNWIND range(0, size($addresses) - 1) AS i
            WITH i, $addresses[i] AS address
            MERGE (a:Address {chain: $chain, address: address})
            WITH i, a ORDER BY i
            WITH collect(a) AS addresses
            UNWIND $txs AS r
            CREATE (t:Transaction {chain: $chain, txid: r.txid, blockNumber: r.blockNumber, txIndex: r.txIndex,
                                   timestamp: r.timestamp, coinbase: r.coinbase, fee: r.fee, inputValue: r.inputValue,
                                   outputValue: r.outputValue, inputCount: r.inputCount,
                                   outputCount: r.outputCount, size: r.size, vsize: r.vsize})
            WITH addresses, t, r
            CALL (addresses, t, r) {
              UNWIND r.outputs AS o
              WITH addresses[o[0]] AS payee, o
              CREATE (t)-[:OUT {index: o[1], value: o[2], type: o[3]}]->(payee)
            }
            CALL (addresses, t, r) {
              UNWIND r.inputs AS x
              WITH addresses[x[0]] AS payer, x
              CREATE (payer)-[:IN {index: x[1], value: x[2], prevTxid: x[3], prevVout: x[4]}]->(t)
            }""";

    private static final String OUTPUTS = """
            UNWIND $outpoints AS p
            MATCH (t:Transaction {chain: $chain, txid: p[0]})-[o:OUT]->(a:Address)
            WHERE o.index = p[1]
            RETURN t.txid AS txid, o.index AS vout, o.value AS value, o.type AS type, a.address AS address""";

    private static final String TRANSACTION = """
            MATCH (t:Transaction {chain: $chain, txid: $txid})
            CALL (t) {
              MATCH (p:Address)-[i:IN]->(t)
              RETURN collect([i.index, i.prevTxid, i.prevVout, i.value, p.address]) AS inputs
            }
            CALL (t) {
              MATCH (t)-[o:OUT]->(q:Address)
              RETURN collect([o.index, o.value, o.type, q.address]) AS outputs
            }
            RETURN t.txid AS txid, t.txIndex AS txIndex, t.coinbase AS coinbase, t.size AS size, t.vsize AS vsize,
                   inputs, outputs""";

    private static final String OUTPUTS_PAYING = """
            UNWIND $addresses AS address
            MATCH (:Address {chain: $chain, address: address})<-[o:OUT]-(t:Transaction)
            RETURN t.txid AS txid, o.index AS vout""";

    /* Shared tail: a transaction with every input and output, in one row. */
    private static final String PLACED = """
            CALL (t) {
              MATCH (p:Address)-[i:IN]->(t)
              RETURN collect([i.index, i.prevTxid, i.prevVout, i.value, p.address]) AS inputs
            }
            CALL (t) {
              MATCH (t)-[o:OUT]->(q:Address)
              RETURN collect([o.index, o.value, q.address]) AS outputs
            }
            RETURN t.txid AS txid, t.blockNumber AS blockNumber, t.txIndex AS txIndex, t.timestamp AS timestamp,
                   inputs, outputs""";

    // Seeks the input_spent relationship index on prevTxid, then checks the vout.
    private static final String SPENDERS = """
            UNWIND $outpoints AS p
            MATCH (:Address)-[i:IN]->(s:Transaction {chain: $chain})
            WHERE i.prevTxid = p[0] AND i.prevVout = p[1]
            WITH DISTINCT s AS t
            """ + PLACED;

    private static final String PLACED_BY_TXID = """
            UNWIND $txids AS txid
            MATCH (s:Transaction {chain: $chain, txid: txid})
            WITH DISTINCT s AS t
            """ + PLACED;

    private final Driver driver;
    private final Runnable roomToWrite;

    UtxoStore(Driver driver, Runnable roomToWrite) {
        this.driver = driver;
        this.roomToWrite = roomToWrite;
    }

    /**
     * Writes blocks with their transactions and, when given, the chain's checkpoint, in one
     * transaction: all of it is stored, or none of it. Every input must be resolved (its spent
     * output known), so that each edge carries its value and the fee is exact.
     *
     * @throws IllegalArgumentException if an input is unresolved or the blocks are of several chains
     */
    public void write(List<UtxoBlock> blocks, Optional<Checkpoint> checkpoint) {
        if (blocks.isEmpty() && checkpoint.isEmpty()) {
            return;
        }
        roomToWrite.run();
        Chain chain = blocks.isEmpty() ? checkpoint.get().chain() : blocks.get(0).block().chain();
        List<Map<String, Object>> blockRows = new ArrayList<>();
        Map<String, UtxoTransaction> byTxid = new LinkedHashMap<>();
        Map<String, Long> blockOf = new HashMap<>();
        Map<String, Long> timeOf = new HashMap<>();
        for (UtxoBlock b : blocks) {
            if (b.block().chain() != chain) {
                throw new IllegalArgumentException("one write holds one chain's blocks: " + chain.id() + " and "
                        + b.block().chain().id());
            }
            blockRows.add(Map.of("chain", chain.id(), "number", b.block().number(), "hash", b.block().hash(),
                    "timestamp", b.block().timestamp()));
            for (UtxoTransaction t : b.transactions()) {
                if (!t.resolved()) {
                    throw new IllegalArgumentException("transaction " + t.txid() + " in block " + b.block().number()
                            + " has inputs whose spent outputs are unknown; resolve them before writing");
                }
                if (byTxid.putIfAbsent(t.txid(), t) == null) {
                    blockOf.put(t.txid(), b.block().number());
                    timeOf.put(t.txid(), b.block().timestamp());
                }
            }
        }
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                if (!blockRows.isEmpty()) {
                    tx.run(GraphStore.WRITE_BLOCKS, Map.of("rows", blockRows)).consume();
                }
                writeTransactions(tx, chain, byTxid, blockOf, timeOf);
                checkpoint.ifPresent(c -> tx.run(GraphStore.WRITE_CHECKPOINT,
                        Map.of("chain", c.chain().id(), "number", c.number(), "hash", c.hash())).consume());
            });
        }
    }

    private static void writeTransactions(TransactionContext tx, Chain chain, Map<String, UtxoTransaction> byTxid,
                                          Map<String, Long> blockOf, Map<String, Long> timeOf) {
        if (byTxid.isEmpty()) {
            return;
        }
        Set<String> stored = new HashSet<>(tx.run(STORED, Map.of("chain", chain.id(),
                "txids", List.copyOf(byTxid.keySet()))).list(r -> r.get("txid").asString()));
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (UtxoTransaction t : byTxid.values()) {
            if (!stored.contains(t.txid())) {
                rows.add(transactionRow(t, blockOf.get(t.txid()), timeOf.get(t.txid()), positions));
            }
        }
        if (!rows.isEmpty()) {
            tx.run(WRITE_TRANSACTIONS, Map.of("chain", chain.id(), "addresses", List.copyOf(positions.keySet()),
                    "txs", rows)).consume();
        }
    }

    private static Map<String, Object> transactionRow(UtxoTransaction t, long block, long timestamp,
                                                      Map<String, Integer> positions) {
        Map<String, Object> row = new HashMap<>();
        row.put("txid", t.txid());
        row.put("blockNumber", block);
        row.put("txIndex", t.index());
        row.put("timestamp", timestamp);
        row.put("coinbase", t.coinbase());
        row.put("fee", t.fee().getAsLong());
        row.put("inputValue", t.inputValue().getAsLong());
        row.put("outputValue", t.outputValue());
        row.put("inputCount", t.inputs().size());
        row.put("outputCount", t.outputs().size());
        row.put("size", t.size());
        row.put("vsize", t.vsize());
        List<List<Object>> outputs = new ArrayList<>(t.outputs().size());
        for (UtxoOutput o : t.outputs()) {
            outputs.add(List.of(position(positions, o.address()), o.index(), o.value(), o.type().coreName()));
        }
        List<List<Object>> inputs = new ArrayList<>(t.inputs().size());
        for (UtxoInput i : t.inputs()) {
            UtxoOutput spent = i.prevout().orElseThrow();
            inputs.add(List.of(position(positions, spent.address()), i.index(), spent.value(), i.spent().txid(),
                    i.spent().vout()));
        }
        row.put("outputs", outputs);
        row.put("inputs", inputs);
        return row;
    }

    private static int position(Map<String, Integer> positions, String address) {
        return positions.computeIfAbsent(address, k -> positions.size());
    }

    /**
     * The stored outputs among these: what inputs spend, for an ingestor resolving them. An
     * outpoint the graph does not hold is absent from the answer.
     */
    public Map<OutPoint, UtxoOutput> outputs(Chain chain, Collection<OutPoint> outpoints) {
        if (outpoints.isEmpty()) {
            return Map.of();
        }
        List<List<Object>> keys = outpoints.stream().map(p -> List.<Object>of(p.txid(), p.vout())).toList();
        Map<OutPoint, UtxoOutput> found = new HashMap<>();
        try (var session = driver.session()) {
            session.executeRead(tx -> tx.run(OUTPUTS, Map.of("chain", chain.id(), "outpoints", keys)).list(r -> {
                int vout = r.get("vout").asInt();
                found.put(new OutPoint(r.get("txid").asString(), vout), new UtxoOutput(vout, r.get("value").asLong(),
                        ScriptType.ofCoreName(r.get("type").asString()), r.get("address").asString()));
                return null;
            }));
        }
        return found;
    }

    /**
     * One stored transaction with its outputs and its inputs resolved to the outputs they spent,
     * or empty if the graph does not hold it.
     */
    public Optional<UtxoTransaction> transaction(Chain chain, String txid) {
        Optional<UtxoTransaction> stored;
        try (var session = driver.session()) {
            stored = session.executeRead(tx -> tx.run(TRANSACTION, Map.of("chain", chain.id(),
                    "txid", chain.canonicalTxHash(txid))).list(UtxoStore::transaction)).stream().findFirst();
        }
        return stored.map(t -> {
            Map<OutPoint, UtxoOutput> spent = outputs(chain, t.inputs().stream().map(UtxoInput::spent).toList());
            List<UtxoInput> inputs = t.inputs().stream()
                    .map(i -> spent.containsKey(i.spent()) ? i.resolved(spent.get(i.spent())) : i).toList();
            return new UtxoTransaction(t.txid(), t.index(), t.coinbase(), inputs, t.outputs(), t.size(), t.vsize());
        });
    }


    /**
     * The outputs paid to these addresses, spent or not, sorted by txid and index. One query.
     *
     * @param addresses canonical addresses
     */
    public List<OutPoint> outputsPaying(Chain chain, Collection<String> addresses) {
        if (addresses.isEmpty()) {
            return List.of();
        }
        List<OutPoint> found;
        try (var session = driver.session()) {
            found = session.executeRead(tx -> tx.run(OUTPUTS_PAYING, Map.of("chain", chain.id(),
                    "addresses", List.copyOf(addresses))).list(r -> new OutPoint(r.get("txid").asString(),
                    r.get("vout").asInt())));
        }
        return found.stream().distinct()
                .sorted(Comparator.comparing(OutPoint::txid).thenComparingInt(OutPoint::vout)).toList();
    }

    /**
     * The transactions that spent any of these outputs, each once, in chain order. One query
     * (through the {@code input_spent} index); an unspent output has none.
     */
    public List<PlacedTransaction> spenders(Chain chain, Collection<OutPoint> outpoints) {
        if (outpoints.isEmpty()) {
            return List.of();
        }
        List<List<Object>> keys = outpoints.stream().map(p -> List.<Object>of(p.txid(), p.vout())).toList();
        return placed(SPENDERS, Map.of("chain", chain.id(), "outpoints", keys));
    }

    /**
     * These transactions with their inputs and outputs, in chain order; a txid the graph does not
     * hold is absent. One query.
     */
    public List<PlacedTransaction> placedTransactions(Chain chain, Collection<String> txids) {
        if (txids.isEmpty()) {
            return List.of();
        }
        return placed(PLACED_BY_TXID, Map.of("chain", chain.id(), "txids", List.copyOf(txids)));
    }

    private List<PlacedTransaction> placed(String query, Map<String, Object> parameters) {
        List<PlacedTransaction> found;
        try (var session = driver.session()) {
            found = session.executeRead(tx -> tx.run(query, parameters).list(UtxoStore::placed));
        }
        return found.stream().sorted(PlacedTransaction.CHAIN_ORDER).toList();
    }

    private static PlacedTransaction placed(Record r) {
        String txid = r.get("txid").asString();
        List<PlacedTransaction.Leg> inputs = r.get("inputs").asList(v -> new PlacedTransaction.Leg(v.get(0).asInt(),
                new OutPoint(v.get(1).asString(), v.get(2).asInt()), v.get(4).asString(), v.get(3).asLong()));
        List<PlacedTransaction.Leg> outputs = r.get("outputs").asList(v -> new PlacedTransaction.Leg(
                v.get(0).asInt(), new OutPoint(txid, v.get(0).asInt()), v.get(2).asString(), v.get(1).asLong()));
        return new PlacedTransaction(txid, r.get("blockNumber").asLong(), r.get("txIndex").asInt(),
                r.get("timestamp").asLong(), inputs, outputs);
    }

    private static UtxoTransaction transaction(Record r) {
        List<UtxoInput> inputs = new ArrayList<>(r.get("inputs").asList(v ->
                new UtxoInput(v.get(0).asInt(), new OutPoint(v.get(1).asString(), v.get(2).asInt()), Optional.empty())));
        inputs.sort(Comparator.comparingInt(UtxoInput::index));
        List<UtxoOutput> outputs = new ArrayList<>(r.get("outputs").asList(v -> new UtxoOutput(v.get(0).asInt(),
                v.get(1).asLong(), ScriptType.ofCoreName(v.get(2).asString()), v.get(3).asString())));
        outputs.sort(Comparator.comparingInt(UtxoOutput::index));
        return new UtxoTransaction(r.get("txid").asString(), r.get("txIndex").asInt(), r.get("coinbase").asBoolean(),
                inputs, outputs, r.get("size").asInt(), r.get("vsize").asInt());
    }
}
