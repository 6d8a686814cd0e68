package org.chaintrail.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one ingest step writes, stored in one transaction: either all of it lands or none does.
 *
 * @param blocks     blocks, for timing and the data snapshot
 * @param assets     asset metadata (symbol, decimals)
 * @param transfers  value movements
 * @param labels     attributions
 * @param checkpoint where a live ingest stands once this batch is stored, if it comes from one:
 *                   stored in the same transaction, so the data and the checkpoint never disagree
 * @param approvals  token approvals the batch's blocks emitted (a live ingest or an export's logs)
 */
public record WriteBatch(List<Block> blocks, List<Asset> assets, List<Transfer> transfers,
                         List<AddressLabel> labels, Optional<Checkpoint> checkpoint, List<Approval> approvals) {
    public WriteBatch {
        blocks = List.copyOf(blocks);
        assets = List.copyOf(assets);
        transfers = List.copyOf(transfers);
        labels = List.copyOf(labels);
        Objects.requireNonNull(checkpoint, "checkpoint");
        approvals = List.copyOf(approvals);
    }

    /** A batch without approvals. */
    public WriteBatch(List<Block> blocks, List<Asset> assets, List<Transfer> transfers, List<AddressLabel> labels,
                      Optional<Checkpoint> checkpoint) {
        this(blocks, assets, transfers, labels, checkpoint, List.of());
    }

    public WriteBatch(List<Block> blocks, List<Asset> assets, List<Transfer> transfers, List<AddressLabel> labels) {
        this(blocks, assets, transfers, labels, Optional.empty());
    }

    public static WriteBatch ofLabels(List<AddressLabel> labels) {
        return new WriteBatch(List.of(), List.of(), List.of(), labels);
    }

    public int size() {
        return blocks.size() + assets.size() + transfers.size() + labels.size() + (checkpoint.isPresent() ? 1 : 0)
                + approvals.size();
    }
}
