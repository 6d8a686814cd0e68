package org.chaintrail.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.graph.NaiveUtxoMergeWriter;
import org.chaintrail.ingest.bitcoin.BlkChainReader;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoTransaction;

/**
 * The baseline of the Bitcoin ingest benchmark: block files read in chain order and written by
 * {@link NaiveUtxoMergeWriter}, one write transaction per Bitcoin transaction and one statement
 * per row. The graph is the same as {@code UtxoStore} writes.
 *
 * <p>The first block (one coinbase of tens of thousands of outputs) is written untimed with
 * {@code UtxoStore}, so that the figure is that of ordinary blocks. It stops at the end of the
 * first block that brings it to the transaction limit.
 *
 */
final class NaiveUtxoIngest {
    private static final Chain CHAIN = Chain.BITCOIN;

    /**
     * @param blocks       blocks written by the timed part
     * @param transactions transactions written by it
     * @param inputs       inputs written by it
     * @param outputs      outputs written by it
     * @param elapsed      its wall-clock time, reading the files included
     */
    record Result(long blocks, long transactions, long inputs, long outputs, Duration elapsed) {
        double seconds() {
            return Math.max(elapsed.toNanos() / 1e9, 1e-9);
        }

        double transactionsPerSecond() {
            return transactions / seconds();
        }
    }

    private NaiveUtxoIngest() {
    }

    /**
     * @param connection the graph, embedded, empty
     * @param files      the block files
     * @param limit      the transactions after which to stop, at the end of a block
     * @throws IllegalStateException if an input's spent output is not in the graph
     */
    static Result run(GraphConnection connection, Path files, long limit) {
        NaiveUtxoMergeWriter writer = new NaiveUtxoMergeWriter(connection);
        try (BlkChainReader reader = BlkChainReader.fromGenesis(files)) {
            UtxoBlock genesis = reader.next().orElseThrow();
            connection.store().utxo().write(List.of(genesis), Optional.of(new Checkpoint(CHAIN, 0,
                    genesis.block().hash())));
            long started = System.nanoTime();
            long blocks = 0;
            long transactions = 0;
            long inputs = 0;
            long outputs = 0;
            while (transactions < limit) {
                Optional<UtxoBlock> next = reader.next();
                if (next.isEmpty()) {
                    break;
                }
                UtxoBlock b = next.get();
                writer.write(b);
                for (UtxoTransaction t : b.transactions()) {
                    inputs += t.inputs().size();
                    outputs += t.outputs().size();
                }
                blocks++;
                transactions += b.transactions().size();
            }
            return new Result(blocks, transactions, inputs, outputs, Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
