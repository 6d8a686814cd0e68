package org.chaintrail.ingest.bitcoin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a UTXO chain's blocks from any {@link UtxoBlockSource}: resolves every input to the
 * output it spends ({@link PrevoutResolver}), then writes blocks in batches of about
 * {@code batchTransactions} transactions, each batch with the chain's checkpoint in one
 * transaction. Killed at any moment, the graph holds whole batches up to its checkpoint, and the
 * next run resumes after it.
 *
 * <p>Continuity is checked, not assumed: with a checkpoint stored, the first block must be the
 * next height and name the checkpoint's hash as its parent; every later block must follow the one
 * before it. A source that skips or forks is refused with both hashes named. Blocks the graph
 * holds already (same height and hash, up to the checkpoint) are skipped, so running a source
 * again changes nothing.
 */
public final class UtxoIngestor {
    private static final Logger LOG = LoggerFactory.getLogger(UtxoIngestor.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    /** Full batches waiting for the writer, at most: reading runs this far ahead of writing. */
    private static final int PENDING_BATCHES = 2;
    /** Recent outputs held to resolve inputs unless told otherwise (about 150 MB). */
    public static final int DEFAULT_CACHE_CAPACITY = PrevoutResolver.DEFAULT_CAPACITY;

    private final GraphStore store;
    private final Chain chain;
    private final int batchTransactions;
    private final int cacheCapacity;
    private final Consumer<Checkpoint> committed;
    private volatile boolean stopping;

    /**
     * @param store             the graph
     * @param chain             a UTXO chain
     * @param batchTransactions transactions per write, about (whole blocks are never split)
     * @param cacheCapacity     recent outputs held in memory to resolve inputs
     */
    public UtxoIngestor(GraphStore store, Chain chain, int batchTransactions, int cacheCapacity) {
        this(store, chain, batchTransactions, cacheCapacity, checkpoint -> { });
    }

    /**
     * @param store             the graph
     * @param chain             a UTXO chain
     * @param batchTransactions transactions per write, about (whole blocks are never split)
     * @param cacheCapacity     recent outputs held in memory to resolve inputs
     * @param committed         told of each batch's checkpoint once the batch is committed, on the
     *                          writer's thread (what --follow runs check watchlists with); an
     *                          exception it throws fails the ingest, so it must not throw
     */
    public UtxoIngestor(GraphStore store, Chain chain, int batchTransactions, int cacheCapacity,
                        Consumer<Checkpoint> committed) {
        if (!chain.isUtxo()) {
            throw new IllegalArgumentException(chain.id() + " is not a UTXO chain");
        }
        if (batchTransactions < 1) {
            throw new IllegalArgumentException("batch size must be 1 or more, was " + batchTransactions);
        }
        this.store = store;
        this.chain = chain;
        this.batchTransactions = batchTransactions;
        this.cacheCapacity = cacheCapacity;
        this.committed = committed;
    }

    /** With the defaults: 5,000 transactions per write and {@link #DEFAULT_CACHE_CAPACITY} outputs. */
    public UtxoIngestor(GraphStore store, Chain chain) {
        this(store, chain, 5_000, DEFAULT_CACHE_CAPACITY);
    }

    /** Asks a running ingest to stop after the batch it is writing; {@link #run} then returns. */
    public void stop() {
        stopping = true;
    }

    /** Where the chain's ingest stands: the checkpoint a source must continue from. */
    public Optional<Checkpoint> checkpoint() {
        return store.checkpoint(chain);
    }

    /**
     * Ingests the source's blocks up to {@code toBlock} (or to the source's end).
     *
     * @throws DiscontinuityException if a block does not follow the one before it; the batches before
     *                                it are stored
     * @throws IngestException         if an input cannot be resolved; the batches before it are stored
     */
    public UtxoIngestReport run(UtxoBlockSource source, OptionalLong toBlock) {
        long started = System.nanoTime();
        Totals totals = new Totals();
        Optional<Checkpoint> last = store.checkpoint(chain);
        boolean stopped = false;
        long skipped = 0;
        PrevoutResolver resolver;
        LOG.info("{}: ingesting from {}{}", chain.id(), source.describe(),
                last.map(c -> ", after block " + c.number() + " " + c.hash()).orElse(""));
        // The writer's thread stores one batch while this one reads, parses and resolves the next.
        try (UtxoBatchWriter writer = new UtxoBatchWriter(store.utxo(), PENDING_BATCHES, written -> {
            totals.add(written);
            committed.accept(Checkpoint.of(written.get(written.size() - 1).block()));
        })) {
            resolver = new PrevoutResolver(chain, store.utxo(), source::prevouts, cacheCapacity,
                    writer.pendingOutputs());
            List<UtxoBlock> batch = new ArrayList<>();
            int batchTxs = 0;
            long lastReport = started;
            while (true) {
                if (stopping) {
                    stopped = true;
                    break;
                }
                Optional<UtxoBlock> next = source.next();
                if (next.isEmpty() || toBlock.isPresent() && next.get().block().number() > toBlock.getAsLong()) {
                    break;
                }
                UtxoBlock block = next.get();
                if (storedAlready(last, block)) {
                    skipped++;
                    continue;
                }
                requireFollows(last, block);
                UtxoBlock resolved = resolver.resolve(block);
                batch.add(resolved);
                batchTxs += resolved.transactions().size();
                last = Optional.of(new Checkpoint(chain, block.block().number(), block.block().hash()));
                if (batchTxs >= batchTransactions) {
                    writer.submit(batch, last.get());
                    batch.clear();
                    batchTxs = 0;
                }
                if (System.nanoTime() - lastReport > PROGRESS_EVERY.toNanos()) {
                    lastReport = System.nanoTime();
                    double seconds = (lastReport - started) / 1e9;
                    LOG.info("{}: block {}, {} blocks/s, {} transactions/s", chain.id(), block.block().number(),
                            String.format(Locale.ROOT, "%.1f", totals.blocks / seconds),
                            Math.round(totals.transactions / seconds));
                }
            }
            if (!batch.isEmpty()) {
                writer.submit(batch, last.get());
            }
            writer.finish();
        }
        if (skipped > 0) {
            LOG.info("{}: skipped {} blocks of {} that the graph holds already", chain.id(), skipped,
                    source.describe());
        }
        return new UtxoIngestReport(source.describe(), totals.blocks, totals.transactions, totals.inputs,
                totals.outputs, totals.fees, resolver.counts(),
                totals.blocks == 0 ? OptionalLong.empty() : OptionalLong.of(totals.lastBlock),
                0, Duration.ofNanos(System.nanoTime() - started), stopped);
    }

    /**
     * Whether the block is at or below the checkpoint and the graph holds it with the same hash: a
     * source started before the checkpoint (an export imported again) is skipped up to it. The same
     * height with another hash is another branch, left to {@link #requireFollows} to refuse.
     */
    private boolean storedAlready(Optional<Checkpoint> last, UtxoBlock block) {
        long number = block.block().number();
        return last.isPresent() && number <= last.get().number()
                && block.block().hash().equals(store.blockHashes(chain, number, number).get(number));
    }

    private void requireFollows(Optional<Checkpoint> last, UtxoBlock block) {
        if (last.isEmpty()) {
            return;
        }
        Checkpoint previous = last.get();
        if (block.block().number() != previous.number() + 1 || !block.parentHash().equals(previous.hash())) {
            throw new DiscontinuityException(chain.id() + ": block " + block.block().number() + " "
                    + block.block().hash()
                    + " (parent " + block.parentHash() + ") does not follow block " + previous.number() + " "
                    + previous.hash() + "; the source skips blocks or is on another branch");
        }
    }

    /** What has been committed; written by the writer's thread, read once it has finished. */
    private static final class Totals {
        volatile long blocks;
        volatile long transactions;
        long inputs;
        long outputs;
        long fees;
        long lastBlock;

        void add(List<UtxoBlock> written) {
            for (UtxoBlock b : written) {
                for (UtxoTransaction t : b.transactions()) {
                    transactions++;
                    inputs += t.inputs().size();
                    outputs += t.outputs().size();
                    fees += t.fee().orElseThrow();
                }
                lastBlock = b.block().number();
                blocks++;
            }
        }
    }
}
