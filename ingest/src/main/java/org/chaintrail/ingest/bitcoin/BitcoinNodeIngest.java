package org.chaintrail.ingest.bitcoin;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the graph in step with a Bitcoin Core node: ingests up to the tip less the confirmations,
 * and with {@code follow} keeps polling for new blocks. Before each round the stored checkpoint is
 * compared with the node's block at that height; when the node has replaced it (a reorganisation),
 * the ingest walks back to the last block both agree on and rolls the graph back to it, in one
 * transaction, then ingests the node's branch. A block that stops following mid-round (the node
 * reorganised while we fetched) ends the round the same way.
 */
public final class BitcoinNodeIngest {
    private static final Logger LOG = LoggerFactory.getLogger(BitcoinNodeIngest.class);

    private final GraphStore store;
    private final BitcoinCoreClient node;
    private final UtxoIngestor ingestor;
    private final Options options;
    private volatile boolean stopping;

    /**
     * How far and how long to ingest.
     *
     * @param fromBlock      the first block when the graph has no checkpoint
     * @param toBlock        the last block, if fixed
     * @param confirmations  blocks to stay behind the tip
     * @param follow         whether to keep polling for new blocks until stopped
     * @param poll           how often to look for new blocks when following
     * @param maxReorgDepth  the deepest rollback accepted; deeper means another chain or node
     */
    public record Options(OptionalLong fromBlock, OptionalLong toBlock, int confirmations, boolean follow,
                          Duration poll, int maxReorgDepth) {
        public Options {
            if (confirmations < 0 || maxReorgDepth < 1) {
                throw new IllegalArgumentException("confirmations must be 0 or more and the reorg depth 1 or more");
            }
        }
    }

    public BitcoinNodeIngest(GraphStore store, BitcoinCoreClient node, UtxoIngestor ingestor, Options options) {
        this.store = store;
        this.node = node;
        this.ingestor = ingestor;
        this.options = options;
    }

    /** Stops after the batch being written; {@link #run} then returns. */
    public void stop() {
        stopping = true;
        ingestor.stop();
    }

    /**
     * Ingests until the last block (or, following, until stopped).
     *
     * @return what was stored, over all rounds
     * @throws IngestException if the graph has no checkpoint and no first block was given, or the
     *                         node's chain differs deeper than the reorg limit
     */
    public UtxoIngestReport run() {
        UtxoIngestReport total = null;
        long rolledBack = 0;
        while (!stopping) {
            Optional<Checkpoint> checkpoint = store.checkpoint(Chain.BITCOIN);
            if (checkpoint.isPresent()) {
                Checkpoint kept = reconcile(checkpoint.get());
                rolledBack += checkpoint.get().number() - kept.number();
                checkpoint = Optional.of(kept);
            }
            long first = checkpoint.map(c -> c.number() + 1).orElseGet(() -> options.fromBlock().orElseThrow(() ->
                    new IngestException("bitcoin: the graph has no checkpoint; give the first block to ingest")));
            long last = node.blockCount() - options.confirmations();
            if (options.toBlock().isPresent()) {
                last = Math.min(last, options.toBlock().getAsLong());
            }
            if (first <= last) {
                try (NodeBlockSource blocks = new NodeBlockSource(node, first, last)) {
                    UtxoIngestReport round = ingestor.run(blocks, OptionalLong.of(last));
                    total = total == null ? round : total.plus(round);
                } catch (DiscontinuityException e) {
                    LOG.warn("{}; checking for a reorganisation", e.getMessage());
                    continue;
                }
            }
            boolean done = options.toBlock().isPresent() && last >= options.toBlock().getAsLong();
            if (!options.follow() || done) {
                break;
            }
            pause();
        }
        UtxoIngestReport report = total != null ? total : UtxoIngestReport.empty(blocksSource());
        return report.withRolledBack(rolledBack).withStopped(stopping);
    }

    private String blocksSource() {
        return "the node at " + node.url();
    }

    /** The checkpoint if the node still has its block; else the last block both agree on, rolled back to. */
    private Checkpoint reconcile(Checkpoint checkpoint) {
        if (node.blockHash(checkpoint.number()).equals(checkpoint.hash())) {
            return checkpoint;
        }
        long lowest = Math.max(0, checkpoint.number() - options.maxReorgDepth());
        Map<Long, String> stored = store.blockHashes(Chain.BITCOIN, lowest, checkpoint.number());
        for (long n = checkpoint.number() - 1; n >= lowest; n--) {
            String nodeHash = node.blockHash(n);
            String storedHash = stored.get(n);
            if (storedHash == null || storedHash.equals(nodeHash)) {
                // Agreement, or the bottom of what this graph holds: everything above n goes.
                Checkpoint keep = new Checkpoint(Chain.BITCOIN, n, nodeHash);
                store.rollback(keep);
                LOG.warn("bitcoin: reorganisation: the node replaced block {}; rolled back blocks {}-{} with their "
                        + "transactions", n + 1, n + 1, checkpoint.number());
                return keep;
            }
        }
        throw new IngestException("bitcoin: the node's chain differs from the stored one for more than "
                + options.maxReorgDepth() + " blocks below block " + checkpoint.number()
                + ": not a reorganisation but another chain or another node; refusing to roll back");
    }

    private void pause() {
        try {
            long until = System.nanoTime() + options.poll().toNanos();
            while (!stopping && System.nanoTime() < until) {
                Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }
}
