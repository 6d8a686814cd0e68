package org.chaintrail.ingest.bitcoin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.chaintrail.graph.UtxoStore;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoOutput;
import org.chaintrail.model.UtxoTransaction;

/**
 * Writes batches of blocks on one background thread, in order, so that reading, parsing and
 * resolving the next batch overlaps with writing this one; at most {@code capacity} batches wait.
 *
 * <p>Until a batch is committed its outputs are not in the graph, yet a later block may spend
 * them: {@link #pendingOutputs} holds them from hand-over to commit, and the resolver looks there
 * before asking the graph. They leave only after the commit, so an output is always in one of the
 * two. After a failed write nothing more is written (a later batch must not land while an earlier
 * one is missing) and the next call throws the store's exception.
 */
final class UtxoBatchWriter implements AutoCloseable {
    private final UtxoStore store;
    private final Consumer<List<UtxoBlock>> written;
    private final Semaphore room;
    private final Map<OutPoint, UtxoOutput> pending = new ConcurrentHashMap<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "utxo-writer");
        t.setDaemon(true);
        return t;
    });
    private volatile RuntimeException failure;

    /**
     * @param store    where batches go
     * @param capacity batches handed over and not yet written, at most
     * @param written  told of each batch once it is committed, on the writer thread
     */
    UtxoBatchWriter(UtxoStore store, int capacity, Consumer<List<UtxoBlock>> written) {
        this.store = store;
        this.written = written;
        this.room = new Semaphore(capacity);
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
        throwIfFailed();
        List<UtxoBlock> blocks = List.copyOf(batch);
        for (UtxoBlock b : blocks) {
            for (UtxoTransaction t : b.transactions()) {
                t.outputs().forEach(o -> pending.put(new OutPoint(t.txid(), o.index()), o));
            }
        }
        try {
            room.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("interrupted while waiting to write blocks up to " + checkpoint.number(), e);
        }
        thread.execute(() -> {
            try {
                if (failure == null) {
                    store.write(blocks, Optional.of(checkpoint));
                    written.accept(blocks);
                    for (UtxoBlock b : blocks) {
                        for (UtxoTransaction t : b.transactions()) {
                            t.outputs().forEach(o -> pending.remove(new OutPoint(t.txid(), o.index())));
                        }
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                room.release();
            }
        });
    }

    /**
     * Waits until every batch handed over is written.
     *
     * @throws RuntimeException the exception of a failed write
     */
    void finish() {
        close();
        throwIfFailed();
    }

    /** Waits for the batches handed over to be written (or skipped after a failure), then stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (thread.awaitTermination(1, TimeUnit.DAYS)) {
                    break;
                }
            } catch (InterruptedException e) {
                // Returning early would let the caller report a checkpoint the graph has not reached.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    private void throwIfFailed() {
        RuntimeException e = failure;
        if (e != null) {
            throw e;
        }
    }
}
