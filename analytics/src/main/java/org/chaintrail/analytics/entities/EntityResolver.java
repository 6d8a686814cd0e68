package org.chaintrail.analytics.entities;

import java.util.Arrays;
import java.util.List;
import org.chaintrail.analytics.clustering.ClusterAttributor;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Membership;
import org.chaintrail.model.ServiceCategory;

/**
 * Rebuilds a chain's entities from its labels and the deposit-address heuristic, and writes them
 * to the graph. The clusters of a UTXO chain are kept ({@code cluster} builds them) and only their
 * attribution is derived again from the labels now stored. Run after every import of transfers
 * or labels; running it twice gives the same graph.
 */
public final class EntityResolver {
    private final GraphStore store;
    private final Chain chain;

    public EntityResolver(GraphStore store, Chain chain) {
        this.store = store;
        this.chain = chain;
    }

    /** Resolves and stores the entities; returns what was found. */
    public Report resolve() {
        List<String> services = Arrays.stream(ServiceCategory.values()).map(ServiceCategory::concept).toList();
        LabelEntities.Result byLabel = new LabelEntities(chain, store.terminalLabels(chain, services)).compute();
        store.replaceEntities(chain, byLabel.entities(), byLabel.memberships());
        if (chain.isUtxo()) {
            List<ClusterAttributor.Conflict> conflicts = new ClusterAttributor(store, chain).refresh();
            return new Report(byLabel.entities().size(), byLabel.memberships().size(), 0, conflicts);
        }
        List<Membership> deposits = new DepositAddressHeuristic(chain, store.depositCandidates(chain)).compute();
        store.addMemberships(deposits);
        return new Report(byLabel.entities().size(), byLabel.memberships().size(), deposits.size(), List.of());
    }

    /**
     * @param entities         entities made from labels
     * @param labelledMembers  addresses that joined an entity by their label
     * @param depositAddresses addresses that joined an exchange by the deposit-address heuristic
     * @param conflicts        clusters whose members' labels name more than one owner
     */
    public record Report(int entities, int labelledMembers, int depositAddresses,
                         List<ClusterAttributor.Conflict> conflicts) {
        public Report {
            conflicts = List.copyOf(conflicts);
        }

        /** One line for people. */
        public String describe() {
            return entities + " entities from " + labelledMembers + " labelled address(es); " + depositAddresses
                    + " deposit address(es) joined their exchange"
                    + (conflicts.isEmpty() ? "" : "; " + conflicts.size() + " cluster(s) with conflicting labels");
        }
    }
}
