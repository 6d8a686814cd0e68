package org.chaintrail.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.chaintrail.graph.AuditStore;
import org.chaintrail.model.AuditEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes the audit log, with group commit: request threads queue their events
 * and wait; the writer takes all that are queued (up to {@value #MAX_BATCH}) into one transaction,
 * and whatever arrives while that commits makes the next batch. So a burst of requests costs a
 * few transactions, not one each, and the chain is built in one order.
 */
final class AuditWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);
    private static final int MAX_BATCH = 1_000;
    /** How long a request waits for its entry before it is answered 503. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final AuditStore store;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    private record Pending(AuditEntry.Event event, CompletableFuture<AuditEntry> stored) {
    }

    /** Thrown when an event could not be recorded: the request must not be answered as if it were. */
    static final class AuditFailure extends Exception {
        AuditFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    AuditWriter(AuditStore store) {
        this.store = store;
        this.thread = new Thread(this::run, "chaintrail-audit-writer");
        thread.setDaemon(true); // a server never stopped must not keep the JVM alive; stop() drains it
    }

    void start() {
        thread.start();
    }

    /**
     * Records an event and waits until it is committed.
     *
     * @return the entry as stored
     * @throws AuditFailure if it could not be stored in time
     */
    AuditEntry record(AuditEntry.Event event) throws AuditFailure {
        if (closed) {
            throw new AuditFailure("the audit writer is stopped", null);
        }
        try {
            return submit(event).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AuditFailure("the audit log could not be written", e.getCause());
        } catch (TimeoutException e) {
            throw new AuditFailure("the audit log was not written within " + WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditFailure("interrupted while waiting for the audit log", e);
        }
    }

    /**
     * Queues an event without waiting for it: for an answer that reveals nothing (a 503 while the
     * graph is down), which need not be held back. A failure to store it is logged by the writer.
     *
     * @return completes with the entry as stored
     */
    CompletableFuture<AuditEntry> submit(AuditEntry.Event event) {
        Pending p = new Pending(event, new CompletableFuture<>());
        queue.add(p);
        return p.stored();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            Pending first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (first == null) {
                if (closed) {
                    break;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            write(batch);
            batch.clear();
        }
        // Stopped: whatever is still queued is written, or fails, but is never left waiting.
        queue.drainTo(batch);
        write(batch);
    }

    private void write(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<AuditEntry> entries = store.append(batch.stream().map(Pending::event).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).stored().complete(entries.get(i));
            }
        } catch (RuntimeException e) {
            LOG.error("could not write {} audit entries", batch.size(), e);
            batch.forEach(p -> p.stored().completeExceptionally(e));
        }
    }

    /** Writes what is queued and stops the thread. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
