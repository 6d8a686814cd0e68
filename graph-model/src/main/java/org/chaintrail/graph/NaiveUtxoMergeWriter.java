package org.chaintrail.graph;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.chaintrail.model.Chain;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoInput;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;
import org.neo4j.driver.TransactionContext;

/**
 * Writes Bitcoin blocks the way most scripts do it: one write transaction per Bitcoin
 * transaction and one statement per row: {@code MERGE} of the transaction node, then of each
 * output's address and {@code OUT} edge, then, for each input, a look-up of the spent output in
 * the graph and a {@code MERGE} of its {@code IN} edge, then the fee. The same graph as
 * {@link UtxoStore#write}; the baseline of the Bitcoin ingest benchmark, not a writer to use.
 */
public final class NaiveUtxoMergeWriter {
    private static final String BLOCK = """
            MERGE (b:Block {chain: $chain, number: $number})
            SET b.hash = $hash, b.timestamp = $timestamp""";

    private static final String TRANSACTION = """
            MERGE (t:Transaction {chain: $chain, txid: $txid})
              ON CREATE SET t.blockNumber = $blockNumber, t.txIndex = $txIndex, t.timestamp = $timestamp,
                            t.coinbase = $coinbase, t.outputValue = $outputValue, t.inputCount = $inputCount,
                            t.outputCount = $outputCount, t.size = $size, t.vsize = $vsize""";

    private static final String OUTPUT = """
            MATCH (t:Transaction {chain: $chain, txid: $txid})
            MERGE (a:Address {chain: $chain, address: $address})
            MERGE (t)-[o:OUT {index: $index}]->(a)
              ON CREATE SET o.value = $value, o.type = $type""";

    private static final String INPUT = """
            MATCH (:Transaction {chain: $chain, txid: $prevTxid})-[o:OUT {index: $prevVout}]->(a:Address)
            MATCH (t:Transaction {chain: $chain, txid: $txid})
            MERGE (a)-[i:IN {index: $index}]->(t)
              ON CREATE SET i.value = o.value, i.prevTxid = $prevTxid, i.prevVout = $prevVout
            RETURN o.value AS value""";

    private static final String FEE = """
            MATCH (t:Transaction {chain: $chain, txid: $txid})
            SET t.inputValue = $inputValue, t.fee = $fee""";

    private final GraphConnection connection;

    /**
     * @param connection the graph; its driver runs the statements
     */
    public NaiveUtxoMergeWriter(GraphConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * Stores a block in its own transaction, then each of its transactions in one of its own.
     *
     * @throws IllegalStateException if an input's spent output is not in the graph
     */
    public void write(UtxoBlock b) {
        try (var session = connection.driver().session()) {
            session.executeWriteWithoutResult(tx -> tx.run(BLOCK, Map.of("chain", Chain.BITCOIN.id(),
                    "number", b.block().number(), "hash", b.block().hash(),
                    "timestamp", b.block().timestamp())).consume());
            for (UtxoTransaction t : b.transactions()) {
                session.executeWriteWithoutResult(tx -> write(tx, b, t));
            }
        }
    }

    private static void write(TransactionContext tx, UtxoBlock b, UtxoTransaction t) {
        Map<String, Object> p = new HashMap<>();
        p.put("chain", Chain.BITCOIN.id());
        p.put("txid", t.txid());
        p.put("blockNumber", b.block().number());
        p.put("txIndex", t.index());
        p.put("timestamp", b.block().timestamp());
        p.put("coinbase", t.coinbase());
        p.put("outputValue", t.outputValue());
        p.put("inputCount", t.inputs().size());
        p.put("outputCount", t.outputs().size());
        p.put("size", t.size());
        p.put("vsize", t.vsize());
        tx.run(TRANSACTION, p).consume();
        for (UtxoOutput o : t.outputs()) {
            tx.run(OUTPUT, Map.of("chain", Chain.BITCOIN.id(), "txid", t.txid(), "address", o.address(), "index", o.index(),
                    "value", o.value(), "type", o.type().coreName())).consume();
        }
        long inputValue = 0;
        for (UtxoInput i : t.inputs()) {
            var found = tx.run(INPUT, Map.of("chain", Chain.BITCOIN.id(), "txid", t.txid(), "index", i.index(),
                    "prevTxid", i.spent().txid(), "prevVout", i.spent().vout())).list(r -> r.get("value").asLong());
            if (found.size() != 1) {
                throw new IllegalStateException("block " + b.block().number() + ": input " + i.index() + " of "
                        + t.txid() + " spends " + i.spent() + ", which the graph does not hold");
            }
            inputValue += found.get(0);
        }
        tx.run(FEE, Map.of("chain", Chain.BITCOIN.id(), "txid", t.txid(), "inputValue", inputValue,
                "fee", t.coinbase() ? 0 : inputValue - t.outputValue())).consume();
    }
}
