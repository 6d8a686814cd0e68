package org.chaintrail.graph;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.chaintrail.model.Attribution;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Transfer;

/**
 * What tracing and exposure read of the graph: an asset's transfers out of and into a set of
 * addresses, the attributions of addresses and the last block per chain. {@link GraphStore}
 * answers over Bolt; the benchmark suite also answers from arrays in memory, to show how close
 * the Neo4j-backed path comes to that bound with the same algorithm.
 */
public interface TransferGraph {

    /** All transfers of one asset sent by any of the addresses, in chain order. */
    List<Transfer> transfersFrom(Chain chain, String assetKey, Collection<String> addresses);

    /** All transfers of one asset received by any of the addresses, in chain order. */
    List<Transfer> transfersTo(Chain chain, String assetKey, Collection<String> addresses);

    /** Labels and entity of each address that is in the graph; absent addresses are left out. */
    Map<String, Attribution> attributions(Chain chain, Collection<String> addresses);

    /** The highest block stored per chain, keyed by chain id, in key order. */
    Map<String, Long> lastBlocks();
}
