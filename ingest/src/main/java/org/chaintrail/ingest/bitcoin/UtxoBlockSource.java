package org.chaintrail.ingest.bitcoin;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoOutput;

/** Blocks of a UTXO chain in chain order: raw block files, a node, an export. */
public interface UtxoBlockSource extends AutoCloseable {
    /** The next block, or empty when the source has no more. */
    Optional<UtxoBlock> next();

    /**
     * Looks up outputs that the graph lacks, for an ingest that started mid-chain; a source that
     * cannot (files) answers none.
     */
    default Map<OutPoint, UtxoOutput> prevouts(Collection<OutPoint> outpoints) {
        return Map.of();
    }

    /** What the source is, for messages ({@code blk files in /data/blocks}). */
    String describe();

    @Override
    void close();
}
