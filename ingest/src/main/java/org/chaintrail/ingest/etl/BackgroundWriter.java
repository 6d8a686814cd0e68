package org.chaintrail.ingest.etl;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.model.WriteBatch;

/**
 * Writes batches on one background thread, in the order they are handed over, so that reading
 * and parsing the next batch overlaps with writing this one. At most {@code capacity} batches
 * are handed over and not yet written; {@link #submit} waits for room beyond that.
 *
 * <p>Only whole, validated batches are handed over, so a malformed row never reaches the store.
 * {@link #close} waits for every batch handed over to be written, so an import that stops on a
 * bad row keeps all the batches before it. After a failed write nothing more is written (a later
 * batch must not land while an earlier one is missing), and the next {@link #submit} or
 * {@link #finish} throws the store's exception, of its own type, so a retryable failure stays
 * retryable.
 */
final class BackgroundWriter implements AutoCloseable {
    private final GraphStore store;
    private final Semaphore room;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "etl-writer");
        t.setDaemon(true);
        return t;
    });
    private volatile RuntimeException failure;

    /**
     * @param store    where batches go
     * @param capacity batches handed over and not yet written, at most; 1 or more
     */
    BackgroundWriter(GraphStore store, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be 1 or more, was " + capacity);
        }
        this.store = store;
        this.room = new Semaphore(capacity);
    }

    /**
     * Hands a batch over for writing, waiting while {@code capacity} batches are pending.
     *
     * @throws RuntimeException the exception of an earlier failed write
     * @throws IngestException  if interrupted while waiting (the interrupt flag is restored)
     */
    void submit(WriteBatch batch) {
        throwIfFailed();
        try {
            room.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("interrupted while waiting to write a batch of " + batch.transfers().size()
                    + " transfers", e);
        }
        thread.execute(() -> {
            try {
                if (failure == null) {
                    store.write(batch);
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

    /** The failure of a write, if one failed. */
    Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
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
                // Returning early would let the caller report a state the store has not reached yet.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void throwIfFailed() {
        RuntimeException e = failure;
        if (e != null) {
            throw e;
        }
    }
}
