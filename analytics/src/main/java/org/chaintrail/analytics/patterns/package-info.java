/**
 * Laundering and fraud patterns found in the transfers of one asset: peel chains
 * ({@link org.chaintrail.analytics.patterns.PeelChainDetector}) and victim fan-in
 * ({@link org.chaintrail.analytics.patterns.VictimFanInDetector}). Detectors read the graph
 * through {@link org.chaintrail.graph.GraphStore} in batches, keep money in exact base units and
 * use Apache Commons Math only for the descriptive statistics they report.
 */
package org.chaintrail.analytics.patterns;
