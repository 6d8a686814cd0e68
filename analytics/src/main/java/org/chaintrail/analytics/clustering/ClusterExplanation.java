package org.chaintrail.analytics.clustering;

import java.util.List;
import java.util.Optional;
import org.chaintrail.model.Chain;

/**
 * Why two addresses are one entity: chains of links from {@code a} to {@code b}, shortest first.
 *
 * @param chain    the chain
 * @param a        the first address, canonical
 * @param b        the second address, canonical
 * @param entityId the entity both belong to, empty if they do not share one
 * @param paths    chains of links from {@code a} to {@code b}, shortest first (empty if none was found)
 * @param note     for people: how the answer was found, or why there is none
 */
public record ClusterExplanation(Chain chain, String a, String b, Optional<String> entityId,
                                 List<List<ClusterLink>> paths, String note) {
    public ClusterExplanation {
        paths = paths.stream().map(List::copyOf).toList();
    }
}
