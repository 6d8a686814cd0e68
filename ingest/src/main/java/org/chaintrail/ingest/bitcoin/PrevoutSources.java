package org.chaintrail.ingest.bitcoin;

/**
 * Where the spent outputs of an ingest's inputs were found.
 *
 * @param cache  the cache of recent outputs, or the input's own block
 * @param graph  the graph, one query per block
 * @param source the source itself (a node's {@code getrawtransaction})
 */
public record PrevoutSources(long cache, long graph, long source) {
}
