package org.chaintrail.graph;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.chaintrail.model.Block;
import org.chaintrail.model.Transfer;

/**
 * Writes the graph the way most blockchain-to-Neo4j scripts do: one transaction per transfer, each
 * a {@code MERGE} of both addresses, the transfer and both relationships. Same graph as
 * {@link GraphStore#write}, idempotent too, and it is the baseline of the ingest benchmark, not a
 * writer to use: every transfer pays a commit (a forced write of the transaction log) and, for
 * {@code MERGE} of a relationship, a look at the relationships of a node that may have millions.
 */
public final class NaiveMergeWriter {
    private static final String TRANSFER = """
            MERGE (a:Address {chain: $chain, address: $from})
            MERGE (b:Address {chain: $chain, address: $to})
            MERGE (t:Transfer {id: $id})
              ON CREATE SET t.chain = $chain, t.asset = $asset, t.amount = $amount, t.txHash = $txHash,
                            t.blockNumber = $blockNumber, t.txIndex = $txIndex, t.logIndex = $logIndex,
                            t.timestamp = $timestamp
            MERGE (a)-[:IN]->(t)
            MERGE (t)-[:OUT]->(b)""";

    private static final String BLOCK = """
            MERGE (b:Block {chain: $chain, number: $number})
            SET b.hash = $hash, b.timestamp = $timestamp""";

    private final GraphConnection connection;

    /**
     * @param connection the graph; its driver runs the statements
     */
    public NaiveMergeWriter(GraphConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** Stores one transfer in its own transaction. */
    public void write(Transfer t) {
        Map<String, Object> params = new HashMap<>();
        params.put("chain", t.chain().id());
        params.put("from", t.from());
        params.put("to", t.to());
        params.put("id", t.id());
        params.put("asset", t.assetKey());
        params.put("amount", t.amount().toString());
        params.put("txHash", t.txHash());
        params.put("blockNumber", t.blockNumber());
        params.put("txIndex", t.txIndex());
        params.put("logIndex", t.logIndex());
        params.put("timestamp", t.timestamp());
        run(TRANSFER, params);
    }

    /** Stores one block in its own transaction. */
    public void write(Block b) {
        run(BLOCK, Map.of("chain", b.chain().id(), "number", b.number(), "hash", b.hash(), "timestamp", b.timestamp()));
    }

    private void run(String cypher, Map<String, Object> params) {
        try (var session = connection.driver().session()) {
            session.executeWriteWithoutResult(tx -> tx.run(cypher, params).consume());
        }
    }
}
