/**
 * Address clustering for Bitcoin, in memory and without the graph: {@link
 * org.chaintrail.analytics.clustering.UtxoClusterer} takes {@link
 * org.chaintrail.analytics.clustering.ClusterTx}s in chain order, with addresses as dense int ids,
 * and joins addresses into entities by common-input ownership and, when asked, change-address
 * rules ({@link org.chaintrail.analytics.clustering.UtxoHeuristic}), skipping CoinJoins ({@link
 * org.chaintrail.analytics.clustering.CoinJoinDetector}). {@link
 * org.chaintrail.analytics.clustering.TxLinker} gives the same links with their evidence, one
 * transaction at a time, for explaining an entity.
 *
 * <p>Reading transactions from the graph, assigning the dense ids and writing entities back are
 * the graph side's; nothing here knows Neo4j.
 *
 * <p>Papers: Meiklejohn et al., "A Fistful of Bitcoins", IMC 2013; Kalodner et al., "BlockSci",
 * USENIX Security 2020; Möser and Böhme, "Join Me on a Market for Anonymity", WPES 2016.
 */
package org.chaintrail.analytics.clustering;
