package org.chaintrail.analytics.clustering;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.chaintrail.model.Chain;

/**
 * What a clustering run did.
 *
 * @param chain        the chain
 * @param heuristics   the heuristics applied, by name
 * @param blocks       blocks read
 * @param transactions transactions read
 * @param coinJoins    transactions skipped as CoinJoins, by shape
 * @param links        links found, by heuristic
 * @param merges       links that joined two clusters, by heuristic
 * @param moved        addresses whose cluster was new or changed
 * @param conflicts    clusters whose labels name more than one owner
 * @param elapsed      wall time
 */
public record ClusterReport(Chain chain, List<String> heuristics, long blocks, long transactions,
                            Map<String, Long> coinJoins, Map<String, Long> links, Map<String, Long> merges,
                            long moved, List<ClusterAttributor.Conflict> conflicts, Duration elapsed) {
    public ClusterReport {
        heuristics = List.copyOf(heuristics);
        conflicts = List.copyOf(conflicts);
        coinJoins = Map.copyOf(new TreeMap<>(coinJoins));
        links = Map.copyOf(new TreeMap<>(links));
        merges = Map.copyOf(new TreeMap<>(merges));
    }

    static ClusterReport nothing(Chain chain, List<String> heuristics) {
        return new ClusterReport(chain, heuristics, 0, 0, Map.of(), Map.of(), Map.of(), 0, List.of(), Duration.ZERO);
    }

    /** Lines for people. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>(List.of(
                "clustered " + chain.id() + " with " + String.join(", ", heuristics) + ": " + blocks + " new block(s), "
                        + transactions + " transaction(s) in " + elapsed.toMillis() + " ms",
                "  CoinJoins skipped: " + (coinJoins.isEmpty() ? "none" : new TreeMap<>(coinJoins)),
                "  links found: " + new TreeMap<>(links) + "; that joined two clusters: " + new TreeMap<>(merges),
                "  addresses that joined or changed cluster: " + moved));
        conflicts.forEach(c -> lines.add("  CONFLICT: " + c.entityId() + " holds addresses labelled as " + c.owners()));
        return lines;
    }
}
