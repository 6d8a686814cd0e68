package org.chaintrail.ingest.evm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.model.Approval;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Checkpoint;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the graph current with an EVM (or Tron) node.
 *
 * <p>Blocks are fetched ahead by a bounded pool while earlier ones are written, and written in
 * order, many blocks per transaction, each transaction carrying the checkpoint of its last block:
 * a process killed at any moment resumes exactly after the last block stored, with no gap and no
 * duplicate. Every block must name the block stored before it as its parent; when one does not,
 * the chain has reorganised: the stored blocks whose hashes the node no longer has are rolled back
 * (their transfers and approvals with them) and the new branch is ingested.
 */
public final class EvmIngestor {
    private static final Logger LOG = LoggerFactory.getLogger(EvmIngestor.class);
    private static final int RECEIPTS_PER_REQUEST = 200;
    /** A write also happens after this many blocks without transfers, so the checkpoint keeps up. */
    private static final int BATCH_BLOCKS = 2_000;

    private final GraphStore store;
    private final EvmIngestConfig config;
    private final Chain chain;
    private final Consumer<WriteBatch> sink;
    private volatile boolean stopping;

    // Counters for the report; only the ingest thread touches them.
    private long firstStored = -1;
    private long blocks;
    private long nativeTransfers;
    private long tokenTransfers;
    private long internalTransfers;
    private long approvals;
    private long failedTxs;
    private long reorgs;
    private long rolledBack;
    private boolean nativeWritten;

    public EvmIngestor(GraphStore store, EvmIngestConfig config) {
        this(store, config, store::write);
    }

    /**
     * @param sink where each batch goes instead of {@link GraphStore#write} (a benchmark's baseline
     *             writer, or the write followed by what a --follow run does after each commit, such
     *             as checking watchlists); it must store the batch's checkpoint with its data
     */
    public EvmIngestor(GraphStore store, EvmIngestConfig config, Consumer<WriteBatch> sink) {
        this.store = store;
        this.config = config;
        this.chain = config.chain();
        this.sink = sink;
    }

    /** Asks a running ingest to stop after the transaction it is writing; {@link #run} then returns. */
    public void stop() {
        stopping = true;
    }

    /**
     * Ingests up to the last block asked for (or, following, until {@link #stop}).
     *
     * @throws IngestException naming the block, when the node fails beyond the retries or answers
     *                         something that cannot be a block
     * @throws IllegalArgumentException when the request does not fit the store (no start block,
     *                         or a gap after the checkpoint)
     */
    public EvmIngestReport run() {
        long started = System.nanoTime();
        try (NodeClient node = new NodeClient(config.rpc(), config.timeout(), config.backoff(), config.fetchers() + 1)) {
            Optional<Checkpoint> stored = store.checkpoint(chain);
            long next = firstBlock(stored);
            boolean blockReceipts = probeBlockReceipts(node, next);
            TraceSource traces = resolveTraces(node, next);
            BlockReader reader = new BlockReader(node, chain, config.tokens(), blockReceipts, traces, RECEIPTS_PER_REQUEST);
            TokenMetadata metadata = new TokenMetadata(node, store, chain);
            LiveProgress progress = new LiveProgress(chain.id());
            ExecutorService pool = Executors.newFixedThreadPool(config.fetchers(), daemonThreads());
            Checkpoint checkpoint = stored.orElse(null);
            try {
                while (!stopping) {
                    long head = node.headNumber();
                    if (checkpoint != null) {
                        if (head < checkpoint.number()) {
                            String problem = "the node's head " + head + " is below the checkpoint " + checkpoint.number()
                                    + ": the node is behind the one ingested from, or its chain is shorter";
                            if (!config.follow()) {
                                throw new IngestException(problem);
                            }
                            LOG.warn("{}; waiting", problem);
                            pause();
                            continue;
                        }
                        checkpoint = undoReorg(node, checkpoint);
                        next = checkpoint.number() + 1;
                    }
                    long target = target(head);
                    if (next > target) {
                        if (!config.follow()) {
                            break;
                        }
                        pause();
                        continue;
                    }
                    // With nothing stored yet there is no chain to check the first block against.
                    String parent = checkpoint != null ? checkpoint.hash() : null;
                    Checkpoint reached = ingestRange(pool, reader, metadata, progress, next, target, parent, head);
                    if (reached != null) {
                        checkpoint = reached;
                        next = reached.number() + 1;
                    }
                    // Else the first block did not follow the parent: the loop re-checks from the checkpoint.
                }
            } finally {
                pool.shutdownNow();
            }
            long last = checkpoint != null ? checkpoint.number() : next - 1;
            return new EvmIngestReport(chain.id(), firstStored, last, blocks, nativeTransfers, tokenTransfers,
                    internalTransfers, approvals, failedTxs, reorgs, rolledBack,
                    blockReceipts ? "eth_getBlockReceipts, one call per block" : "eth_getTransactionReceipt, in batches",
                    describe(traces, node), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * Fetches {@code [from, target]} ahead in chunks and writes it in order.
     *
     * @return the checkpoint reached, or null if nothing was written because the chain moved
     *         under the first block
     */
    private Checkpoint ingestRange(ExecutorService pool, BlockReader reader, TokenMetadata metadata, LiveProgress progress,
                                   long from, long target, String parent, long head) {
        Deque<Future<List<FetchedBlock>>> inflight = new ArrayDeque<>();
        long[] scheduled = {from};
        int window = config.fetchers() * 2;
        Runnable fill = () -> {
            while (inflight.size() < window && scheduled[0] <= target && !stopping) {
                long start = scheduled[0];
                long end = Math.min(target, start + config.blocksPerRequest() - 1);
                inflight.add(pool.submit(() -> reader.read(start, end)));
                scheduled[0] = end + 1;
            }
        };
        fill.run();
        List<FetchedBlock> buffer = new ArrayList<>();
        int bufferedTransfers = 0;
        Checkpoint reached = null;
        String expected = parent;
        try {
            while (!inflight.isEmpty()) {
                for (FetchedBlock block : await(inflight.poll())) {
                    if (expected != null && !block.parentHash().equals(expected)) {
                        LOG.warn("{} block {} does not follow the block before it (parent {}, expected {}): "
                                + "the chain reorganised; checking the stored blocks", chain.id(), block.number(),
                                block.parentHash(), expected);
                        if (!buffer.isEmpty()) {
                            reached = write(buffer, metadata, progress, target, head);
                        }
                        return reached;
                    }
                    buffer.add(block);
                    bufferedTransfers += block.transfers().size();
                    expected = block.block().hash();
                }
                fill.run();
                if (bufferedTransfers >= config.batchTransfers() || buffer.size() >= BATCH_BLOCKS
                        || inflight.isEmpty()) {
                    reached = write(buffer, metadata, progress, target, head);
                    buffer.clear();
                    bufferedTransfers = 0;
                }
            }
            return reached;
        } finally {
            inflight.forEach(f -> f.cancel(true));
        }
    }

    private Checkpoint write(List<FetchedBlock> buffer, TokenMetadata metadata, LiveProgress progress, long target, long head) {
        List<Block> blockList = new ArrayList<>(buffer.size());
        List<Transfer> transfers = new ArrayList<>();
        List<Approval> approvalList = new ArrayList<>();
        TreeSet<String> tokens = new TreeSet<>();
        long failed = 0;
        for (FetchedBlock block : buffer) {
            blockList.add(block.block());
            transfers.addAll(block.transfers());
            approvalList.addAll(block.approvals());
            tokens.addAll(block.tokens());
            failed += block.failedTxs();
        }
        List<Asset> assets = new ArrayList<>();
        if (!nativeWritten) {
            assets.add(Asset.nativeCoin(chain));
        }
        assets.addAll(metadata.describeNew(tokens));
        Checkpoint checkpoint = Checkpoint.of(buffer.get(buffer.size() - 1).block());
        sink.accept(new WriteBatch(blockList, assets, transfers, List.of(), Optional.of(checkpoint), approvalList));
        nativeWritten = true;
        if (firstStored < 0) {
            firstStored = buffer.get(0).number();
        }
        blocks += buffer.size();
        failedTxs += failed;
        approvals += approvalList.size();
        for (Transfer t : transfers) {
            if (t.isInternal()) {
                internalTransfers++;
            } else if (t.isNative()) {
                nativeTransfers++;
            } else {
                tokenTransfers++;
            }
        }
        progress.stored(buffer.size(), transfers.size(), checkpoint.number(), target, head);
        return checkpoint;
    }

    /**
     * Compares the checkpoint with the node's block at that height; if the node has replaced it,
     * walks back to the last block both agree on and rolls the store back to it.
     */
    private Checkpoint undoReorg(NodeClient node, Checkpoint checkpoint) {
        if (hashAt(node, checkpoint.number()).equals(checkpoint.hash())) {
            return checkpoint;
        }
        long lowest = Math.max(0, checkpoint.number() - config.maxReorgDepth());
        Map<Long, String> storedHashes = store.blockHashes(chain, lowest, checkpoint.number());
        for (long n = checkpoint.number() - 1; n >= lowest; n--) {
            String nodeHash = hashAt(node, n);
            String storedHash = storedHashes.get(n);
            if (storedHash == null || storedHash.equals(nodeHash)) {
                // Agreement, or the bottom of what this store holds: everything above n goes.
                Checkpoint keep = new Checkpoint(chain, n, nodeHash);
                store.rollback(keep);
                reorgs++;
                rolledBack += checkpoint.number() - n;
                LOG.warn("{}: reorganisation: the node replaced block {}; rolled back blocks {}–{} and their transfers",
                        chain.id(), n + 1, n + 1, checkpoint.number());
                return keep;
            }
        }
        throw new IngestException(chain.id() + ": the node's chain differs from the stored one for more than "
                + config.maxReorgDepth() + " blocks below block " + checkpoint.number()
                + ": not a reorganisation but another chain or another node; refusing to roll back");
    }

    private long firstBlock(Optional<Checkpoint> checkpoint) {
        if (checkpoint.isEmpty()) {
            if (config.fromBlock().isEmpty()) {
                throw new IllegalArgumentException("this store has no " + chain.id()
                        + " checkpoint to resume from: give --from-block");
            }
            return config.fromBlock().getAsLong();
        }
        long next = checkpoint.get().number() + 1;
        if (config.fromBlock().isPresent()) {
            long from = config.fromBlock().getAsLong();
            if (from > next) {
                throw new IllegalArgumentException("the store holds " + chain.id() + " blocks up to "
                        + checkpoint.get().number() + "; starting at " + from + " would leave a gap of "
                        + (from - next) + " blocks: use --from-block " + next + " or lower, or another store");
            }
            if (from < next) {
                LOG.info("{}: blocks up to {} are stored already; resuming at {}", chain.id(), next - 1, next);
            }
        }
        return next;
    }

    private long target(long head) {
        if (config.toBlock().isPresent()) {
            long to = config.toBlock().getAsLong();
            if (to > head) {
                throw new IllegalArgumentException("--to-block " + to + " is beyond the node's head " + head);
            }
            return to;
        }
        return head - config.confirmations();
    }

    private String hashAt(NodeClient node, long number) {
        return chain.canonicalTxHash(node.blocks(number, number, false).get(0).getHash());
    }

    private boolean probeBlockReceipts(NodeClient node, long block) {
        try {
            JsonNode answer = node.probe("eth_getBlockReceipts", List.of(hex(block)));
            if (answer == null || !answer.isArray()) {
                throw new IngestException("eth_getBlockReceipts did not answer a list");
            }
            return true;
        } catch (IngestException e) {
            LOG.info("{}: the node has no eth_getBlockReceipts ({}); asking for receipts one transaction at a time, "
                    + "in batches", chain.id(), e.getMessage());
            return false;
        }
    }

    private TraceSource resolveTraces(NodeClient node, long block) {
        if (config.traces() == TraceSource.OFF) {
            return TraceSource.OFF;
        }
        if (config.traces() != TraceSource.PARITY && supports(node, "debug_traceBlockByNumber",
                List.of(hex(block), Map.of("tracer", "callTracer")))) {
            return TraceSource.DEBUG;
        }
        if (config.traces() != TraceSource.DEBUG && supports(node, "trace_block", List.of(hex(block)))) {
            return TraceSource.PARITY;
        }
        if (config.traces() != TraceSource.AUTO) {
            throw new IllegalArgumentException("the node at " + node.url() + " does not answer "
                    + (config.traces() == TraceSource.DEBUG ? "debug_traceBlockByNumber with the callTracer" : "trace_block"));
        }
        LOG.warn("{}: the node at {} answers neither debug_traceBlockByNumber (callTracer) nor trace_block: "
                + "internal (contract) transfers of native value will NOT be ingested", chain.id(), node.url());
        return TraceSource.OFF;
    }

    private static boolean supports(NodeClient node, String method, List<?> params) {
        try {
            return node.probe(method, params) != null;
        } catch (IngestException e) {
            return false;
        }
    }

    private String describe(TraceSource traces, NodeClient node) {
        return switch (traces) {
            case DEBUG -> "debug_traceBlockByNumber with the callTracer";
            case PARITY -> "trace_block";
            default -> config.traces() == TraceSource.OFF ? "not asked for (--traces off)"
                    : "NOT ingested: the node at " + node.url() + " has no call tracer";
        };
    }

    private void pause() {
        try {
            Thread.sleep(config.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private static List<FetchedBlock> await(Future<List<FetchedBlock>> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("interrupted while fetching blocks", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IngestException("fetching blocks failed: " + e.getCause(), e.getCause());
        }
    }

    private static String hex(long number) {
        return "0x" + Long.toHexString(number);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "chaintrail-fetch-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
