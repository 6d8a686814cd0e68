package org.chaintrail.ingest.etl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chaintrail.ingest.BackgroundWriter;
import org.chaintrail.model.Approval;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Block;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.WriteBatch;

/**
 * Gathers validated transfers and approvals into {@link WriteBatch}es of at most {@code batchSize} of
 * them, each carrying the blocks and assets its transfers and approvals are the first to reference, and hands each
 * full batch to the writer, which stores it in one transaction. Every record in a batch was built
 * (and so validated) before the batch is handed over: a malformed row stops the import before its
 * batch reaches the store.
 */
final class TransferBatcher {
    private final BackgroundWriter<WriteBatch> writer;
    private final int batchSize;
    private final Map<Long, Block> blocks;
    private final TokenCatalog tokens;

    private final List<Transfer> transfers = new ArrayList<>();
    private final List<Approval> approvals = new ArrayList<>();
    private final List<Block> pendingBlocks = new ArrayList<>();
    private final List<Asset> pendingAssets = new ArrayList<>();
    private final Set<Long> queuedBlocks = new HashSet<>();
    private final Set<String> queuedAssets = new HashSet<>();
    private long tokenAssets;

    /**
     * @param writer    where batches go
     * @param batchSize the most transfers per batch
     * @param blocks    the blocks read so far, by number; a transfer's block rides along with it
     * @param tokens    the asset metadata
     */
    TransferBatcher(BackgroundWriter<WriteBatch> writer, int batchSize, Map<Long, Block> blocks, TokenCatalog tokens) {
        this.writer = writer;
        this.batchSize = batchSize;
        this.blocks = blocks;
        this.tokens = tokens;
    }

    /** Adds a transfer; hands the batch over once it is full. */
    void add(Transfer transfer) {
        transfers.add(transfer);
        referenced(transfer.blockNumber(), transfer.assetKey());
    }

    /** Adds an approval, which rides in the batches like a transfer; hands the batch over once it is full. */
    void add(Approval approval) {
        approvals.add(approval);
        referenced(approval.blockNumber(), approval.token());
    }

    /** Queues what the record just added references, then hands the batch over if it is full. */
    private void referenced(long blockNumber, String assetKey) {
        Block block = blocks.get(blockNumber);
        if (block != null) {
            queueBlock(block);
        }
        queueAsset(tokens.assetFor(assetKey));
        if (transfers.size() + approvals.size() >= batchSize) {
            flush();
        }
    }

    /**
     * Hands over what is pending, then every block and file token that no transfer referenced, so
     * that the graph holds all the export's blocks and token metadata.
     */
    void finish(Collection<Block> allBlocks, Collection<Asset> fileTokens) {
        for (Block block : allBlocks) {
            queueBlock(block);
            flushIfManyRecords();
        }
        for (Asset token : fileTokens) {
            queueAsset(token);
            flushIfManyRecords();
        }
        flush();
    }

    /** Distinct token (not native) assets queued; all of them are handed over once {@link #finish} returns. */
    long tokenAssets() {
        return tokenAssets;
    }

    private void queueBlock(Block block) {
        if (queuedBlocks.add(block.number())) {
            pendingBlocks.add(block);
        }
    }

    private void queueAsset(Asset asset) {
        if (queuedAssets.add(asset.key())) {
            pendingAssets.add(asset);
            if (!asset.isNative()) {
                tokenAssets++;
            }
        }
    }

    private void flushIfManyRecords() {
        if (pendingBlocks.size() + pendingAssets.size() >= batchSize) {
            flush();
        }
    }

    private void flush() {
        if (transfers.isEmpty() && approvals.isEmpty() && pendingBlocks.isEmpty() && pendingAssets.isEmpty()) {
            return;
        }
        // WriteBatch copies the lists, so they can be reused while the writer stores it.
        writer.submit(new WriteBatch(pendingBlocks, pendingAssets, transfers, List.of(), Optional.empty(), approvals));
        transfers.clear();
        approvals.clear();
        pendingBlocks.clear();
        pendingAssets.clear();
    }
}
