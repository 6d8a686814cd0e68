package org.chaintrail.ingest.bitcoin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.chaintrail.graph.UtxoStore;
import org.chaintrail.ingest.BackgroundWriter;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;

/**
 * Writes batches of blocks on a {@link BackgroundWriter}, so that reading, parsing and resolving
 * the next batch overlaps with writing this one.
 *
 * <p>Until a batch is committed its outputs are not in the graph, yet a later block may spend
 * them: {@link #pendingOutputs} holds them from hand-over to commit, and the resolver looks there
 * before asking the graph. They leave only after the commit, so an output is always in one of the
 * two.
 */
final class UtxoBatchWriter implements AutoCloseable {
    private record Batch(List<UtxoBlock> blocks, Checkpoint checkpoint) {
    }

    private final Map<OutPoint, UtxoOutput> pending = new ConcurrentHashMap<>();
    private final BackgroundWriter<Batch> writer;

    /**
     * @param store    where batches go
     * @param capacity batches handed over and not yet written, at most
     * @param written  told of each batch once it is committed, on the writer thread
     */
    UtxoBatchWriter(UtxoStore store, int capacity, Consumer<List<UtxoBlock>> written) {
        this.writer = new BackgroundWriter<>("utxo-writer", capacity, batch -> {
            store.write(batch.blocks(), Optional.of(batch.checkpoint()));
            written.accept(batch.blocks());
            forEachOutput(batch.blocks(), (p, o) -> pending.remove(p));
        });
    }

    /** Outputs of batches handed over and not committed yet. */
    Map<OutPoint, UtxoOutput> pendingOutputs() {
        return pending;
    }

    /**
     * Hands a batch over, waiting while {@code capacity} batches are pending.
     *
     * @throws RuntimeException the exception of an earlier failed write
     */
    void submit(List<UtxoBlock> batch, Checkpoint checkpoint) {
        List<UtxoBlock> blocks = List.copyOf(batch);
        forEachOutput(blocks, pending::put);
        writer.submit(new Batch(blocks, checkpoint));
    }

    /**
     * Waits until every batch handed over is written.
     *
     * @throws RuntimeException the exception of a failed write
     */
    void finish() {
        writer.finish();
    }

    /** Waits for the batches handed over to be written (or skipped after a failure). */
    @Override
    public void close() {
        writer.close();
    }

    private static void forEachOutput(List<UtxoBlock> blocks, BiConsumer<OutPoint, UtxoOutput> action) {
        for (UtxoBlock b : blocks) {
            for (UtxoTransaction t : b.transactions()) {
                t.outputs().forEach(o -> action.accept(new OutPoint(t.txid(), o.index()), o));
            }
        }
    }
}
