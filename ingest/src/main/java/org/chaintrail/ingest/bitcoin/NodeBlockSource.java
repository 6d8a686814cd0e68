package org.chaintrail.ingest.bitcoin;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.chaintrail.model.OutPoint;
import org.chaintrail.model.UtxoBlock;
import org.chaintrail.model.UtxoOutput;

/**
 * Blocks from a Bitcoin Core node by height, up to a last height fixed when the source is made
 * (the tip less the confirmations, or the one asked for). Spent outputs the graph lacks come from
 * the node's {@code getrawtransaction}, which needs {@code -txindex=1} for old outputs.
 */
public final class NodeBlockSource implements UtxoBlockSource {
    private final BitcoinCoreClient node;
    private final long last;
    private long next;

    /**
     * @param node  the node
     * @param first the first height to fetch
     * @param last  the last height to fetch
     */
    public NodeBlockSource(BitcoinCoreClient node, long first, long last) {
        if (first < 0) {
            throw new IllegalArgumentException("first block must not be negative, was " + first);
        }
        this.node = node;
        this.next = first;
        this.last = last;
    }

    @Override
    public Optional<UtxoBlock> next() {
        if (next > last) {
            return Optional.empty();
        }
        return Optional.of(node.block(next++));
    }

    @Override
    public Map<OutPoint, UtxoOutput> prevouts(Collection<OutPoint> outpoints) {
        return node.prevouts(outpoints);
    }

    @Override
    public String describe() {
        return "the node at " + node.url();
    }

    @Override
    public void close() {
        // The client holds no connection between requests.
    }
}
