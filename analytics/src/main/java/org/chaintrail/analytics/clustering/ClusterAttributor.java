package org.chaintrail.analytics.clustering;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.chaintrail.graph.ClusterStore;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Chain;
import org.chaintrail.model.ConfidenceLevel;
import org.chaintrail.model.Entity;

/**
 * Gives each cluster the attribution of its labelled members: a label on one member names the
 * whole cluster. A cluster whose members' labels name two owners (two exchanges, say) is a
 * conflict: its name lists both and it is reported, never resolved silently in favour of one.
 * The cluster's confidence is its weakest link: the lowest of its owners' confidence and of the
 * rules the clusters were made with ({@link ConfidenceLevel#ofLink}).
 * Run after clustering and after every label import.
 */
public final class ClusterAttributor {
    private final ClusterStore clusters;
    private final Chain chain;

    public ClusterAttributor(GraphStore store, Chain chain) {
        this.clusters = store.clusters();
        this.chain = chain;
    }

    /**
     * A cluster whose labels name more than one owner.
     *
     * @param entityId the cluster
     * @param owners   the label entities its members belong to, by id
     */
    public record Conflict(String entityId, List<String> owners) {
        public Conflict {
            owners = List.copyOf(owners);
        }
    }

    /** Re-derives every cluster's attribution from the labels now stored; returns the conflicts. */
    public List<Conflict> refresh() {
        ConfidenceLevel rules = clusters.state(chain).map(s -> s.heuristics().stream().map(ConfidenceLevel::ofLink)
                .reduce(ConfidenceLevel.OVERRIDE, ConfidenceLevel::weakest)).orElse(ConfidenceLevel.FORENSIC);
        List<ClusterStore.ClusterAttribution> rows = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        clusters.labelledClusters(chain).forEach((id, groups) -> {
            List<Entity> owners = groups.stream().sorted(Comparator.comparing(Entity::id)).toList();
            List<String> ids = owners.stream().map(Entity::id).toList();
            String confidence = owners.stream().map(o -> ConfidenceLevel.ofId(o.confidence()))
                    .reduce(rules, ConfidenceLevel::weakest).id();
            if (owners.size() == 1) {
                Entity owner = owners.get(0);
                rows.add(new ClusterStore.ClusterAttribution(id, owner.name(), owner.category(), ids, false, confidence));
                return;
            }
            // A service among the owners decides the category, so a trace still stops here.
            String category = owners.stream().filter(Entity::isService).findFirst().orElse(owners.get(0)).category();
            String name = "conflict: " + String.join(" | ", owners.stream().map(Entity::name).toList());
            rows.add(new ClusterStore.ClusterAttribution(id, name, category, ids, true, confidence));
            conflicts.add(new Conflict(id, ids));
        });
        clusters.attribute(chain, rows);
        return conflicts;
    }
}
