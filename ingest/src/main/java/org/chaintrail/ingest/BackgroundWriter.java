package org.chaintrail.ingest;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes batches on one background thread, in the order they are handed over, so that reading
 * and parsing the next batch overlaps with writing this one: the ethereum-etl import's transfer
 * batches and the Bitcoin ingest's blocks alike. At most {@code capacity} batches
 * are handed over and not yet written; {@link #submit} waits for room beyond that.
 *
 * <p>Only whole, validated batches are handed over, so a malformed row never reaches the store.
 * {@link #close} waits for every batch handed over to be written, so an import that stops on a
 * bad row keeps all the batches before it. After a failed write nothing more is written (a later
 * batch must not land while an earlier one is missing), and the next {@link #submit} or
 * {@link #finish} throws the store's exception, of its own type, so a retryable failure stays
 * retryable.
 */
public final class BackgroundWriter<B> implements AutoCloseable {
    private final Consumer<B> write;
    private final Semaphore room;
    private final ExecutorService thread;
    private volatile RuntimeException failure;

    /**
     * @param name     the writer thread's name
     * @param capacity batches handed over and not yet written, at most; 1 or more
     * @param write    stores one batch, in one transaction
     */
    public BackgroundWriter(String name, int capacity, Consumer<B> write) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be 1 or more, was " + capacity);
        }
        this.write = write;
        this.room = new Semaphore(capacity);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Hands a batch over for writing, waiting while {@code capacity} batches are pending.
     *
     * @throws RuntimeException the exception of an earlier failed write
     * @throws IngestException  if interrupted while waiting (the interrupt flag is restored)
     */
    public void submit(B batch) {
        throwIfFailed();
        try {
            room.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("interrupted while waiting to write a batch", e);
        }
        thread.execute(() -> {
            try {
                if (failure == null) {
                    write.accept(batch);
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
    public void finish() {
        close();
        throwIfFailed();
    }

    /** The failure of a write, if one failed. */
    public Optional<RuntimeException> failure() {
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
