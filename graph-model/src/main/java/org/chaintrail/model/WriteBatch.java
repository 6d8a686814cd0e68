package org.chaintrail.model;

import java.util.List;

/**
 * What one ingest step writes, stored in one transaction: either all of it lands or none does.
 *
 * @param blocks    blocks, for timing and the data snapshot
 * @param assets    asset metadata (symbol, decimals)
 * @param transfers value movements
 * @param labels    attributions
 */
public record WriteBatch(List<Block> blocks, List<Asset> assets, List<Transfer> transfers,
                         List<AddressLabel> labels) {
    public WriteBatch {
        blocks = List.copyOf(blocks);
        assets = List.copyOf(assets);
        transfers = List.copyOf(transfers);
        labels = List.copyOf(labels);
    }

    public static WriteBatch ofLabels(List<AddressLabel> labels) {
        return new WriteBatch(List.of(), List.of(), List.of(), labels);
    }

    public int size() {
        return blocks.size() + assets.size() + transfers.size() + labels.size();
    }
}
